/**
 * The queue consumer: long-polls SQS for task messages, runs each as a job with its own lease and
 * heartbeat, and settles every message exactly once (delete, delay, release or quarantine). It can
 * be paused (no ReceiveMessage at all), cancels jobs on request, stops gracefully, and publishes a
 * WorkerSnapshot on every change.
 *
 * Why not sqs-consumer: measured against fauxqs it has no pause, its stop() leaves the long poll on
 * the wire, its handleMessageTimeout only races a promise (the message was re-received while the
 * first handler still ran), and its heartbeat fired after the delete. Jobs here run for minutes to
 * hours on a laptop that sleeps, so the loop is ours: small, explicit, and fully tested.
 */
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { WorkerSnapshot } from '../../../shared/snapshot.ts';
import { notPaused, type PauseState } from '../../../shared/snapshot.ts';
import type { WorkerConfig } from '../config/worker-config.ts';
import { keepProcessAlive, systemClock, type Clock } from '../ports/clock.ts';
import { classifySqsError } from '../queue/classify-sqs-error.ts';
import { getQueueCounts } from '../queue/get-queue-counts.ts';
import type { ReceivedMessage } from '../queue/message-delivery.ts';
import { resolveDeadLetterQueue } from '../queue/resolve-dead-letter-queue.ts';
import { Redactor } from '../security/redact.ts';
import { JobPool } from './job-pool.ts';
import { parsePauseUntil, pausedState, pauseRemainingMs } from './pause-state.ts';
import { loadPause, savePause } from './pause-store.ts';
import { ReceiveLoop } from './receive-loop.ts';
import { Settler } from './settlement/settler.ts';
import { StatsWatcher } from './stats-watcher.ts';
import {
  defaultWorkerTimings,
  type PauseOptions,
  type StopOptions,
  type WorkerOptions,
  type WorkerTimings,
} from './worker-options.ts';
import {
  initialWorkerState,
  reduceWorkerState,
  toSnapshot,
  type WorkerEvent,
  type WorkerState,
} from './worker-state.ts';
import type { CancelDisposition } from '../../../shared/bridge.ts';

export type { PauseOptions, StopOptions, WorkerOptions, WorkerTimings } from './worker-options.ts';

/** Timed pauses re-check the clock at least this often, so a sleeping laptop resumes on time. */
const PAUSE_RECHECK_MS = 60_000;

export class Worker {
  readonly #store: WorkerOptions['store'];
  readonly #config: WorkerConfig;
  readonly #client: SQSClient;
  readonly #clock: Clock;
  readonly #redactor: Redactor;
  readonly #timings: WorkerTimings;
  readonly #loop: ReceiveLoop;
  readonly #settler: Settler;
  readonly #stats: StatsWatcher;
  readonly #jobs: JobPool;
  /** Settles and releases still on the wire: stop() waits for all of them. */
  readonly #pending = new Set<Promise<unknown>>();
  readonly #listeners = new Set<(snapshot: WorkerSnapshot) => void>();
  #state: WorkerState;
  #snapshot: WorkerSnapshot;
  #seq = 0;
  #dlqUrl: string | null;
  #maxReceiveCount: number | null = null;
  #pauseTimer: { cancel(): void } | null = null;
  #started: Promise<void> | null = null;
  #stopping: Promise<void> | null = null;
  /** Holds the process open from start() until the stop is complete (see keepProcessAlive). */
  #alive: { release(): void } | null = null;

