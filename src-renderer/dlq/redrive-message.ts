import type { RedriveResult } from '../../shared/bridge.ts';
import type { Translate } from '../i18n/i18n.ts';

/** What a redrive did, including what it could not do: nothing is silently left behind. */
export function redriveMessage(result: RedriveResult, t: Translate): string {
  const moved = t('dlq.redriven', { count: result.moved });
  if (result.failed === 0) return moved;
  return `${moved} ${t('dlq.redriveFailed', { count: result.failed, problems: result.problems.join('; ') })}`;
}
