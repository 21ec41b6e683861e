/**
 * Aider 0.86 (the real CLI, from the project's venv) through the worker's pipeline, against the
 * local OpenAI Chat Completions API: worktree → agent → judgement → push → pull request.
 */
import { chmod, mkdir, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src-main/engine/config/load-config.ts';
import { AGENT_TOOLS } from './agent-tools.ts';
import { KEYS, MODEL, REPO, editingModel, startAgentWorld, type AgentWorld } from './agent-world.ts';

/** Longer than Rich's 80 columns once "Applied edit to " is in front of it. */
const LONG_PATH = 'docs/a-rather-long-folder-name/another-long-folder/greeting-for-the-whole-world.txt';

describe('Aider in the loop', () => {
  let w: AgentWorld;
  beforeAll(async () => {
    w = await startAgentWorld('aider');
  });
  afterAll(async () => {
    await w.close();
  });
  afterEach(() => {
    w.h.fake.assertNoViolations();
    w.api.clear();
    w.api.script(editingModel('aider', 'greeting.txt', 'Hello, world!\n'));
  });

  it('opens a pull request with its change; edits, commit and cost are read from unwrapped lines', async () => {
    w.api.script(editingModel('aider', LONG_PATH, 'Hello, world!\n'));
    const run = await w.h.run(w.h.issue(201, 'real'), { pipeline: w.h.pipeline(w.config()) });
    expect(run.result).toMatchObject({ kind: 'success' });
    expect(await w.h.remotes.readFile(REPO, 'ai-task/issue-201', LONG_PATH)).toBe('Hello, world!\n');
    expect(await w.h.remotes.commitsAhead(REPO, 'ai-task/issue-201')).toContain('feat: add the greeting');
    expect(w.h.fake.pulls(REPO).some((p) => p.head === 'ai-task/issue-201')).toBe(true);
    // Rich wraps at 80 columns on a pipe unless COLUMNS is set: the path would be on a line of its own.
    expect(run.lines).toContain(`Applied edit to ${LONG_PATH}`);
    expect(run.record.usage?.costUsd).toBeGreaterThan(0);
    expect(run.record.usage?.tokensSent).toBeGreaterThan(0);
    const [first] = w.api.requestsTo('chat');
    expect(first!.headers.authorization).toBe(`Bearer ${KEYS.openai}`);
  });

  it('keeps model metadata and its analytics opt-out in the agent cache, with no secret, across jobs', async () => {
    const cache = join(w.h.dataDir, 'agent-cache', 'aider');
    const run = await w.h.run(w.h.issue(202, 'real'), { pipeline: w.h.pipeline(w.config()) });
    expect(run.result).toMatchObject({ kind: 'success' });
    expect(existsSync(join(cache, 'caches', 'model_prices_and_context_window.json'))).toBe(true);
    expect(JSON.parse(await readFile(join(cache, 'analytics.json'), 'utf8'))).toMatchObject({
      permanently_disable: true,
    });
    expect(existsSync(join(cache, 'oauth-keys.env'))).toBe(false);
    // The next job's HOME links to the same cache.
    const again = await w.h.run(w.h.issue(203, 'real'), { pipeline: w.h.pipeline(w.config()) });
    expect(again.result).toMatchObject({ kind: 'success' });
    expect(await readlink(join(w.h.dataDir, 'jobs', again.jobId, 'home', '.aider'))).toBe(cache);
  });

  it('fails for good on a rejected key, on the first delivery', async () => {
    w.api.script(() => ({ kind: 'fault', status: 401, message: 'Incorrect API key provided' }));
    const run = await w.h.run(w.h.issue(204, 'real'), { pipeline: w.h.pipeline(w.config()) });
    expect(run.result.kind).toBe('permanent');
    expect(run.result.kind === 'permanent' && run.result.reason).toContain(
      'the model API rejected the key for aider',
    );
    expect(run.record.outcome).toBe('quarantined');
  });

  it('lets Aider retry a rate limit, and finishes the job', async () => {
    let limited = 0;
    const model = editingModel('aider', 'greeting.txt', 'Hello, world!\n');
    w.api.script((request) =>
      limited++ === 0
        ? { kind: 'fault', status: 429, message: 'slow down', retryAfterSeconds: 1 }
        : model(request),
    );
    const run = await w.h.run(w.h.issue(205, 'real'), { pipeline: w.h.pipeline(w.config()) });
    expect(run.result).toMatchObject({ kind: 'success' });
    expect(w.api.requests.some((r) => r.answeredWith === '429')).toBe(true);
  });

  it('stops at once with the reason when no model and no key are set, and opens no browser', async () => {
    // A user's ~/.aider.conf.yml could name a model, so the worker lets Aider start and reads what it says.
    await writeFile(join(w.h.home, '.aider.conf.yml'), '# no model here\ncheck-update: false\n');
    const browsers = join(w.h.home, 'browsers');
    await mkdir(browsers, { recursive: true });
    const opened = join(w.h.home, 'opened.txt');
    for (const name of [
      'www-browser',
      'x-www-browser',
      'sensible-browser',
      'xdg-open',
      'lynx',
      'w3m',
      'links',
      'elinks',
      'open',
    ]) {
      await writeFile(join(browsers, name), `#!/bin/sh\necho "${name} $*" >> ${opened}\n`);
      await chmod(join(browsers, name), 0o755);
    }
    const environment = { ...w.h.environment, PATH: `${browsers}:${w.h.environment.PATH}` };
    delete (environment as Record<string, string | undefined>).OPENAI_API_KEY;
    delete (environment as Record<string, string | undefined>).ANTHROPIC_API_KEY;
    const run = await w.h.run(w.h.issue(206, 'real'), {
      pipeline: w.h.pipeline({ ...w.config({ agent: { model: null } }), environment }),
    });
    await rm(join(w.h.home, '.aider.conf.yml'));
    expect(run.result.kind).toBe('permanent');
    expect(run.result.kind === 'permanent' && run.result.reason).toBe(
      'aider is not configured: No LLM model was specified and no API keys were provided.',
    );
    expect(existsSync(opened)).toBe(false);
    expect(w.api.requests).toHaveLength(0);
  });

  it('runs the Aider named by CODINGWORKER_AGENT_COMMAND with every Aider flag (a pipx install)', async () => {
    const config = loadConfig({
      env: {
        CODINGWORKER_QUEUE_URL: 'http://127.0.0.1:9324/000000000000/codingworker-tasks',
        CODINGWORKER_AGENT_COMMAND: AGENT_TOOLS.aider.path,
        CODINGWORKER_AGENT_MODEL: MODEL.aider,
      },
    });
    expect(config.agent.preset).toBe('aider');
    const run = await w.h.run(w.h.issue(207, 'real'), {
      pipeline: w.h.pipeline({
        config: { agent: config.agent },
        limits: { idleOutputMs: 120_000, killGraceMs: 2000 },
      }),
    });
    expect(run.result).toMatchObject({ kind: 'success' });
    // The prompt reached the model through --message-file, not as a file name to edit.
    expect(w.api.requestsTo('chat')[0]!.text).toContain('Fix the greeting (real)');
  });

  it('fails for good, with Aider’s own words, when it cannot read the user’s settings file', async () => {
    await writeFile(join(w.h.home, '.aider.conf.yml'), '# only a comment\n');
    const run = await w.h.run(w.h.issue(208, 'real'), { pipeline: w.h.pipeline(w.config()) });
    await rm(join(w.h.home, '.aider.conf.yml'));
    expect(run.result.kind).toBe('permanent');
    expect(run.result.kind === 'permanent' && run.result.reason).toMatch(
      /^aider is not configured: aider: error: The config file doesn't appear to contain 'key: value' pairs/,
    );
  });
});
