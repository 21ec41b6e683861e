/**
 * The receive loop: long-polls while the host has free slots, asks for no more messages than it
 * can run, and backs off (with jitter) while SQS cannot be reached. It never polls while the host
 * reports no capacity (paused, full, stopping). A pause lets a poll already on the wire finish (what
 * it brings is released); only stop() cuts it.
 */
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Clock } from '../ports/clock.ts';
import { receiveMessages } from '../queue/receive-messages.ts';
import type { ReceivedMessage } from '../queue/message-delivery.ts';
import { offlineBackoffMs, type OfflineBackoffOptions } from './offline-backoff.ts';

export interface ReceiveLoopHost {
  /** Messages to ask for now; 0 blocks the loop until wake(). */
  capacity(): number;
  /** Runs before the first receive, and again after a failure. Throws to go offline. */
  setup(signal: AbortSignal): Promise<void>;
  /** `sentAt` is when the ReceiveMessage call was sent: leases count from there. */
  onMessages(messages: readonly ReceivedMessage[], sentAt: number): void;
  onPolling(active: boolean): void;
  onOffline(error: unknown, retryAt: number): void;
  onOnline(): void;
  /** Work stop() must wait for: a response that arrives after we stopped waiting for it. */
  track(work: Promise<unknown>): void;
}

export interface ReceiveLoopOptions {
  readonly client: SQSClient;
  readonly queueUrl: string;
  readonly waitTimeSeconds: number;
  readonly leaseSeconds: number;
  readonly clock: Clock;
  readonly backoff: OfflineBackoffOptions;
  /** Pause between empty receives when waitTimeSeconds is 0, so short polling never spins. */
  readonly idlePollDelayMs: number;
  /** How long past the long poll (or for setup) to wait for SQS before giving up on the request. */
  readonly responseGraceMs: number;
  readonly random?: () => number;
}

export class ReceiveLoop {
  readonly #host: ReceiveLoopHost;
  readonly #options: ReceiveLoopOptions;
  #running: Promise<void> | null = null;
  #stopped = false;
  #ready = false;
  #setupAttempted = false;
  #firstSetup: { promise: Promise<void>; resolve: () => void } = deferred();
  #wakeup: (() => void) | null = null;
  #abort: AbortController | null = null;
  #sleep: { timer: { cancel(): void }; resolve: () => void } | null = null;
  #retryDelay = 0;

  constructor(host: ReceiveLoopHost, options: ReceiveLoopOptions) {
    this.#host = host;
    this.#options = options;
  }

  /** Starts the loop; resolves once the first setup attempt has finished (either way). */
  start(): Promise<void> {
    this.#running ??= this.#run().finally(() => this.#firstSetup.resolve());
    return this.#firstSetup.promise;
  }

  /** Capacity may have changed (a slot freed, resumed): re-check now. */
  wake(): void {
    const wakeup = this.#wakeup;
    this.#wakeup = null;
    wakeup?.();
  }

