/**
 * The worker's state as a pure reducer, and the snapshot derived from it. The Worker dispatches an
 * event for every change and publishes a snapshot when the state actually changed.
 */
import type {
  ErrorView,
  JobView,
  PauseState,
  QueueStats,
  WorkerSnapshot,
  WorkerStatus,
} from '../../../shared/snapshot.ts';
import { emptyStats, notPaused } from '../../../shared/snapshot.ts';

export type Lifecycle = 'created' | 'starting' | 'running' | 'stopping' | 'stopped';

export interface WorkerState {
  readonly lifecycle: Lifecycle;
  readonly queueUrl: string | null;
  readonly dlqUrl: string | null;
  readonly concurrency: number;
  readonly pause: PauseState;
  /** The receive loop is long-polling (not blocked by pause, full slots or backoff). */
  readonly polling: boolean;
  /** The last receive (or setup) failed; the loop retries at retryAt. */
  readonly offline: boolean;
  readonly jobs: readonly JobView[];
  readonly stats: QueueStats;
  readonly lastError: ErrorView | null;
  readonly retryAt: string | null;
}

export type WorkerEvent =
  | { readonly type: 'lifecycle'; readonly lifecycle: Lifecycle }
  | { readonly type: 'dlq-resolved'; readonly dlqUrl: string | null }
  | { readonly type: 'polling'; readonly active: boolean }
  | { readonly type: 'offline'; readonly error: ErrorView; readonly retryAt: string }
  | { readonly type: 'online' }
  | { readonly type: 'pause'; readonly pause: PauseState }
  | { readonly type: 'job-upserted'; readonly job: JobView }
  | { readonly type: 'job-removed'; readonly jobId: string }
  | { readonly type: 'stats'; readonly stats: QueueStats }
  | { readonly type: 'error'; readonly error: ErrorView | null };

export function initialWorkerState(options: {
  readonly queueUrl: string | null;
  readonly dlqUrl: string | null;
  readonly concurrency: number;
  readonly pause?: PauseState;
}): WorkerState {
  return {
    lifecycle: 'created',
    queueUrl: options.queueUrl,
    dlqUrl: options.dlqUrl,
    concurrency: options.concurrency,
    pause: options.pause ?? notPaused,
    polling: false,
    offline: false,
    jobs: [],
    stats: emptyStats,
    lastError: null,
    retryAt: null,
  };
}

/** Returns the same object when nothing changed, so the caller can skip publishing. */
export function reduceWorkerState(state: WorkerState, event: WorkerEvent): WorkerState {
  switch (event.type) {
    case 'lifecycle':
      if (state.lifecycle === event.lifecycle) return state;
      return event.lifecycle === 'stopping' || event.lifecycle === 'stopped'
        ? { ...state, lifecycle: event.lifecycle, polling: false, offline: false, retryAt: null }
        : { ...state, lifecycle: event.lifecycle };
    case 'dlq-resolved':
      return state.dlqUrl === event.dlqUrl ? state : { ...state, dlqUrl: event.dlqUrl };
    case 'polling':
      return state.polling === event.active ? state : { ...state, polling: event.active };
    case 'offline':
      // Paused, nothing retries until resume: keep the error to show, but promise no retry time.
      return state.pause.paused
        ? { ...state, offline: true, polling: false, lastError: event.error, retryAt: null }
        : { ...state, offline: true, polling: false, lastError: event.error, retryAt: event.retryAt };
    case 'online':
      return state.offline ? { ...state, offline: false, lastError: null, retryAt: null } : state;
    case 'pause':
      if (samePause(state.pause, event.pause)) return state;
      // While paused nothing polls, so a past receive error says nothing about now.
      return event.pause.paused
        ? { ...state, pause: event.pause, polling: false, offline: false, retryAt: null }
        : { ...state, pause: event.pause };
    case 'job-upserted': {
      const index = state.jobs.findIndex((job) => job.jobId === event.job.jobId);
      if (index === -1) return { ...state, jobs: [...state.jobs, event.job] };
      if (sameJob(state.jobs[index]!, event.job)) return state;
      const jobs = [...state.jobs];
      jobs[index] = event.job;
      return { ...state, jobs };
    }
    case 'job-removed': {
      const jobs = state.jobs.filter((job) => job.jobId !== event.jobId);
      return jobs.length === state.jobs.length ? state : { ...state, jobs };
    }
    case 'stats':
      return { ...state, stats: event.stats };
    case 'error':
      return state.lastError === event.error ? state : { ...state, lastError: event.error };
  }
}

export function deriveStatus(state: WorkerState): WorkerStatus {
  switch (state.lifecycle) {
    case 'created':
    case 'starting':
      return 'starting';
    case 'stopping':
      return 'stopping';
    case 'stopped':
      return 'stopped';
    case 'running':
      break;
  }
  if (state.pause.paused) return 'paused';
  if (state.offline) return 'offline';
  if (state.jobs.length > 0) return 'running';
  return state.polling ? 'polling' : 'idle';
}

export function toSnapshot(state: WorkerState, seq: number): WorkerSnapshot {
  return {
    seq,
    status: deriveStatus(state),
    queueUrl: state.queueUrl,
    dlqUrl: state.dlqUrl,
    concurrency: state.concurrency,
    pause: state.pause,
    jobs: state.jobs,
    stats: state.stats,
    lastError: state.lastError,
    retryAt: state.retryAt,
  };
}

function samePause(a: PauseState, b: PauseState): boolean {
  return a.paused === b.paused && a.reason === b.reason && a.until === b.until && a.since === b.since;
}

function sameJob(a: JobView, b: JobView): boolean {
  return (
    a.phase === b.phase &&
    a.stopping === b.stopping &&
    a.receiveCount === b.receiveCount &&
    a.lease.expiresAt === b.lease.expiresAt &&
    a.lease.nextHeartbeatAt === b.lease.nextHeartbeatAt &&
    a.lease.healthy === b.lease.healthy
  );
}
