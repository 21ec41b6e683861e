import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../shared/log-line.ts';
import type { Bridge } from '../../../shared/bridge.ts';
import { loadJobLogTail } from '../../../src-renderer/log/load-job-log.ts';
import { findMatches, scanMatches, splitByQuery, stepMatch } from '../../../src-renderer/log/log-search.ts';
import { LogStore } from '../../../src-renderer/log/log-store.ts';
import { RingBuffer } from '../../../src-renderer/log/ring-buffer.ts';

const line = (n: number, text = `line ${n}`): LogLine => ({
  n,
  at: '2026-01-01T00:00:00Z',
  stream: 'stdout',
  text,
});
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => line(from + i));

describe('ring buffer', () => {
  it('keeps items in order until full', () => {
    const buffer = new RingBuffer<number>(3);
    buffer.pushAll([1, 2]);
    expect(buffer.slice()).toEqual([1, 2]);
    expect(buffer.length).toBe(2);
    expect(buffer.at(0)).toBe(1);
    expect(buffer.last()).toBe(2);
  });

  it('drops the oldest items beyond its capacity, and counts them', () => {
    const buffer = new RingBuffer<number>(3);
    buffer.pushAll([1, 2, 3, 4, 5]);
    expect(buffer.slice()).toEqual([3, 4, 5]);
    expect(buffer.at(0)).toBe(3);
    expect(buffer.at(2)).toBe(5);
    expect(buffer.dropped).toBe(2);
  });

  it('answers undefined outside its range', () => {
    const buffer = new RingBuffer<number>(2);
    buffer.push(1);
    expect([buffer.at(-1), buffer.at(1), buffer.at(0.5)]).toEqual([undefined, undefined, undefined]);
  });

  it('slices any window, clamped', () => {
    const buffer = new RingBuffer<number>(4);
    buffer.pushAll([1, 2, 3, 4, 5, 6]);
    expect(buffer.slice(1, 3)).toEqual([4, 5]);
    expect(buffer.slice(-5, 99)).toEqual([3, 4, 5, 6]);
    expect(buffer.slice(3, 1)).toEqual([]);
  });

  it('stays bounded at 200k lines when a million stream in', () => {
    const buffer = new RingBuffer<LogLine>(200_000);
    for (let n = 1; n <= 1_000_000; n++) buffer.push(line(n));
    expect(buffer.length).toBe(200_000);
    expect(buffer.at(0)!.n).toBe(800_001);
    expect(buffer.last()!.n).toBe(1_000_000);
  });

  it('refuses a useless capacity', () => {
    expect(() => new RingBuffer(0)).toThrow(RangeError);
  });
});