  /** Stops polling at once and resolves when the loop has exited. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#abort?.abort();
    if (this.#sleep) {
      this.#sleep.timer.cancel();
      this.#sleep.resolve();
    }
    this.wake();
    await this.#running;
  }

  async #run(): Promise<void> {
    const { clock } = this.#options;
    let failures = 0;
    while (!this.#stopped) {
      const capacity = this.#host.capacity();
      if (!this.#ready && (!this.#setupAttempted || capacity > 0)) {
        this.#setupAttempted = true;
        const controller = (this.#abort = new AbortController());
        const watchdog = this.#watchdog(controller, this.#options.responseGraceMs);
        let failure: { error: unknown } | null = null;
        try {
          await untilAborted(this.#host.setup(controller.signal), controller.signal);
          this.#ready = true;
        } catch (error) {
          failure = { error: watchdog.fired ? watchdog.error() : error };
        }
        watchdog.cancel();
        this.#abort = null;
        if (failure && !this.#stopped && (watchdog.fired || !controller.signal.aborted)) {
          this.#reportOffline(failure.error, ++failures);
          this.#firstSetup.resolve();
          await this.#sleepFor(this.#retryDelay);
        }
        this.#firstSetup.resolve();
        continue;
      }
      if (capacity <= 0) {
        this.#host.onPolling(false);
        await new Promise<void>((resolve) => (this.#wakeup = resolve));
        continue;
      }
      this.#host.onPolling(true);
      const controller = (this.#abort = new AbortController());
      const sentAt = clock.now();
      // A laptop that sleeps can leave a request hanging forever: stop waiting well past the long poll.
      const watchdog = this.#watchdog(
        controller,
        this.#options.waitTimeSeconds * 1000 + this.#options.responseGraceMs,
      );
      const request = receiveMessages(
        this.#options.client,
        {
          queueUrl: this.#options.queueUrl,
          maxMessages: capacity,
          waitTimeSeconds: this.#options.waitTimeSeconds,
          visibilitySeconds: this.#options.leaseSeconds,
        },
        controller.signal,
      );
      let messages: readonly ReceivedMessage[];
      try {
        messages = await untilAborted(request, controller.signal);
      } catch (error) {
        if (controller.signal.aborted) this.#handleLate(request, sentAt);
        if (!this.#stopped && (watchdog.fired || !controller.signal.aborted)) {
          // Whatever broke (the queue may have been recreated), set up again before the next receive.
          this.#ready = false;
          this.#reportOffline(watchdog.fired ? watchdog.error() : error, ++failures);
          await this.#sleepFor(this.#retryDelay);
        }
        continue;
      } finally {
        watchdog.cancel();
        this.#abort = null;
      }
      if (failures > 0) {
        failures = 0;
        this.#host.onOnline();
      }
      this.#host.onMessages(messages, sentAt);
      if (messages.length === 0 && this.#options.waitTimeSeconds === 0)
        await this.#sleepFor(this.#options.idlePollDelayMs);
    }
    this.#host.onPolling(false);
  }

  /**
   * A response can still arrive after we stopped waiting for it (paused, stopping, watchdog): its
   * messages are never dropped, and stop() waits for them to be put back — for a grace period, so a
   * request that never answers cannot keep the worker from quitting.
   */
  #handleLate(request: Promise<readonly ReceivedMessage[]>, sentAt: number): void {
    const handled = request.then(
      (late) => {
        if (late.length > 0) this.#host.onMessages(late, sentAt);
      },
      () => {},
    );
    let timer: { cancel(): void } | null = null;
    const grace = new Promise<void>((resolve) => {
      timer = this.#options.clock.setTimeout(resolve, this.#options.responseGraceMs);
    });
    this.#host.track(Promise.race([handled, grace]).finally(() => timer?.cancel()));
  }

  #reportOffline(error: unknown, attempt: number): void {
    this.#retryDelay = offlineBackoffMs(attempt, this.#options.backoff, this.#options.random);
    this.#host.onOffline(error, this.#options.clock.now() + this.#retryDelay);
  }

  /** Aborts the controller after ms; `fired` tells a timeout from a pause or stop. */
  #watchdog(controller: AbortController, ms: number) {
    let fired = false;
    const timer = this.#options.clock.setTimeout(() => {
      fired = true;
      controller.abort();
    }, ms);
    return {
      get fired() {
        return fired;
      },
      cancel: () => timer.cancel(),
      error: () =>
        Object.assign(new Error(`SQS did not answer within ${Math.round(ms / 1000)} s`), {
          name: 'TimeoutError',
        }),
    };
  }

  #sleepFor(ms: number): Promise<void> {
    if (this.#stopped) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = this.#options.clock.setTimeout(() => {
        this.#sleep = null;
        resolve();
      }, ms);
      this.#sleep = { timer, resolve };
    });
  }
}

/** Settles like `promise`, or rejects with an AbortError as soon as the signal aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(abortError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function abortError(): Error {
  return Object.assign(new Error('Request aborted'), { name: 'AbortError' });
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
