/**
 * The status header's headline, from the snapshot: which message, with what values. Pure. A running
 * job comes first, as in the tray ("Working on …"); if the worker is also paused (it finishes the
 * job, then takes no more), the headline says both.
 */
import type { ConnectionState } from '../../shared/bridge.ts';
import { parseConfinementView, type WorkerSnapshot } from '../../shared/snapshot.ts';
import type { MessageKey } from '../../shared/i18n/ui-messages.ts';

export interface Headline {
  readonly key: MessageKey;
  readonly values: Readonly<Record<string, string | number>>;
  readonly tone: 'ok' | 'busy' | 'paused' | 'problem';
  /** An ISO time to show (pause end, retry), formatted by the component. */
  readonly at: string | null;
}

export function headline(snapshot: WorkerSnapshot | null, connection: ConnectionState): Headline {
  if (connection !== 'connected' || snapshot === null) {
    return {
      key: `connection.${connection}`,
      values: {},
      tone: connection === 'disconnected' ? 'problem' : 'busy',
      at: null,
    };
  }
  const job = snapshot.jobs[0];
  const { pause } = snapshot;
  if (job) {
    const after = pause.paused;
    return job.issue
      ? {
          key: after ? 'header.workingOnPaused' : 'header.workingOn',
          values: { repository: job.issue.repository, number: job.issue.number },
          tone: 'busy',
          at: null,
        }
      : { key: after ? 'header.workingPaused' : 'header.working', values: {}, tone: 'busy', at: null };
  }
  if (pause.paused) {
    if (pause.reason === 'battery') return paused('header.pausedBattery', null);
    if (pause.reason === 'suspend') return paused('header.pausedSuspend', null);
    if (pause.reason === 'sandbox-required') {
      const view = parseConfinementView(snapshot.confinement);
      const reason = view?.kind === 'refused' ? view.reason : 'no usable sandbox was found';
      return { ...paused('header.sandboxRequired', null), tone: 'problem', values: { reason } };
    }
    if (pause.reason === 'daily-limit') {
      const limit = snapshot.spend?.perDayUsd;
      return { ...paused('header.pausedDailyLimit', null), values: { finishing: 0, amount: limit ?? 0 } };
    }
    if (pause.until) return paused('header.pausedUntil', pause.until);
    return paused('header.paused', null);
  }
  switch (snapshot.status) {
    case 'offline':
      return {
        key: snapshot.retryAt ? 'header.offlineRetry' : 'header.offline',
        values: { reason: snapshot.lastError?.message ?? '' },
        tone: 'problem',
        at: snapshot.retryAt,
      };
    case 'starting':
      return { key: 'header.starting', values: {}, tone: 'busy', at: null };
    case 'stopping':
    case 'stopped':
      return { key: 'header.stopping', values: {}, tone: 'paused', at: null };
    default:
      return { key: 'header.listening', values: {}, tone: 'ok', at: null };
  }
}

function paused(key: MessageKey, at: string | null): Headline {
  return { key, values: { finishing: 0 }, tone: 'paused', at };
}

export interface ConfinementLine {
  readonly key: MessageKey;
  readonly values: Readonly<Record<string, string>>;
  /** 'confined', 'unconfined' or 'refused' (data-kind, and the line's tone). */
  readonly kind: string;
}

/** How the agent runs on this machine, for the line under the headline; null until the app knows. */
export function confinementLine(snapshot: WorkerSnapshot | null): ConfinementLine | null {
  const view = parseConfinementView(snapshot?.confinement);
  if (!view) return null;
  switch (view.kind) {
    case 'confined':
      return {
        key: view.by === 'seatbelt' ? 'confinement.seatbelt' : 'confinement.bubblewrap',
        values: {},
        kind: view.kind,
      };
    case 'unconfined':
      return { key: 'confinement.unconfined', values: { reason: view.reason }, kind: view.kind };
    case 'refused':
      return { key: 'confinement.refused', values: { reason: view.reason }, kind: view.kind };
  }
}
