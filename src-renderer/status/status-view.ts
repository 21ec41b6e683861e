/** The status header's headline, from the snapshot: which message, with what values. Pure. */
import type { ConnectionState } from '../../shared/bridge.ts';
import type { WorkerSnapshot } from '../../shared/snapshot.ts';
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
  if (pause.paused) {
    const finishing = snapshot.jobs.length > 0;
    if (pause.reason === 'battery') return paused('header.pausedBattery', finishing, null);
    if (pause.reason === 'suspend') return paused('header.pausedSuspend', finishing, null);
    if (pause.until) return paused('header.pausedUntil', finishing, pause.until);
    return paused('header.paused', finishing, null);
  }
  if (job) {
    return job.issue
      ? {
          key: 'header.workingOn',
          values: { repository: job.issue.repository, number: job.issue.number },
          tone: 'busy',
          at: null,
        }
      : { key: 'header.working', values: {}, tone: 'busy', at: null };
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

function paused(key: MessageKey, finishing: boolean, at: string | null): Headline {
  return { key, values: { finishing: finishing ? 1 : 0 }, tone: 'paused', at };
}
