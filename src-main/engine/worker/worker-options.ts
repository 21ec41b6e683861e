/** What a Worker is built from, and the engine's own timings (tests shorten them). */
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { PauseReason } from '../../../shared/snapshot.ts';
import type { WorkerConfig } from '../config/worker-config.ts';
import type { JobJournal, JobRunner } from '../ports/job.ts';
import type { Clock } from '../ports/clock.ts';
import type { KeyValueStore } from '../ports/key-value-store.ts';
import type { Notifier } from '../ports/notifier.ts';
import type { Redactor } from '../security/redact.ts';
import type { PauseMode } from '../../../shared/bridge.ts';

export interface WorkerTimings {
  /** Queue stats refresh interval while a UI watches. Default 30 s. */
  readonly statsIntervalMs: number;
  /** First offline retry delay, doubling up to the max (both before jitter). Defaults 1 s and 60 s. */
  readonly offlineBackoffBaseMs: number;
  readonly offlineBackoffMaxMs: number;
  /** Pause between empty receives when waitTimeSeconds is 0 (short polling). Default 1 s. */
  readonly idlePollDelayMs: number;
  /**
   * A ReceiveMessage still unanswered this long after its long poll should have ended (or a setup
   * call this long) is abandoned and reported as a network timeout. Default 15 s.
   */
  readonly responseGraceMs: number;
  /**
   * How long a job told to stop may take before its message is settled without it. A job that
   * ignores its AbortSignal must not keep the worker from quitting. Default 10 s.
   */
  readonly abandonAfterMs: number;
  /** Consecutive heartbeat failures that mean the lease is lost. Default 3. */
  readonly maxHeartbeatFailures: number;
  /**
   * How long one heartbeat or settle call to SQS (delete, delay, release, quarantine) may take before
   * it is given up: a hung call must not hold a slot, or stop(), forever. Default 30 s.
   */
  readonly callTimeoutMs: number;
  /** How long one stats refresh may take before the watcher stops waiting for it. Default 30 s. */
  readonly statsTimeoutMs: number;
}

export const defaultWorkerTimings: WorkerTimings = {
  statsIntervalMs: 30_000,
  offlineBackoffBaseMs: 1_000,
  offlineBackoffMaxMs: 60_000,
  idlePollDelayMs: 1_000,
  responseGraceMs: 15_000,
  abandonAfterMs: 10_000,
  maxHeartbeatFailures: 3,
  callTimeoutMs: 30_000,
  statsTimeoutMs: 30_000,
};

export interface WorkerOptions {
  /** The SQS client (its credentials and endpoint are the caller's business). */
  readonly client: SQSClient;
  readonly config: WorkerConfig;
  /** The work: called once per valid task message, never for an invalid one. */
  readonly runJob: JobRunner;
  readonly journal: JobJournal;
  /** Persists the pause state (key 'pause') across restarts. */
  readonly store: KeyValueStore;
  readonly notifier: Notifier;
  /** Default: the system clock. */
  readonly clock?: Clock;
  /** Redacts error text before it reaches the snapshot, logs and history. Default: shape-based only. */
  readonly redactor?: Redactor;
  readonly timings?: Partial<WorkerTimings>;
  /** Jitter source for the offline backoff. Default Math.random. */
  readonly random?: () => number;
}

export interface PauseOptions {
  /** 'after-current' (default) lets running jobs finish; 'stop-now' cancels them and releases their messages. */
  readonly mode?: PauseMode;
  /** ISO time at which the pause ends by itself; null (default) pauses until resume(). */
  readonly until?: string | null;
  /** Default 'user'. */
  readonly reason?: PauseReason;
}

export interface StopOptions {
  /** Cancel running jobs and release their messages at once, without the grace period (a second Ctrl-C). */
  readonly immediate?: boolean;
}
