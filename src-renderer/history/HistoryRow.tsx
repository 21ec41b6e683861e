/**
 * One finished job, with its cost, checks and note, and "Retry with a note" (its issue goes back to
 * the queue with the maintainer's note). A review round (nested under its issue and pull request)
 * is titled by its round instead of the issue, and is asked again on GitHub, not retried here.
 * data-testid: history-item (data-job-id, data-outcome, data-round), history-open, history-pr-link,
 * history-note, history-checks (data-checks), history-retry-note, history-retry-form (see
 * RetryNoteForm), history-retry-result, history-retry-error.
 */
import { useState } from 'react';
import type { JobRecord } from '../../shared/job-record.ts';
import { useBridge } from '../common/bridge-context.ts';
import { ExternalLink } from '../common/ExternalLink.tsx';
import { InlineError } from '../common/PanelState.tsx';
import { RetryNoteForm } from '../common/RetryNoteForm.tsx';
import { useAction } from '../common/use-load.ts';
import { checkedGitHubUrl } from '../common/links.ts';
import { formatCost, formatCount, formatElapsed, formatWhen } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.ts';

export function HistoryRow({
  record,
  serverUrl,
  onOpen,
}: {
  record: JobRecord;
  serverUrl: string;
  onOpen: () => void;
}) {
  const { t, locale } = useI18n();
  const bridge = useBridge();
  const retry = useAction();
  const [retrying, setRetrying] = useState(false);
  const [sent, setSent] = useState<'sent' | 'unknown' | null>(null);
  const sendRetry = (note: string, model: string | undefined) =>
    void retry.run(async () => {
      const result = await bridge.invoke('retryJobWithNote', {
        jobId: record.jobId,
        note,
        ...(model ? { model } : {}),
      });
      setSent(result.sent ? 'sent' : 'unknown');
    });
  const pr = checkedGitHubUrl(record.prUrl, serverUrl);
  const duration = Date.parse(record.endedAt) - Date.parse(record.startedAt);
  const usage = record.usage;
  const tokens = usage ? (usage.tokensSent ?? 0) + (usage.tokensReceived ?? 0) : 0;
  const review = record.review;
  const title = review
    ? review.round === null
      ? t('history.roundPending')
      : t('history.round', { round: review.round })
    : record.issue
      ? `#${record.issue.number} ${record.issue.title}`
      : t('job.unknownIssue');
  return (
    <li
      className="card row"
      data-testid="history-item"
      data-job-id={record.jobId}
      data-outcome={record.outcome}
      {...(review?.round ? { 'data-round': review.round } : {})}
    >
      <div className="row-main">
        <p className="row-title">
          <span className={`badge outcome-${record.outcome}`}>
            {review && record.outcome === 'succeeded'
              ? t('history.roundPushed')
              : t(`outcome.${record.outcome}`)}
          </span>{' '}
          <button type="button" className="link" onClick={onOpen} data-testid="history-open">
            {title}
          </button>
        </p>
        {record.issue && !review && <p className="muted">{record.issue.repository}</p>}
        {record.reason && <p className="reason">{record.reason}</p>}
        <p className="muted meta">
          {formatWhen(record.endedAt, Date.now(), locale)}
          {Number.isFinite(duration) && <> · {t('history.took', { duration: formatElapsed(duration) })}</>}
          {tokens > 0 && <> · {t('history.tokens', { count: formatCount(tokens, locale) })}</>}
          {usage?.costUsd != null && <> · {formatCost(usage.costUsd, locale)}</>}
          {record.checks && (
            <>
              {' · '}
              <span data-testid="history-checks" data-checks={record.checks}>
                {t(`history.checks.${record.checks}`)}
              </span>
            </>
          )}
        </p>
        {record.note && (
          <p className="muted" data-testid="history-note">
            {t('history.note', { note: record.note })}
          </p>
        )}
        {sent && (
          <p className="result" role="status" data-testid="history-retry-result">
            {t(sent === 'sent' ? 'history.retrySent' : 'history.retryUnknown')}
          </p>
        )}
        <InlineError error={retry.error} testId="history-retry-error" />
        {retrying && (
          <RetryNoteForm
            testId="history-retry-form"
            busy={retry.busy}
            onCancel={() => setRetrying(false)}
            onSend={(note, model) => {
              setRetrying(false);
              sendRetry(note, model);
            }}
          />
        )}
      </div>
      <div className="row-actions">
        {pr && (
          <ExternalLink href={pr} testId="history-pr-link">
            {t('history.pullRequest')}
          </ExternalLink>
        )}
        {record.issue && !record.review && (
          <button
            type="button"
            disabled={retry.busy}
            onClick={() => setRetrying(true)}
            data-testid="history-retry-note"
          >
            {t('history.retryWithNote')}
          </button>
        )}
      </div>
    </li>
  );
}
