// The headless server over real sockets: what a hostile local client can and cannot do.
import { request } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { BridgeError } from '../../../shared/bridge.ts';
import type { BridgeService } from '../../../src-main/engine/app/bridge-service.ts';
import { startHeadlessServer, type HeadlessServer } from '../../../src-main/headless/headless-server.ts';

const ui = mkdtempSync(join(tmpdir(), 'cw-ui-'));
writeFileSync(join(ui, 'index.html'), '<!doctype html><title>ui</title>');

const service: BridgeService = {
  handlers: {
    getSnapshot: async () => ({ seq: 7 }),
    sendSampleIssue: async () => {
      throw new BridgeError({ code: 'unavailable', message: 'only the sandbox sends sample issues' });
    },
    getSettings: async () => {
      throw new Error('the store is locked');
    },
  } as unknown as BridgeService['handlers'],
  subscribe: () => () => {},
  watch: () => () => {},
  health: () => ({ status: 'idle' }),
  logFilePath: () => null,
};

let server: HeadlessServer;
beforeAll(async () => {
  server = await startHeadlessServer({ service, rendererDir: ui });
});
afterAll(async () => {
  await server.close();
});

function get(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

function connect(headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/bridge`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

describe('headless server', () => {
  it('answers /healthz without the token, with status only', async () => {
    const response = await get('/healthz');
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ ok: true, status: 'idle' });
  });

  it('refuses /healthz under a foreign Host name (DNS rebinding)', async () => {
    expect((await get('/healthz', { Host: `evil.example:${server.port}` })).status).toBe(403);
  });

  it('sets a port-scoped, HttpOnly, SameSite cookie for the printed URL', async () => {
    const response = await get(`/?token=${server.token}`);
    expect(response.status).toBe(200);
    expect(String(response.headers['set-cookie'])).toMatch(
      new RegExp(`^codingworker_token_${server.port}=.+; HttpOnly; SameSite=Strict; Path=/; Max-Age=\\d+$`),
    );
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('serves the bridge to a client with the token and our origin', async () => {
    const ws = await connect({
      Origin: `http://127.0.0.1:${server.port}`,
      Cookie: `codingworker_token_${server.port}=${server.token}`,
    });
    const reply = new Promise<string>((resolve) => ws.once('message', (data) => resolve(String(data))));
    ws.send(JSON.stringify({ id: 1, command: 'getSnapshot', params: {} }));
    expect(JSON.parse(await reply)).toEqual({ id: 1, ok: true, result: { seq: 7 } });
    ws.close();
  });

  it("passes a handler's own refusal code to the client, and calls anything else a failure", async () => {
    const ws = await connect({
      Origin: `http://127.0.0.1:${server.port}`,
      Cookie: `codingworker_token_${server.port}=${server.token}`,
    });
    const replies: unknown[] = [];
    const two = new Promise<void>((resolve) =>
      ws.on('message', (data) => {
        replies.push(JSON.parse(String(data)));
        if (replies.length === 2) resolve();
      }),
    );
    ws.send(JSON.stringify({ id: 1, command: 'sendSampleIssue', params: {} }));
    ws.send(JSON.stringify({ id: 2, command: 'getSettings', params: {} }));
    await two;
    expect(replies).toContainEqual({
      id: 1,
      ok: false,
      error: { code: 'unavailable', message: 'only the sandbox sends sample issues' },
    });
    expect(replies).toContainEqual({
      id: 2,
      ok: false,
      error: { code: 'failed', message: 'getSettings failed: the store is locked' },
    });
    ws.close();
  });

  it('refuses a WebSocket from another origin, even with the token', async () => {
    await expect(
      connect({
        Origin: 'https://evil.example',
        Cookie: `codingworker_token_${server.port}=${server.token}`,
      }),
    ).rejects.toThrow(/403/);
  });

  it('survives a malformed cookie on a WebSocket upgrade and keeps serving', async () => {
    await expect(connect({ Cookie: `codingworker_token_${server.port}=%E0%A4%A` })).rejects.toThrow(/401/);
    expect((await get('/healthz')).status).toBe(200);
  });

  it('refuses a UI token too short to guard anything', async () => {
    await expect(startHeadlessServer({ service, rendererDir: ui, token: 'short' })).rejects.toThrow(
      /at least 24/,
    );
  });
});
