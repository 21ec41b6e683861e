import { appendFileSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobRecord } from '../../../shared/job-record.ts';
import type { LogLine } from '../../../shared/log-line.ts';
import { createJournal } from '../../../src-main/engine/journal/journal.ts';
import { Redactor } from '../../../src-main/engine/security/redact.ts';
import { until } from '../../support/until.ts';

function record(n: number, extra: Partial<JobRecord> = {}): JobRecord {
  return {
    jobId: `job-${n}`,
    messageId: `m-${n}`,
    issue: { repository: 'o/r', number: n, title: `Issue ${n}` },
    outcome: 'succeeded',
    reason: null,
    prUrl: null,
    branch: `ai-task/issue-${n}`,
    startedAt: '2026-11-20T09:00:00.000Z',
    endedAt: '2026-11-20T09:01:00.000Z',
    phases: [],
    model: 'gpt-4o',
    usage: { tokensSent: 100, tokensReceived: 10, costUsd: 0.01 },
    receiveCount: 1,
    logFile: null,
    ...extra,
  };
}

describe('the journal', () => {
  let dataDir: string;
  let batches: { jobId: string; lines: LogLine[] }[];
  let redactor: Redactor;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cw-journal-'));
    batches = [];
    redactor = new Redactor();
    redactor.add('super-secret-value-123');
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  const journal = (options: { maxRecords?: number; maxBatchesPerSecond?: number } = {}) =>
    createJournal({
      dataDir,
      redactor,
      onLines: (jobId, lines) => batches.push({ jobId, lines }),
      ...options,
    });

  it('writes every line, redacted and numbered, to the job log file and sends them to the UI in batches', async () => {
    const log = journal().openLog('job-1');
    log.write('system', 'Starting');
    log.write('stdout', 'the key is super-secret-value-123');
    log.write('stderr', 'two\nlines');
    expect(log.tail(2)).toEqual(['two', 'lines']);
    await until(() => batches.flatMap((b) => b.lines).length >= 4);
    expect(batches.flatMap((b) => b.lines.map((l) => [l.n, l.stream, l.text]))).toEqual([
      [1, 'system', 'Starting'],
      [2, 'stdout', 'the key is ***'],
      [3, 'stderr', 'two'],
      [4, 'stderr', 'lines'],
    ]);
    await log.close();
    const file = readFileSync(join(dataDir, 'jobs', 'job-1', 'job.log'), 'utf8');
    expect(file).not.toContain('super-secret');
    expect(file.trim().split('\n')).toHaveLength(4);
    expect(log.path).toBe(join(dataDir, 'jobs', 'job-1', 'job.log'));
  });

  it('pages through a large log, running or finished, without reading it from the top', async () => {
    const j = journal();
    const log = j.openLog('big');
    for (let i = 1; i <= 25_000; i++) log.write('stdout', `line ${i}`);
    const live = await j.readLog('big', 20_001, 3);
    expect(live.totalLines).toBe(25_000);
    expect(live.lines.map((l) => [l.n, l.text])).toEqual([
      [20_001, 'line 20001'],
      [20_002, 'line 20002'],
      [20_003, 'line 20003'],
    ]);
    await log.close();
    const done = await createJournal({ dataDir, redactor, onLines: () => undefined }).readLog(
      'big',
      24_999,
      10,
    );
    expect(done.totalLines).toBe(25_000);
    expect(done.lines.map((l) => l.text)).toEqual(['line 24999', 'line 25000']);
    expect(done.lines[0]!.stream).toBe('stdout');
    expect(done.logFile).toBe(join(dataDir, 'jobs', 'big', 'job.log'));
    expect(await j.readLog('missing', 1, 10)).toEqual({ lines: [], totalLines: 0, logFile: null });
  });

  it('keeps the live stream within budget when the agent floods, while the file keeps every line', async () => {
    const j = journal({ maxBatchesPerSecond: 5 });
    const log = j.openLog('flood');
    for (let i = 1; i <= 20_000; i++) log.write('stdout', `line ${i}`);
    await log.close();
    expect(batches.length).toBeLessThanOrEqual(6);
    const sent = batches.flatMap((b) => b.lines.map((l) => l.n));
    expect(sent).toEqual([...sent].sort((a, b) => a - b));
    expect(sent.at(-1)).toBe(20_000);
    const page = await j.readLog('flood', 1, 1);
    expect(page.totalLines).toBe(20_000);
  });

  it('caps a long line at 4,000 characters after redacting it, so a secret across the cut stays hidden', async () => {
    const j = journal();
    const log = j.openLog('long');
    // The registered secret starts 10 characters before the cut: cutting first would keep its start.
    log.write('stdout', `${'a'.repeat(3990)}super-secret-value-123${'b'.repeat(20_000)}`);
    log.write('stdout', 'short');
    await log.close();
    const file = readFileSync(join(dataDir, 'jobs', 'long', 'job.log'), 'utf8');
    expect(file).not.toContain('super-sec');
    const page = await j.readLog('long', 1, 10);
    const text = page.lines[0]!.text;
    expect(text.startsWith(`${'a'.repeat(3990)}***`)).toBe(true);
    expect(text).toMatch(/ … \[line cut: \d+ more characters\]$/);
    expect(text.length).toBeLessThan(4100);
    expect(log.tail(1)).toEqual(['short']);
    expect(page.lines[1]!.text).toBe('short');
  });

  it('returns fewer lines than asked when a page would exceed its byte budget, and pages on', async () => {
    const j = createJournal({ dataDir, redactor, onLines: () => undefined, maxPageBytes: 100_000 });
    const log = j.openLog('wide');
    for (let i = 1; i <= 200; i++) log.write('stdout', `${i} ${'x'.repeat(8000)}`);
    await log.close();
    const first = await j.readLog('wide', 1, 50_000);
    expect(first.totalLines).toBe(200);
    expect(first.lines.length).toBeGreaterThan(0);
    expect(first.lines.length).toBeLessThan(30);
    const bytes = first.lines.reduce((sum, line) => sum + line.text.length, 0);
    expect(bytes).toBeLessThanOrEqual(100_000);
    const seen = [...first.lines];
    while (seen.length < 200) {
      const next = await j.readLog('wide', seen.at(-1)!.n + 1, 50_000);
      expect(next.lines.length).toBeGreaterThan(0);
      seen.push(...next.lines);
    }
    expect(seen.map((line) => line.n)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    // Even a budget smaller than one line returns that line, so paging always moves on.
    const tiny = createJournal({ dataDir, redactor, onLines: () => undefined, maxPageBytes: 10 });
    expect((await tiny.readLog('wide', 5, 10)).lines.map((line) => line.n)).toEqual([5]);
  });

  it('keeps a bounded history, newest first, one record per job', async () => {
    const j = journal({ maxRecords: 10 });
    for (let i = 1; i <= 30; i++) await j.record(record(i));
    await j.record(record(30, { outcome: 'failed', reason: 'again' }));
    const list = await j.list(100);
    expect(list.map((r) => r.jobId)).toEqual(Array.from({ length: 10 }, (_, i) => `job-${30 - i}`));
    expect(list[0]).toMatchObject({ outcome: 'failed', reason: 'again' });
    const lines = readFileSync(join(dataDir, 'history.jsonl'), 'utf8').trim().split('\n');
    expect(lines.length).toBeLessThanOrEqual(20);
  });

  it('survives a crash that tore the last history line', async () => {
    const j = journal();
    await j.record(record(1));
    await j.record(record(2));
    appendFileSync(join(dataDir, 'history.jsonl'), '{"jobId":"job-3","outcome":"succ');
    const reopened = journal();
    expect((await reopened.list(10)).map((r) => r.jobId)).toEqual(['job-2', 'job-1']);
    await reopened.record(record(4));
    expect((await journal().list(10)).map((r) => r.jobId)).toEqual(['job-4', 'job-2', 'job-1']);
  });
});
