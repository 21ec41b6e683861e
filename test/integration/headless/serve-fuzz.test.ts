/**
 * `codingworker serve` in its own process, a job running, and a client with the token sending
 * everything a broken or hostile client could: malformed, unmasked, oversized and invalid-UTF-8
 * frames, floods and random JSON to the bridge, garbage to /healthz. The server must stay up,
 * keep answering, and the job must finish and open its pull request as if nothing happened.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startCliWorker, until, type CliWorker } from '../../support/cli-worker.ts';
import { createGitRemotes, type GitRemotes } from '../../support/git-remote.ts';
import { GitHubFake } from '../../support/github-fake/github-fake.ts';
import { startLocalSqs, type LocalSqs } from '../../support/local-sqs.ts';
import { sampleTask } from '../../support/sample-task.ts';
import { sendBody } from '../worker/harness.ts';

const AGENT = fileURLToPath(new URL('../../fixtures/sandbox/crash-agent.mjs', import.meta.url));
const REPO = 'octo-org/hello-world';
const TOKEN = 'ghp_FuzzTestToken0123456789abcdefghijABCDEFG';
const UI_TOKEN = 'fuzz-ui-token-0123456789abcdefghij';

let sqs: LocalSqs;
let remotes: GitRemotes;
let fake: GitHubFake;
let dataDir: string;
let serve: CliWorker;
let port: number;

beforeAll(async () => {
  sqs = await startLocalSqs();
  remotes = await createGitRemotes();
  await remotes.create(REPO);
  fake = await GitHubFake.start({
    token: TOKEN,
    branchExists: async (owner, repo, branch) =>
      (await remotes.branchSha(`${owner}/${repo}`, branch)) !== null,
  });
  fake.addRepo(REPO, { collaborators: { alice: 'admin' } });
  dataDir = await mkdtemp(join(tmpdir(), 'cw-fuzz-'));
  const { queueUrl } = await sqs.createQueuePair('serve-fuzz');
  fake.addIssue(REPO, { number: 71, title: 'Fix the greeting', body: 'Please fix it.', labeledBy: 'alice' });
  serve = await startCliWorker({
    command: 'serve',
    dataDir,
    sqsEndpoint: sqs.endpoint,
    token: TOKEN,
    env: { CODINGWORKER_UI_TOKEN: UI_TOKEN },
    config: {
      queueUrl,
      repositories: [REPO],
      agent: { preset: 'custom', command: [process.execPath, AGENT, 'slow', '8000'] },
      github: { apiUrl: fake.url, serverUrl: remotes.serverUrl },
    },
  });
  const url = await until(
    'the UI URL',
    () => /CodingWorker UI: http:\/\/127\.0\.0\.1:(\d+)\//.exec(serve.output()),
    60_000,
  );
  port = Number(url![1]);
  await sendBody(
    sqs,
    queueUrl,
    JSON.stringify(sampleTask({ repository: REPO, issue_number: 71, body: 'Please fix it.' })),
  );
}, 90_000);
afterAll(async () => {
  serve.child.kill('SIGKILL');
  await fake.stop();
  await sqs.stop();
  await remotes.remove();
  await rm(dataDir, { recursive: true, force: true });
});

/** A deterministic source of "random" bytes, so a failure can be replayed. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

function frame(
  opcode: number,
  payload: Buffer,
  options: { mask?: boolean; fin?: boolean; rsv?: number; claimedLength?: number } = {},
): Buffer {
  const { mask = true, fin = true, rsv = 0 } = options;
  const length = options.claimedLength ?? payload.length;
  const head: number[] = [(fin ? 0x80 : 0) | (rsv << 4) | opcode];
  const maskBit = mask ? 0x80 : 0;
  if (length < 126) head.push(maskBit | length);
  else if (length < 65_536) head.push(maskBit | 126, length >> 8, length & 0xff);
  else {
    head.push(maskBit | 127);
    const big = Buffer.alloc(8);
    big.writeBigUInt64BE(BigInt(length));
    head.push(...big);
  }
  if (!mask) return Buffer.concat([Buffer.from(head), payload]);
  const key = randomBytes(4);
  const masked = Buffer.from(payload.map((byte, i) => byte ^ key[i % 4]!));
  return Buffer.concat([Buffer.from(head), key, masked]);
}

/** A raw, authenticated WebSocket connection; resolves once upgraded. */
function rawBridge(): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => undefined);
    socket.once('connect', () =>
      socket.write(
        `GET /bridge?token=${UI_TOKEN} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: http://127.0.0.1:${port}\r\n` +
          `Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n` +
          'Sec-WebSocket-Version: 13\r\n\r\n',
      ),
    );
    socket.once('data', (chunk) =>
      String(chunk).startsWith('HTTP/1.1 101') ? resolve(socket) : reject(new Error(String(chunk))),
    );
  });
}

async function sendRaw(bytes: Buffer): Promise<void> {
  const socket = await rawBridge();
  await new Promise<void>((resolve) => {
    socket.once('close', () => resolve());
    socket.write(bytes);
    // The server closes a connection that broke the protocol; one that did not is closed here.
    setTimeout(() => socket.destroy(), 300).unref();
  });
}

function rawHttp(text: string | Buffer): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => resolve());
    socket.once('close', () => resolve());
    socket.once('connect', () => {
      socket.write(text);
      setTimeout(() => socket.destroy(), 200).unref();
    });
  });
}

