/**
 * The jobs waiting for approval before push, and the user's answers (issue #14). A job calls
 * wait(); the UI lists the waiting jobs, reads a job's diff and answers with decide(). A wait ends
 * with the answer, at its timeout ('timeout'), or when the job is stopped (AbortError).
 *
 * While a job waits it is still running as far as the consumer is concerned, so its lease keeps
 * being extended by the usual heartbeat.
 */
import type { ApprovalAnswer, ApprovalView } from '../../../../shared/approval.ts';
import { systemClock, type Clock } from '../../ports/clock.ts';

export type ApprovalDecision = ApprovalAnswer | { readonly kind: 'timeout' };

export interface ApprovalRequest extends Omit<ApprovalView, 'waitingSince' | 'expiresAt'> {
  /** The unified diff, bounded (shown by the UI on request). */
  readonly diff: string;
}

/** What the pipeline needs of the gate. */
export interface ApprovalGate {
  wait(
    request: ApprovalRequest,
    options: { readonly timeoutMs: number; readonly signal: AbortSignal },
  ): Promise<ApprovalDecision>;
}

interface Waiting {
  readonly view: ApprovalView;
  readonly diff: string;
  readonly resolve: (decision: ApprovalDecision) => void;
}

export class ApprovalBoard implements ApprovalGate {
  readonly #clock: Clock;
  readonly #waiting = new Map<string, Waiting>();
  readonly #listeners = new Set<(views: readonly ApprovalView[]) => void>();

  constructor(options: { readonly clock?: Clock } = {}) {
    this.#clock = options.clock ?? systemClock;
  }

  wait(
    request: ApprovalRequest,
    options: { readonly timeoutMs: number; readonly signal: AbortSignal },
  ): Promise<ApprovalDecision> {
    options.signal.throwIfAborted();
    const now = this.#clock.now();
    const { diff, ...rest } = request;
    const view: ApprovalView = {
      ...rest,
      waitingSince: new Date(now).toISOString(),
      expiresAt: new Date(now + options.timeoutMs).toISOString(),
    };
    return new Promise<ApprovalDecision>((resolve, reject) => {
      const end = () => {
        timer.cancel();
        options.signal.removeEventListener('abort', onAbort);
        if (this.#waiting.get(view.jobId)?.view === view) this.#waiting.delete(view.jobId);
        this.#changed();
      };
      const onAbort = () => {
        end();
        reject(options.signal.reason instanceof Error ? options.signal.reason : abortError(options.signal));
      };
      const timer = this.#clock.setTimeout(() => {
        end();
        resolve({ kind: 'timeout' });
      }, options.timeoutMs);
      options.signal.addEventListener('abort', onAbort, { once: true });
      this.#waiting.set(view.jobId, {
        view,
        diff,
        resolve: (decision) => {
          end();
          resolve(decision);
        },
      });
      this.#changed();
    });
  }

  /** The jobs waiting now, oldest first. */
  list(): readonly ApprovalView[] {
    return [...this.#waiting.values()].map((w) => w.view);
  }

  /** A waiting job's diff, or null when it is not waiting. */
  diff(jobId: string): string | null {
    return this.#waiting.get(jobId)?.diff ?? null;
  }

  /** Answers a waiting job; false when it is not (or no longer) waiting. */
  decide(jobId: string, answer: ApprovalAnswer): boolean {
    const waiting = this.#waiting.get(jobId);
    if (!waiting) return false;
    waiting.resolve(answer);
    return true;
  }

  /** Called with the waiting jobs whenever they change; returns the unsubscribe. */
  onChange(listener: (views: readonly ApprovalView[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #changed(): void {
    const views = this.list();
    for (const listener of this.#listeners) listener(views);
  }
}

function abortError(signal: AbortSignal): Error {
  try {
    signal.throwIfAborted();
  } catch (error) {
    if (error instanceof Error) return error;
  }
  return new DOMException('The operation was aborted.', 'AbortError');
}
