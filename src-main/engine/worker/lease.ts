/**
 * The lease on one received message: heartbeats extend its visibility before it lapses, and the
 * lease knows when it is lost and when SQS's 12-hour cap nears. All time comes from the Clock, so
 * the whole schedule is tested with a fake one.
 *
 * Lost means: SQS says the receipt is gone (MessageNotInflight / ReceiptHandleIsInvalid / expired),
 * `maxFailures` heartbeats failed in a row, or no heartbeat succeeded before the lease lapsed (the
 * laptop slept, the network hung). Then another consumer may hold the message: the job must stop.
 * A failure on a receipt handle a redelivery has since replaced says nothing about the lease.
 */
import type { LeaseView } from '../../../shared/snapshot.ts';
import type { Clock } from '../ports/clock.ts';
import { errorMessage, errorNames, isReceiptGoneError } from '../queue/sqs-errors.ts';

/** SQS refuses to keep a message invisible for longer than this after it was received. */
export const VISIBILITY_CAP_MS = 12 * 60 * 60 * 1000;
/** The job is stopped this long (at most) before the cap, so it can wind down and be released. */
export const MAX_CAP_MARGIN_MS = 30 * 60 * 1000;

export interface LeaseOptions {
  readonly clock: Clock;
  readonly leaseSeconds: number;
  readonly heartbeatMs: number;
  /**
   * When the ReceiveMessage call was sent (clock ms): SQS starts the lease when it hands the message
   * out, which is before the response reaches us, so the lease and the 12 h cap count from here.
   */
  readonly receivedAt: number;
  /** Consecutive heartbeat failures that mean the lease is lost. Default 3. */
  readonly maxFailures?: number;
  /**
   * How long a job told to stop may take to wind down and be settled: the job is stopped at least
   * this long before the 12 h cap (and at least two heartbeats before it; at most 30 min). Default 0.
   */
  readonly windDownMs?: number;
  /** The message's latest receipt handle (a redelivery replaces it). */
  receipt(): string;
  /** Extends visibility by this many seconds using the given receipt handle. */
  extend(receiptHandle: string, visibilitySeconds: number): Promise<void>;
  /** Something in view() changed. */
  onChange(): void;
  onLost(reason: string): void;
  onCapReached(reason: string): void;
  /** A heartbeat extended the lease: the moment to re-check that the work is still wanted. */
  onExtended?(): void;
}

type Timer = { cancel(): void } | null;

export class Lease {
  readonly #options: LeaseOptions;
  readonly #maxFailures: number;
  /** SQS's hard cap for this message. */
  readonly capAt: number;
  /** When the job is stopped to stay clear of the cap (see LeaseOptions.windDownMs). */
  readonly stopAt: number;
  #expiresAt: number;
  #nextHeartbeatAt: number | null = null;
  #healthy = true;
  #closed = false;
  #failures = 0;
  #heartbeatTimer: Timer = null;
  /** The heartbeat on the wire, if any: settling waits for it so it cannot land after the settle. */
  #inFlight: Promise<void> | null = null;
  #lapseTimer: Timer = null;
  #capTimer: Timer = null;

  constructor(options: LeaseOptions) {
    this.#options = options;
    this.#maxFailures = options.maxFailures ?? 3;
    this.#expiresAt = options.receivedAt + options.leaseSeconds * 1000;
    this.capAt = options.receivedAt + VISIBILITY_CAP_MS;
    const margin = Math.max(2 * options.heartbeatMs, options.windDownMs ?? 0);
    this.stopAt = this.capAt - Math.min(margin, MAX_CAP_MARGIN_MS);
  }

  start(): void {
    const { clock } = this.#options;
    // The lease started when SQS handed the message out, not now: the response may have taken most
    // of a long poll (or more, if it came in late) to arrive.
    this.#scheduleHeartbeat(Math.max(0, this.#options.receivedAt + this.#options.heartbeatMs - clock.now()));
    this.#scheduleLapse();
    this.#capTimer = clock.setTimeout(() => this.#capReached(), Math.max(0, this.stopAt - clock.now()));
  }

  get healthy(): boolean {
    return this.#healthy;
  }

  get expiresAt(): number {
    return this.#expiresAt;
  }

