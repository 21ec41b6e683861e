/**
 * `agent.sandbox: "required"` on a machine with no usable sandbox (issue #10): the worker takes no
 * message at all — it is held like a pause with its own reason ('sandbox-required'), before the
 * first ReceiveMessage, so nothing is received, retried or sent to the DLQ. The hold persists like
 * any pause; a start that finds a sandbox (or a changed setting) lifts a hold an earlier run left.
 * worker-app.ts refuses the user's resume while the hold applies.
 */
import type { ConfinementView, PauseReason, WorkerSnapshot } from '../../../shared/snapshot.ts';

/** The worker as the hold uses it. */
export interface HoldablePort {
  pause(options: { mode: 'after-current'; until: string | null; reason: PauseReason }): void;
  resume(): void;
  snapshot(): WorkerSnapshot;
}

export function applySandboxHold(worker: HoldablePort, view: ConfinementView): void {
  const pause = worker.snapshot().pause;
  const held = pause.paused && pause.reason === 'sandbox-required';
  if (view.kind === 'refused') {
    if (!held) worker.pause({ mode: 'after-current', until: null, reason: 'sandbox-required' });
  } else if (held) {
    worker.resume();
  }
}
