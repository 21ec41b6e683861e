/**
 * Codex 0.171 (the real CLI from npm) through the worker's pipeline, against the local
 * OpenAI Responses API: worktree → agent → judgement → push → pull request.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, REPO, editingModel, startAgentWorld, type AgentWorld } from './agent-world.ts';

describe('Codex in the loop', () => {
  let w: AgentWorld;
  beforeAll(async () => {
    w = await startAgentWorld('codex');
  });
  afterAll(async () => {
    await w.close();
  });
  afterEach(() => {
    w.h.fake.assertNoViolations();
    w.api.clear();
    w.api.script(editingModel('codex', 'greeting.txt', 'Hello, world!\n'));
  });

  it('opens a pull request with its change, and records the session’s tokens', async () => {
    const run = await w.h.run(w.h.issue(101, 'real'), { pipeline: w.h.pipeline(w.config()) });
    expect(run.result).toMatchObject({ kind: 'success' });
    expect(await w.h.remotes.readFile(REPO, 'ai-task/issue-101', 'greeting.txt')).toBe('Hello, world!\n');
    expect(w.h.fake.pulls(REPO).some((p) => p.head === 'ai-task/issue-101')).toBe(true);
    // Codex reports tokens, not cost.
    expect(run.record.usage).toMatchObject({ tokensSent: 2400, tokensReceived: 160, costUsd: null });
    // Its progress is in the log as readable lines, not JSON.
    expect(run.lines.some((l) => /^edited .*greeting\.txt \(add\)$/.test(l))).toBe(true);
    expect(run.lines.some((l) => l.startsWith('Turn completed'))).toBe(true);
    expect(run.lines.some((l) => l.startsWith('{"type"'))).toBe(false);
    // It authenticated with OPENAI_API_KEY (as CODEX_API_KEY) at the gateway in OPENAI_BASE_URL.
    const [first] = w.api.requestsTo('responses');
    expect(first!.headers.authorization).toBe(`Bearer ${KEYS.openai}`);
  });

  it('fails for good on a rejected key, on the first delivery, and stops the agent instead of letting it retry', async () => {
    w.api.script(() => ({ kind: 'fault', status: 401, message: 'Incorrect API key provided' }));
    const run = await w.h.run(w.h.issue(102, 'real'), { pipeline: w.h.pipeline(w.config()) });
    expect(run.result.kind).toBe('permanent');
    expect(run.result.kind === 'permanent' && run.result.reason).toContain(
      'the model API rejected the key for codex',
    );
    expect(run.record.outcome).toBe('quarantined');
    // Every attempt would fail the same way: the message goes to the DLQ now, not after three.
    expect(w.api.requestsTo('responses').length).toBeLessThanOrEqual(3);
  });

  it('lets Codex retry a rate limit, and finishes the job', async () => {
    let limited = 0;
    const model = editingModel('codex', 'greeting.txt', 'Hello, world!\n');
    w.api.script((request) =>
      limited++ === 0
        ? { kind: 'fault', status: 429, message: 'slow down', retryAfterSeconds: 1 }
        : model(request),
    );
    const run = await w.h.run(w.h.issue(103, 'real'), { pipeline: w.h.pipeline(w.config()) });
    expect(run.result).toMatchObject({ kind: 'success' });
    expect(w.api.requests.some((r) => r.answeredWith === '429')).toBe(true);
  });

  it('is not killed as hung while it works longer than the silence limit, because it reports progress', async () => {
    // Each model call takes 2.5 s; the whole session is far longer than the 4 s silence limit.
    w.api.script(editingModel('codex', 'greeting.txt', 'Hello, world!\n'), { firstByteDelayMs: 2500 });
    const run = await w.h.run(w.h.issue(104, 'real'), {
      pipeline: w.h.pipeline(w.config({ idleOutputMs: 4000 })),
    });
    expect(run.result).toMatchObject({ kind: 'success' });
    expect(w.api.requestsTo('responses').length).toBeGreaterThanOrEqual(2);
  });

  it('fails at once, before starting the agent, when no key is configured', async () => {
    const run = await w.h.run(w.h.issue(105, 'real'), {
      pipeline: w.h.pipeline({
        ...w.config(),
        environment: { ...w.h.environment, OPENAI_API_KEY: '' },
      }),
    });
    expect(run.result).toMatchObject({ kind: 'permanent' });
    expect(run.result.kind === 'permanent' && run.result.reason).toMatch(/^no key is configured for codex/);
    expect(w.api.requests).toHaveLength(0);
  });

  it('keeps its own workspace-write sandbox when the worker’s is off', async () => {
    const unconfined = await w.h.run(w.h.issue(106, 'real'), {
      pipeline: w.h.pipeline(w.config({ agent: { sandbox: 'off' } })),
    });
    expect(unconfined.result).toMatchObject({ kind: 'success' });
    expect(unconfined.lines.some((l) => l.startsWith('Sandbox: ') && l.includes('"off"'))).toBe(true);
    expect(await w.h.remotes.readFile(REPO, 'ai-task/issue-106', 'greeting.txt')).toBe('Hello, world!\n');
  });
});