function client(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/bridge?token=${UI_TOKEN}`, {
      headers: { Origin: `http://127.0.0.1:${port}` },
    });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function healthz(): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/healthz' }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('codingworker serve under a hostile client', () => {
  it('stays up, keeps answering, and lets the running job finish', { timeout: 120_000 }, async () => {
    await until(
      'the job to start',
      () => /working \d+/.test(serve.output()) || fake.pulls(REPO).length > 0,
      60_000,
    );
    const random = prng(20_261_208);
    const text = (s: string) => Buffer.from(s, 'utf8');

    // Frames ws must refuse: each would end a server without an error listener.
    await sendRaw(frame(1, Buffer.from([0xc3, 0x28, 0xff, 0xfe]))); // invalid UTF-8
    await sendRaw(frame(1, text('{"id":1,"command":"getSnapshot","params":{}}'), { mask: false })); // unmasked
    await sendRaw(frame(1, Buffer.alloc(1024, 0x61), { claimedLength: 300 * 1024 })); // over maxPayload
    await sendRaw(frame(1, Buffer.alloc(300 * 1024, 0x61))); // over maxPayload, really sent
    await sendRaw(frame(3, text('x'))); // reserved opcode
    await sendRaw(frame(1, text('{}'), { rsv: 4 })); // RSV1 without an extension
    await sendRaw(frame(9, Buffer.alloc(200, 1))); // control frame over 125 bytes
    await sendRaw(frame(9, text('ping'), { fin: false })); // fragmented control frame
    await sendRaw(frame(8, Buffer.from([0x03, 0xe7]))); // close with an invalid code
    await sendRaw(Buffer.concat([frame(1, text('{"id":'), { fin: false }), frame(1, text('1}'))])); // continuation missing
    for (let i = 0; i < 20; i++)
      await sendRaw(
        Buffer.from(Array.from({ length: 1 + Math.floor(random() * 64) }, () => Math.floor(random() * 256))),
      );

    // Requests the bridge must answer with an error, not silence and not a crash.
    const ws = await client();
    const replies: { id: number; ok: boolean; error?: { code: string } }[] = [];
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as { id?: number; ok?: boolean; type?: string };
      if (message.type === undefined) replies.push(message as (typeof replies)[number]);
    });
    const malformed = [
      'not json',
      '[]',
      'null',
      '{"id":"x"}',
      '{"id":1.5,"command":"getSnapshot"}',
      '{"id":2,"command":"nope"}',
      '{"id":3,"command":"pause","params":{"until":[[[[]]]]}}',
      '['.repeat(5000) + ']'.repeat(5000),
    ];
    for (const message of malformed) ws.send(message);
    ws.send(Buffer.from('binary'), { binary: true });
    for (let i = 0; i < 100; i++) {
      const value = randomJson(random, 0);
      ws.send(
        JSON.stringify(random() < 0.5 ? value : { id: 1000 + i, command: 'getSnapshot', params: value }),
      );
    }
    await until('an answer to every request', () => replies.length >= malformed.length + 1 + 100, 20_000);
    expect(replies.filter((reply) => !reply.ok).length).toBeGreaterThanOrEqual(malformed.length + 1);
    expect(replies.slice(0, malformed.length + 1).every((reply) => !reply.ok)).toBe(true);

    // /healthz and plain HTTP garbage.
    await rawHttp('GARBAGE / HTTP/1.1\r\n\r\n');
    await rawHttp(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX: ${'a'.repeat(70_000)}\r\n\r\n`);
    await rawHttp('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:');
    await rawHttp(Buffer.from([0x16, 0x03, 0x01, 0x00, 0xff, 0x01])); // a TLS hello
    for (let i = 0; i < 10; i++) await rawHttp(randomBytes(1 + Math.floor(random() * 300)));

    // Still up, still answering, and a well-formed request still works on the same connection.
    expect(serve.child.exitCode).toBeNull();
    expect(await healthz()).toBe(200);
    const answered = new Promise<{ id: number; ok: boolean }>((resolve) =>
      ws.on('message', (data) => {
        const message = JSON.parse(String(data)) as { id: number; ok: boolean };
        if (message.id === 424_242) resolve(message);
      }),
    );
    ws.send(JSON.stringify({ id: 424_242, command: 'getSnapshot', params: {} }));
    expect((await answered).ok).toBe(true);
    ws.close();

    // The job was not disturbed: it finishes and opens its pull request.
    const pull = await until(
      'the pull request',
      () => fake.pulls(REPO).find((p) => p.head === 'ai-task/issue-71'),
      60_000,
    );
    expect(await remotes.commitsAhead(REPO, pull.head)).toEqual(['new agent']);
    expect(serve.child.exitCode).toBeNull();
  });
});

function randomJson(random: () => number, depth: number): unknown {
  const pick = Math.floor(random() * (depth > 3 ? 4 : 6));
  switch (pick) {
    case 0:
      return null;
    case 1:
      return random() < 0.5 ? Math.floor(random() * 1e9) - 5e8 : random() * 1e300;
    case 2:
      return String.fromCharCode(
        ...Array.from({ length: Math.floor(random() * 20) }, () => Math.floor(random() * 0xd7ff)),
      );
    case 3:
      return random() < 0.5;
    case 4:
      return Array.from({ length: Math.floor(random() * 4) }, () => randomJson(random, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: Math.floor(random() * 4) }, (_, i) => [
          ['id', 'command', 'params', '__proto__', 'constructor', `k${i}`][Math.floor(random() * 6)]!,
          randomJson(random, depth + 1),
        ]),
      );
  }
}