describe('log store', () => {
  it('appends streamed lines once each, in order', () => {
    const store = new LogStore();
    store.append('job', range(1, 3));
    store.append('job', [line(3), line(2), line(4)]);
    expect(
      store
        .lines('job')!
        .slice()
        .map((l) => l.n),
    ).toEqual([1, 2, 3, 4]);
  });

  it('merges history before the streamed lines, without duplicates', () => {
    const store = new LogStore();
    store.append('job', range(5, 7));
    store.merge('job', range(1, 6));
    expect(
      store
        .lines('job')!
        .slice()
        .map((l) => l.n),
    ).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('takes history as it is when nothing streamed yet', () => {
    const store = new LogStore();
    store.merge('job', range(1, 3));
    expect(store.lines('job')!.length).toBe(3);
  });

  it('bounds lines per job and the number of jobs kept', () => {
    const store = new LogStore({ capacity: 5, jobsKept: 2 });
    store.append('a', range(1, 10));
    expect(
      store
        .lines('a')!
        .slice()
        .map((l) => l.n),
    ).toEqual([6, 7, 8, 9, 10]);
    store.append('b', range(1, 1));
    store.append('c', range(1, 1));
    expect(store.lines('a')).toBeUndefined();
    expect(store.lines('b')).toBeDefined();
  });

  const ns = (store: InstanceType<typeof LogStore>, job: string) =>
    store
      .lines(job)!
      .slice()
      .map((l) => l.n);

  it('merges lines fetched after an outage into the gap, by line number, once each', () => {
    const store = new LogStore();
    store.append('job', range(1, 3));
    // Lines 4..6 were written while the socket was down; 7..8 streamed after it came back.
    store.append('job', range(7, 8));
    store.merge('job', range(1, 8));
    expect(ns(store, 'job')).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const version = store.version;
    store.merge('job', range(2, 7));
    expect(store.version).toBe(version);
    store.merge('job', [line(10), line(9)]);
    expect(ns(store, 'job')).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('keeps the newest lines when a merge overflows the buffer', () => {
    const store = new LogStore({ capacity: 4 });
    store.append('job', [line(1), line(6)]);
    store.merge('job', range(1, 6));
    expect(ns(store, 'job')).toEqual([3, 4, 5, 6]);
  });

  it('never drops the log of a running job, however many run', () => {
    const store = new LogStore({ jobsKept: 2 });
    const running = ['r1', 'r2', 'r3', 'r4', 'r5'];
    store.setRunning(running);
    for (const job of running) store.append(job, range(1, 1));
    store.append('old1', range(1, 1));
    store.append('old2', range(1, 1));
    store.append('old3', range(1, 1));
    for (const job of running) expect(store.lines(job), job).toBeDefined();
    expect(store.lines('old1')).toBeUndefined();
    expect(store.lines('old3')).toBeDefined();
    store.setRunning([]);
    expect(running.filter((job) => store.lines(job))).toEqual(['r5']);
    expect(store.lines('old3')).toBeDefined();
  });

  it('tells subscribers about changes, and only about changes', () => {
    const store = new LogStore();
    let calls = 0;
    const off = store.subscribe(() => calls++);
    store.append('job', range(1, 2));
    store.append('job', range(1, 2));
    expect(calls).toBe(1);
    expect(store.getVersion()).toBe(1);
    off();
    store.append('job', range(3, 3));
    expect(calls).toBe(1);
  });
});

describe('log search', () => {
  const source = new RingBuffer<LogLine>(10);
  source.pushAll([
    line(1, 'Error: one'),
    line(2, 'fine'),
    line(3, '\u001b[31merr\u001b[0mor two'),
    line(4, 'ERROR three'),
  ]);

  it('finds lines case-insensitively in the visible text (not inside escapes)', () => {
    expect(findMatches(source, 'error')).toEqual([0, 2, 3]);
    expect(findMatches(source, '31m')).toEqual([]);
    expect(findMatches(source, '')).toEqual([]);
  });

  it('scans incrementally, shifting matches when lines drop off the front', () => {
    const buffer = new RingBuffer<LogLine>(4);
    buffer.pushAll([line(1, 'hit'), line(2, 'miss'), line(3, 'hit')]);
    let scan = scanMatches(buffer, 'HIT');
    expect(scan.matches).toEqual([0, 2]);
    buffer.pushAll([line(4, 'hit'), line(5, 'miss')]);
    scan = scanMatches(buffer, 'hit', scan);
    expect(scan.matches).toEqual([1, 2]);
    expect(scan.matches).toEqual(findMatches(buffer, 'hit'));
  });

  it('starts over when the buffer is refilled (a merge), not over shifted lines', () => {
    const store = new LogStore({ capacity: 10 });
    store.append('job', [line(5, 'hit'), line(6, 'miss')]);
    let scan = scanMatches(store.lines('job')!, 'hit');
    expect(scan.matches).toEqual([0]);
    store.merge('job', [line(1, 'miss'), line(2, 'miss'), line(3, 'hit')]);
    scan = scanMatches(store.lines('job')!, 'hit', scan);
    expect(scan.matches).toEqual([2, 3]);
    expect(scan.matches).toEqual(findMatches(store.lines('job')!, 'hit'));
  });

  it('splits a line around every match, keeping the original case', () => {
    expect(splitByQuery('An error, an ERROR', 'error')).toEqual([
      { text: 'An ', match: false },
      { text: 'error', match: true },
      { text: ', an ', match: false },
      { text: 'ERROR', match: true },
    ]);
    expect(splitByQuery('aaa', 'aa')).toEqual([
      { text: 'aa', match: true },
      { text: 'a', match: false },
    ]);
    expect(splitByQuery('', 'x')).toEqual([{ text: '', match: false }]);
  });

  it('steps through matches, wrapping around both ways', () => {
    expect(stepMatch(-1, 3, 1)).toBe(0);
    expect(stepMatch(-1, 3, -1)).toBe(2);
    expect(stepMatch(2, 3, 1)).toBe(0);
    expect(stepMatch(0, 3, -1)).toBe(2);
    expect(stepMatch(0, 0, 1)).toBe(-1);
  });
});

describe('loading a job log’s tail', () => {
  function fakeBridge(total: number) {
    const calls: Array<{ from: number; limit: number }> = [];
    const bridge = {
      async invoke(_command: string, params: { from: number; limit: number }) {
        calls.push(params);
        const to = Math.min(total, params.from + params.limit - 1);
        return {
          lines: params.from > total ? [] : range(params.from, to),
          totalLines: total,
          logFile: '/logs/job.log',
        };
      },
    } as unknown as Pick<Bridge, 'invoke'>;
    return { bridge, calls };
  }

  it('loads a short log in one page', async () => {
    const { bridge, calls } = fakeBridge(30);
    const tail = await loadJobLogTail(bridge, 'job', 100, 50);
    expect(tail.lines.map((l) => l.n)).toEqual(range(1, 30).map((l) => l.n));
    expect(calls).toEqual([{ jobId: 'job', from: 1, limit: 50 }]);
  });

  it('loads only the newest lines of a long log, page by page', async () => {
    const { bridge, calls } = fakeBridge(1000);
    const tail = await loadJobLogTail(bridge, 'job', 120, 50);
    expect(tail.lines).toHaveLength(120);
    expect(tail.lines[0]!.n).toBe(881);
    expect(tail.lines.at(-1)!.n).toBe(1000);
    expect(tail.totalLines).toBe(1000);
    expect(calls.slice(1).map((c) => c.from)).toEqual([881, 931, 981]);
  });

  it('pages on from the first page when the log fits', async () => {
    const { bridge, calls } = fakeBridge(120);
    const tail = await loadJobLogTail(bridge, 'job', 200, 50);
    expect(tail.lines.map((l) => l.n)).toEqual(range(1, 120).map((l) => l.n));
    expect(calls.map((c) => c.from)).toEqual([1, 51, 101]);
  });
});