  constructor(options: WorkerOptions) {
    this.#store = options.store;
    this.#config = options.config;
    this.#client = options.client;
    this.#clock = options.clock ?? systemClock;
    this.#redactor = options.redactor ?? new Redactor();
    this.#timings = { ...defaultWorkerTimings, ...options.timings };
    this.#dlqUrl = options.config.dlqUrl;
    this.#settler = new Settler({
      client: this.#client,
      config: options.config,
      journal: options.journal,
      notifier: options.notifier,
      redactor: this.#redactor,
      clock: this.#clock,
      timeoutMs: this.#timings.callTimeoutMs,
      dlqUrl: () => this.#dlqUrl,
      onNoDlq: () => this.#reportNoDlq(),
    });
    this.#jobs = new JobPool({
      client: this.#client,
      config: options.config,
      runJob: options.runJob,
      journal: options.journal,
      settler: this.#settler,
      clock: this.#clock,
      redactor: this.#redactor,
      timings: this.#timings,
      maxReceiveCount: () => this.#maxReceiveCount,
      onJobChanged: (job) => this.#dispatch({ type: 'job-upserted', job }),
      onJobRemoved: (jobId) => {
        this.#dispatch({ type: 'job-removed', jobId });
        this.#loop.wake();
      },
      track: (work) => this.#track(work),
    });

    const pause = loadPause(options.store, this.#clock.now());

    this.#state = initialWorkerState({
      queueUrl: options.config.queueUrl,
      dlqUrl: this.#dlqUrl,
      concurrency: options.config.concurrency,
      pause,
    });
    this.#snapshot = toSnapshot(this.#state, this.#seq);

    this.#loop = new ReceiveLoop(
      {
        capacity: () => this.#capacity(),
        setup: (signal) => this.#setup(signal),
        onMessages: (messages, sentAt) => this.#onMessages(messages, sentAt),
        onPolling: (active) => this.#dispatch({ type: 'polling', active }),
        onOffline: (error, retryAt) => this.#onOffline(error, retryAt),
        onOnline: () => this.#dispatch({ type: 'online' }),
        track: (work) => this.#track(work),
      },
      {
        client: this.#client,
        queueUrl: options.config.queueUrl,
        waitTimeSeconds: options.config.waitTimeSeconds,
        leaseSeconds: options.config.leaseSeconds,
        clock: this.#clock,
        backoff: { baseMs: this.#timings.offlineBackoffBaseMs, maxMs: this.#timings.offlineBackoffMaxMs },
        idlePollDelayMs: this.#timings.idlePollDelayMs,
        responseGraceMs: this.#timings.responseGraceMs,
        ...(options.random ? { random: options.random } : {}),
      },
    );
    this.#stats = new StatsWatcher({
      clock: this.#clock,
      intervalMs: this.#timings.statsIntervalMs,
      timeoutMs: this.#timings.statsTimeoutMs,
      refresh: (signal) => this.refreshStats(signal),
    });
  }

  /** The DLQ: from config, else found from the queue's RedrivePolicy at start; null when there is none. */
  get dlqUrl(): string | null {
    return this.#dlqUrl;
  }

  /**
   * Starts polling. Resolves once the queue has been looked up (its DLQ found) or that failed, in
   * which case the snapshot says offline and the worker keeps retrying on its own.
   */
  start(): Promise<void> {
    if (this.#state.lifecycle === 'stopped' && !this.#started) return Promise.resolve();
    this.#started ??= (async () => {
      // Paused or offline, the loop waits on unref'd timers and promises alone: without this a
      // headless process would exit as soon as it has nothing else to do.
      this.#alive = keepProcessAlive();
      this.#dispatch({ type: 'lifecycle', lifecycle: 'starting' });
      this.#schedulePauseExpiry();
      await this.#loop.start();
      if (this.#state.lifecycle === 'starting') this.#dispatch({ type: 'lifecycle', lifecycle: 'running' });
    })();
    return this.#started;
  }

  /**
   * Stops polling at once. Running jobs may finish within config.shutdownGraceSeconds; then they are
   * cancelled (StopReason 'shutdown') and their messages released. `immediate` skips the grace
   * period, also when a graceful stop is already under way. Resolves when every message is settled.
   */
  stop(options: StopOptions = {}): Promise<void> {
    if (this.#state.lifecycle === 'created' || this.#state.lifecycle === 'stopped') {
      this.#dispatch({ type: 'lifecycle', lifecycle: 'stopped' });
      return Promise.resolve();
    }
    if (options.immediate)
      this.#jobs.stopAll('shutdown', 'the worker is quitting: the job was stopped and released');
    this.#stopping ??= this.#shutdown(options.immediate === true);
    return this.#stopping;
  }

  /** Takes no new message and makes no ReceiveMessage call until resumed (or until `until`). */
  pause(options: PauseOptions = {}): void {
    const until = parsePauseUntil(options.until ?? null);
    const pause = pausedState(this.#state.pause, {
      reason: options.reason ?? 'user',
      until,
      now: this.#clock.now(),
    });
    this.#persistPause(pause);
    this.#dispatch({ type: 'pause', pause });
    // The poll already on the wire is left to finish (at most waitTimeSeconds), not cut: a cut
    // connection does not end the server's wait, and SQS (or fauxqs) may then hand a message to
    // it that nobody reads, hidden for a whole lease. Whatever it brings is released at once.
    // Nothing polls while paused: deliveries held for jobs that outlived their message can go back.
    this.#jobs.releaseHeld();
    if (options.mode === 'stop-now') {
      this.#jobs.stopAll(
        'pause-stop-now',
        'paused with "stop now": the job was stopped and its message released',
      );
    }
    this.#schedulePauseExpiry();
  }

  resume(): void {
    this.#pauseTimer?.cancel();
    this.#pauseTimer = null;
    if (!this.#state.pause.paused) return;
    this.#persistPause(notPaused);
    this.#dispatch({ type: 'pause', pause: notPaused });
    this.#loop.wake();
  }

  /**
   * Cancels a running job: 'release' puts its message back on the queue, 'discard' quarantines it in
   * the DLQ with the reason "cancelled by user" (also for a job already stopping otherwise). Returns
   * false when no such job is running, its message is already being settled, or it cannot be done.
   */
  cancel(jobId: string, disposition: CancelDisposition): boolean {
    return this.#jobs.cancel(jobId, disposition);
  }

  snapshot(): WorkerSnapshot {
    return this.#snapshot;
  }

  /** Called with every new snapshot; returns the unsubscribe. */
  onSnapshot(listener: (snapshot: WorkerSnapshot) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Reads the queue's and the DLQ's counts now and publishes them. Fails with the SDK's error. */
  async refreshStats(signal?: AbortSignal): Promise<void> {
    const dlqUrl = this.#dlqUrl;
    const [queue, dlq] = await Promise.all([
      getQueueCounts(this.#client, this.#config.queueUrl, signal),
      dlqUrl ? getQueueCounts(this.#client, dlqUrl, signal) : Promise.resolve(null),
    ]);
    this.#dispatch({
      type: 'stats',
      stats: { queue, dlq, updatedAt: new Date(this.#clock.now()).toISOString() },
    });
  }

  /** A UI started (true) or stopped (false) watching: stats are polled only while someone watches. */
  watchStats(watching: boolean): void {
    this.#stats.watch(watching);
  }

  // ---- receive ---------------------------------------------------------------------------------

  #capacity(): number {
    const { lifecycle, pause } = this.#state;
    if (lifecycle === 'stopping' || lifecycle === 'stopped' || pause.paused) return 0;
    return Math.min(10, this.#config.concurrency - this.#jobs.size);
  }

  async #setup(signal: AbortSignal): Promise<void> {
    const info = await resolveDeadLetterQueue(this.#client, this.#config.queueUrl, {
      knownDlqUrl: this.#config.dlqUrl,
      signal,
    });
    this.#dlqUrl = info.dlqUrl;
    this.#maxReceiveCount = info.maxReceiveCount;
    this.#dispatch({ type: 'dlq-resolved', dlqUrl: info.dlqUrl });
  }

  #onOffline(error: unknown, retryAt: number): void {
    const classified = classifySqsError(error, {
      profile: this.#config.profile,
      queueUrl: this.#config.queueUrl,
    });
    this.#dispatch({
      type: 'offline',
      error: {
        code: classified.code,
        message: this.#redactor.redact(classified.message),
        at: this.#isoNow(),
      },
      retryAt: new Date(retryAt).toISOString(),
    });
  }

  #onMessages(messages: readonly ReceivedMessage[], sentAt: number): void {
    for (const message of messages) {
      if (this.#jobs.holds(message.messageId) || this.#capacity() > 0) {
        this.#jobs.accept(message, sentAt);
      } else {
        // Paused or stopping while this response was on the wire: put the message straight back.
        this.#jobs.giveBack(message);
      }
    }
  }

  #reportNoDlq(): void {
    this.#dispatch({
      type: 'error',
      error: {
        code: 'no-dlq',
        message:
          'The queue has no dead-letter queue, so failed messages cannot be quarantined: they are retried with the longest backoff. Add a redrive policy to the queue or set dlqUrl.',
        at: this.#isoNow(),
      },
    });
  }

  // ---- stop and pause --------------------------------------------------------------------------

  async #shutdown(immediate: boolean): Promise<void> {
    try {
      await this.#drain(immediate);
    } finally {
      this.#alive?.release();
      this.#alive = null;
    }
  }

  async #drain(immediate: boolean): Promise<void> {
    this.#dispatch({ type: 'lifecycle', lifecycle: 'stopping' });
    this.#pauseTimer?.cancel();
    this.#pauseTimer = null;
    this.#stats.stop();
    await this.#loop.stop();
    this.#jobs.releaseHeld();
    let grace: { cancel(): void } | null = null;
    if (!immediate && this.#jobs.size > 0) {
      grace = this.#clock.setTimeout(
        () => this.#jobs.stopAll('shutdown', 'the worker is quitting: the job was stopped and released'),
        this.#config.shutdownGraceSeconds * 1000,
      );
    }
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
    grace?.cancel();
    this.#dispatch({ type: 'lifecycle', lifecycle: 'stopped' });
  }

  #schedulePauseExpiry(): void {
    this.#pauseTimer?.cancel();
    this.#pauseTimer = null;
    const { lifecycle } = this.#state;
    if (lifecycle === 'created' || lifecycle === 'stopping' || lifecycle === 'stopped') return;
    const remaining = pauseRemainingMs(this.#state.pause, this.#clock.now());
    if (remaining === null) return;
    if (remaining <= 0) {
      this.resume();
      return;
    }
    this.#pauseTimer = this.#clock.setTimeout(
      () => this.#schedulePauseExpiry(),
      Math.min(remaining, PAUSE_RECHECK_MS),
    );
  }

  #persistPause(pause: PauseState): void {
    savePause(this.#store, pause);
  }

  // ---- plumbing --------------------------------------------------------------------------------

  #dispatch(event: WorkerEvent): void {
    const next = reduceWorkerState(this.#state, event);
    if (next === this.#state) return;
    this.#state = next;
    this.#snapshot = toSnapshot(next, ++this.#seq);
    for (const listener of this.#listeners) {
      try {
        listener(this.#snapshot);
      } catch {
        // One broken listener must not stop the others or the engine.
      }
    }
  }

  #track(promise: Promise<unknown>): void {
    const tracked = promise.catch(() => {}).finally(() => this.#pending.delete(tracked));
    this.#pending.add(tracked);
  }

  #isoNow(): string {
    return new Date(this.#clock.now()).toISOString();
  }
}
