import { describe, expect, it } from 'vitest';
import type { JobView } from '../../../shared/snapshot.ts';
import {
  deriveStatus,
  initialWorkerState,
  reduceWorkerState,
  toSnapshot,
  type WorkerEvent,
  type WorkerState,
} from '../../../src-main/engine/worker/worker-state.ts';

const base = initialWorkerState({ queueUrl: 'http://q/000000000000/tasks', dlqUrl: null, concurrency: 2 });
const paused = { paused: true, reason: 'user', until: null, since: '2026-11-20T09:00:00.000Z' } as const;

function job(overrides: Partial<JobView> = {}): JobView {
  return {
    jobId: 'j1',
    messageId: 'm1',
    issue: { repository: 'o/r', number: 1, title: 't' },
    phase: 'received',
    startedAt: '2026-11-20T09:00:00.000Z',
    receiveCount: 1,
    lease: {
      expiresAt: '2026-11-20T09:05:00.000Z',
      nextHeartbeatAt: '2026-11-20T09:01:40.000Z',
      healthy: true,
    },
    stopping: null,
    ...overrides,
  };
}

function run(...events: WorkerEvent[]): WorkerState {
  return events.reduce(reduceWorkerState, base);
}

describe('worker state reducer and snapshot', () => {
  it('starts as "starting" with nothing running and no stats', () => {
    expect(toSnapshot(base, 0)).toEqual({
      seq: 0,
      status: 'starting',
      queueUrl: 'http://q/000000000000/tasks',
      dlqUrl: null,
      concurrency: 2,
      pause: { paused: false, reason: null, until: null, since: null },
      jobs: [],
      stats: { queue: null, dlq: null, updatedAt: null },
      lastError: null,
      retryAt: null,
    });
  });

  it('derives idle, polling and running once started', () => {
    const started = run({ type: 'lifecycle', lifecycle: 'running' });
    expect(deriveStatus(started)).toBe('idle');
    const polling = reduceWorkerState(started, { type: 'polling', active: true });
    expect(deriveStatus(polling)).toBe('polling');
    expect(deriveStatus(reduceWorkerState(polling, { type: 'job-upserted', job: job() }))).toBe('running');
  });

  it('shows paused over running jobs, and offline with its error and retry time', () => {
    const running = run({ type: 'lifecycle', lifecycle: 'running' }, { type: 'job-upserted', job: job() });
    expect(deriveStatus(reduceWorkerState(running, { type: 'pause', pause: paused }))).toBe('paused');
    const error = {
      code: 'network',
      message: 'cannot reach SQS (ECONNREFUSED)',
      at: '2026-11-20T09:00:00.000Z',
    };
    const offline = reduceWorkerState(running, {
      type: 'offline',
      error,
      retryAt: '2026-11-20T09:00:02.000Z',
    });
    expect(toSnapshot(offline, 1)).toMatchObject({
      status: 'offline',
      lastError: error,
      retryAt: '2026-11-20T09:00:02.000Z',
    });
    const online = reduceWorkerState(offline, { type: 'online' });
    expect(toSnapshot(online, 2)).toMatchObject({ status: 'running', lastError: null, retryAt: null });
  });

  it('clears offline when paused, since nothing polls while paused', () => {
    const error = { code: 'network', message: 'x', at: '2026-11-20T09:00:00.000Z' };
    const state = run(
      { type: 'lifecycle', lifecycle: 'running' },
      { type: 'offline', error, retryAt: '2026-11-20T09:00:02.000Z' },
      { type: 'pause', pause: paused },
    );
    expect(state.offline).toBe(false);
    expect(state.retryAt).toBeNull();
    expect(
      deriveStatus(
        reduceWorkerState(state, {
          type: 'pause',
          pause: { ...paused, paused: false, reason: null, since: null },
        }),
      ),
    ).toBe('idle');
  });

  it('keeps a setup failure while paused as the last error, shows paused, and promises no retry time', () => {
    const error = { code: 'network', message: 'cannot reach SQS', at: '2026-11-20T09:00:00.000Z' };
    const state = run(
      { type: 'lifecycle', lifecycle: 'running' },
      { type: 'pause', pause: paused },
      { type: 'offline', error, retryAt: '2026-11-20T09:00:02.000Z' },
    );
    expect(toSnapshot(state, 1)).toMatchObject({ status: 'paused', lastError: error, retryAt: null });
    // The first successful receive after resuming clears it.
    const resumed = reduceWorkerState(state, {
      type: 'pause',
      pause: { ...paused, paused: false, reason: null, since: null },
    });
    expect(reduceWorkerState(resumed, { type: 'online' })).toMatchObject({ lastError: null, offline: false });
  });

  it('stopping and stopped win over everything else', () => {
    const busy = run(
      { type: 'lifecycle', lifecycle: 'running' },
      { type: 'job-upserted', job: job() },
      { type: 'pause', pause: paused },
    );
    expect(deriveStatus(reduceWorkerState(busy, { type: 'lifecycle', lifecycle: 'stopping' }))).toBe(
      'stopping',
    );
    expect(deriveStatus(reduceWorkerState(busy, { type: 'lifecycle', lifecycle: 'stopped' }))).toBe(
      'stopped',
    );
  });

  it('updates a job in place, removes it, and keeps the order of the others', () => {
    const state = run(
      { type: 'job-upserted', job: job({ jobId: 'a' }) },
      { type: 'job-upserted', job: job({ jobId: 'b' }) },
      { type: 'job-upserted', job: job({ jobId: 'a', phase: 'running-agent' }) },
    );
    expect(state.jobs.map((j) => [j.jobId, j.phase])).toEqual([
      ['a', 'running-agent'],
      ['b', 'received'],
    ]);
    expect(reduceWorkerState(state, { type: 'job-removed', jobId: 'a' }).jobs.map((j) => j.jobId)).toEqual([
      'b',
    ]);
  });

  it('returns the same state for events that change nothing, so nothing is republished', () => {
    const state = run({ type: 'lifecycle', lifecycle: 'running' }, { type: 'job-upserted', job: job() });
    expect(reduceWorkerState(state, { type: 'polling', active: false })).toBe(state);
    expect(reduceWorkerState(state, { type: 'online' })).toBe(state);
    expect(reduceWorkerState(state, { type: 'job-upserted', job: job() })).toBe(state);
    expect(reduceWorkerState(state, { type: 'job-removed', jobId: 'nope' })).toBe(state);
    expect(reduceWorkerState(state, { type: 'lifecycle', lifecycle: 'running' })).toBe(state);
    expect(reduceWorkerState(state, { type: 'dlq-resolved', dlqUrl: null })).toBe(state);
  });

  it('publishes the resolved DLQ and stats', () => {
    const stats = {
      queue: { visible: 1, inFlight: 2, delayed: 0 },
      dlq: null,
      updatedAt: '2026-11-20T09:00:00.000Z',
    };
    const snapshot = toSnapshot(
      run({ type: 'dlq-resolved', dlqUrl: 'http://q/000000000000/dlq' }, { type: 'stats', stats }),
      5,
    );
    expect(snapshot).toMatchObject({ seq: 5, dlqUrl: 'http://q/000000000000/dlq', stats });
  });
});