  view(): LeaseView {
    return {
      expiresAt: new Date(this.#expiresAt).toISOString(),
      nextHeartbeatAt: this.#nextHeartbeatAt === null ? null : new Date(this.#nextHeartbeatAt).toISOString(),
      healthy: this.#healthy,
    };
  }

  /**
   * The same message was delivered again: receipt() now returns its new handle, and SQS gave it a
   * fresh lease from `receivedAt`. The next heartbeat comes a heartbeat interval after that at the
   * latest.
   */
  renew(receivedAt: number): void {
    if (this.#closed || !this.#healthy) return;
    const { clock, heartbeatMs, leaseSeconds } = this.#options;
    this.#expiresAt = Math.max(this.#expiresAt, receivedAt + leaseSeconds * 1000);
    this.#failures = 0;
    this.#scheduleLapse();
    const due = receivedAt + heartbeatMs;
    if (!this.#inFlight && (this.#nextHeartbeatAt === null || due < this.#nextHeartbeatAt))
      this.#scheduleHeartbeat(Math.max(0, due - clock.now()));
    this.#options.onChange();
  }

  /**
   * Stops all heartbeats and timers; the message is being settled. Resolves when the heartbeat on
   * the wire (if any) has landed, so the caller can make sure it does not override the settle.
   */
  close(): Promise<void> {
    this.#closed = true;
    this.#nextHeartbeatAt = null;
    for (const timer of [this.#heartbeatTimer, this.#lapseTimer, this.#capTimer]) timer?.cancel();
    this.#heartbeatTimer = this.#lapseTimer = this.#capTimer = null;
    return this.#inFlight ?? Promise.resolve();
  }

  /** True while a heartbeat is on the wire. */
  get beating(): boolean {
    return this.#inFlight !== null;
  }

  #beat(): void {
    this.#heartbeatTimer = null;
    if (this.#closed || !this.#healthy) return;
    const beat = this.#extendOnce()
      .catch(() => {
        // #extendOnce handles SQS's errors; this only keeps a throwing callback from going unhandled.
      })
      .finally(() => {
        if (this.#inFlight === beat) this.#inFlight = null;
      });
    this.#inFlight = beat;
  }

  async #extendOnce(): Promise<void> {
    const { clock, leaseSeconds } = this.#options;
    const sentAt = clock.now();
    if (sentAt >= this.#expiresAt) {
      this.#lose('the lease lapsed before a heartbeat could extend it (was the computer asleep?)');
      return;
    }
    // An extension past the cap is refused by SQS: extend only up to it.
    const seconds = Math.min(leaseSeconds, Math.floor((this.capAt - sentAt) / 1000));
    if (seconds < 1) {
      this.#nextHeartbeatAt = null;
      this.#options.onChange();
      return;
    }
    const handle = this.#options.receipt();
    try {
      await this.#options.extend(handle, seconds);
    } catch (error) {
      if (this.#closed || !this.#healthy) return;
      if (handle !== this.#options.receipt()) {
        // A redelivery replaced this receipt meanwhile (and renewed the lease): nothing was lost.
        this.#scheduleHeartbeat(this.#options.heartbeatMs);
        this.#options.onChange();
        return;
      }
      if (isReceiptGoneError(error)) {
        this.#lose(`the lease was lost: SQS no longer holds the message for us (${describe(error)})`);
        return;
      }
      this.#failures++;
      if (this.#failures >= this.#maxFailures) {
        this.#lose(
          `the lease could not be extended: ${this.#failures} heartbeats failed in a row (${describe(error)})`,
        );
        return;
      }
      this.#scheduleHeartbeat(Math.max(1, this.#options.heartbeatMs / 3));
      this.#options.onChange();
      return;
    }
    if (this.#closed || !this.#healthy) return;
    if (handle !== this.#options.receipt()) {
      // Extended an older receipt; the redelivery's own lease was set by renew().
      this.#scheduleHeartbeat(this.#options.heartbeatMs);
      this.#options.onChange();
      return;
    }
    if (clock.now() >= this.#expiresAt) {
      // The extension may have landed after the message was already visible to others.
      this.#lose('the lease lapsed before a heartbeat could extend it');
      return;
    }
    this.#failures = 0;
    this.#expiresAt = sentAt + seconds * 1000;
    this.#scheduleLapse();
    this.#scheduleHeartbeat(this.#options.heartbeatMs);
    this.#options.onChange();
    this.#options.onExtended?.();
  }

  #scheduleHeartbeat(ms: number): void {
    this.#heartbeatTimer?.cancel();
    const { clock } = this.#options;
    this.#nextHeartbeatAt = clock.now() + ms;
    this.#heartbeatTimer = clock.setTimeout(() => this.#beat(), ms);
  }

  #scheduleLapse(): void {
    this.#lapseTimer?.cancel();
    const { clock } = this.#options;
    this.#lapseTimer = clock.setTimeout(
      () => {
        this.#lapseTimer = null;
        if (!this.#closed && this.#healthy && clock.now() >= this.#expiresAt) {
          this.#lose('the lease lapsed before a heartbeat could extend it');
        } else if (!this.#closed && this.#healthy) {
          this.#scheduleLapse();
        }
      },
      Math.max(0, this.#expiresAt - clock.now()),
    );
  }

  #capReached(): void {
    this.#capTimer = null;
    if (this.#closed) return;
    const hours = VISIBILITY_CAP_MS / 3_600_000;
    this.#options.onCapReached(
      `stopped before SQS's ${hours}-hour visibility limit for one receive; the message was released to run again`,
    );
  }

  #lose(reason: string): void {
    if (!this.#healthy) return;
    this.#healthy = false;
    this.#nextHeartbeatAt = null;
    this.#heartbeatTimer?.cancel();
    this.#lapseTimer?.cancel();
    this.#heartbeatTimer = this.#lapseTimer = null;
    this.#options.onChange();
    this.#options.onLost(reason);
  }
}

function describe(error: unknown): string {
  const name = errorNames(error)[0] ?? 'Error';
  return `${name}: ${errorMessage(error)}`;
}
