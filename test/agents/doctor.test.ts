/**
 * `codingworker doctor`'s agent checks against the real agents: installed and new enough, the
 * key variable present, and the optional tiny request to the (local) model API.
 */
import { SQSClient } from '@aws-sdk/client-sqs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workerConfigSchema } from '../../src-main/engine/config/worker-config.ts';
import {
  checkAgentInstalled,
  checkAgentKey,
  checkAgentRequest,
} from '../../src-main/engine/doctor/agent-checks.ts';
import type { DoctorInput } from '../../src-main/engine/doctor/doctor.ts';
import { ModelApiFake } from '../support/model-api/model-api.ts';
import { AGENT_TOOLS, type ToolName } from './agent-tools.ts';

describe('doctor’s agent checks', () => {
  let api: ModelApiFake;
  let dir: string;
  const sqs = new SQSClient({ region: 'us-east-1' });
  beforeAll(async () => {
    api = await ModelApiFake.start();
    dir = await mkdtemp(join(tmpdir(), 'cw-doctor-'));
  });
  afterAll(async () => {
    sqs.destroy();
    await api.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const input = (preset: ToolName, env: Record<string, string>, command?: string[]): DoctorInput => ({
    config: workerConfigSchema.parse({
      queueUrl: 'http://127.0.0.1:9324/000000000000/q',
      dataDir: dir,
      agent: { preset, command: command ?? [AGENT_TOOLS[preset].path], model: null },
    }),
    sqs,
    github: null,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, ...env },
  });

  it('finds each pinned agent and says its version is supported', async () => {
    for (const preset of ['aider', 'claude-code', 'codex'] as const) {
      const check = await checkAgentInstalled(input(preset, {}));
      expect(check.status, `${preset}: ${check.detail}`).toBe('ok');
      expect(check.detail).toMatch(/\d+\.\d+\.\d+ \(supported: .* or later\)$/);
    }
  });

  it('fails an agent older than the supported minimum, and one that is missing, with the fix', async () => {
    const old = join(dir, 'old-aider');
    await writeFile(old, '#!/bin/sh\necho "aider 0.63.0"\n');
    await chmod(old, 0o755);
    const tooOld = await checkAgentInstalled(input('aider', {}, [old]));
    expect(tooOld).toMatchObject({
      status: 'fail',
      detail: `${old} is version 0.63.0; the worker needs 0.86.0 or later.`,
    });
    expect(tooOld.fix).toContain('pipx install aider-chat');
    const missing = await checkAgentInstalled(input('codex', {}, ['no-such-codex']));
    expect(missing).toMatchObject({ status: 'fail', detail: 'no-such-codex was not found on PATH.' });
    expect(missing.fix).toContain('npm install -g @openai/codex');
  });

  it('names the missing key variable', async () => {
    const check = await checkAgentKey(input('claude-code', {}));
    expect(check.status).toBe('fail');
    expect(check.detail).toMatch(/set ANTHROPIC_API_KEY/);
    expect((await checkAgentKey(input('codex', { OPENAI_API_KEY: 'sk-x' }))).detail).toBe(
      'OPENAI_API_KEY is set.',
    );
  });

  it('sends one tiny request with the key when asked, and says when the key is rejected', async () => {
    const env = { ANTHROPIC_API_KEY: 'sk-ant-doctor', ANTHROPIC_BASE_URL: api.url };
    expect((await checkAgentRequest(input('claude-code', env))).status).toBe('ok');
    expect(api.requestsTo('messages')[0]!.headers['x-api-key']).toBe('sk-ant-doctor');
    api.script(() => ({ kind: 'fault', status: 401 }));
    const rejected = await checkAgentRequest(
      input('codex', { OPENAI_API_KEY: 'sk-bad', OPENAI_BASE_URL: `${api.url}/v1` }),
    );
    expect(rejected).toMatchObject({
      status: 'fail',
      detail: 'The model API rejected the key in OPENAI_API_KEY (HTTP 401).',
    });
  });
});
