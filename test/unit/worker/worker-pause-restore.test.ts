import { SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import type { Notice } from '../../../shared/notice.ts';
import type { WorkerConfig } from '../../../src-main/engine/config/worker-config.ts';
import type { KeyValueStore } from '../../../src-main/engine/ports/key-value-store.ts';
import { Worker } from '../../../src-main/engine/worker/worker.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { MapStore } from '../../support/map-store.ts';
import { MemoryJournal } from '../../support/memory-journal.ts';

const config = {
  queueUrl: 'http://127.0.0.1:1/000000000000/tasks',
  dlqUrl: null,
  region: 'us-east-1',
  profile: null,
  sqsEndpoint: null,
  repositories: [],
  dataDir: '/tmp/unused',
  leaseSeconds: 300,
  heartbeatSeconds: null,
  concurrency: 1,
  waitTimeSeconds: 20,
  retryBackoffSeconds: [60, 300, 900],
  shutdownGraceSeconds: 30,
  maxJobMinutes: 60,
  idleOutputMinutes: 10,
  agent: { preset: 'aider', command: null, model: null, extraArgs: [] },
  github: { apiUrl: 'https://api.github.com', serverUrl: 'https://github.com', openAsDraft: false },
} as unknown as WorkerConfig;

function worker(store: KeyValueStore, clock: FakeClock): Worker {
  const notices: Notice[] = [];
  return new Worker({
    // Never used: these tests do not start the worker.
    client: new SQSClient({
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    }),
    config,
    runJob: async () => ({ kind: 'success', details: {} }),
    journal: new MemoryJournal(),
    store,
    notifier: { notify: (n) => notices.push(n) },
    clock,
  });
}

describe('pause persistence', () => {
  it('persists a pause under "pause" and a new Worker restores it', () => {
    const store = new MapStore();
    const clock = new FakeClock('2026-11-20T09:00:00Z');
    worker(store, clock).pause({ until: '2026-11-20T12:00:00Z' });
    expect(store.get('pause')).toEqual({
      paused: true,
      reason: 'user',
      until: '2026-11-20T12:00:00.000Z',
      since: '2026-11-20T09:00:00.000Z',
    });
    expect(worker(store, clock).snapshot().pause).toEqual(store.get('pause'));
  });

  it('restores an expired timed pause as not paused, and clears it from the store', async () => {
    const store = new MapStore();
    const clock = new FakeClock('2026-11-20T09:00:00Z');
    worker(store, clock).pause({ until: '2026-11-20T10:00:00Z', reason: 'battery' });
    await clock.advance(3_600_000);
    const restored = worker(store, clock);
    expect(restored.snapshot().pause.paused).toBe(false);
    expect(store.get('pause')).toMatchObject({ paused: false });
  });

  it('resume persists "not paused"', () => {
    const store = new MapStore();
    const clock = new FakeClock();
    const w = worker(store, clock);
    w.pause({});
    w.resume();
    expect(store.get('pause')).toMatchObject({ paused: false });
    expect(worker(store, clock).snapshot().pause.paused).toBe(false);
  });

  it('publishes a snapshot with a higher seq on every change', () => {
    const w = worker(new MapStore(), new FakeClock());
    const seqs: number[] = [];
    const off = w.onSnapshot((s) => seqs.push(s.seq));
    w.pause({});
    w.pause({ reason: 'battery' });
    w.resume();
    off();
    w.pause({});
    expect(seqs).toEqual([1, 2, 3]);
    expect(w.snapshot().seq).toBe(4);
  });

  it('rejects a pause "until" that is not a date', () => {
    expect(() => worker(new MapStore(), new FakeClock()).pause({ until: 'later' })).toThrow(RangeError);
  });
});
