/**
 * Jobs stopped before their push (approveBeforePush): what they would push — files, lines, checks,
 * cost — the diff on request, and Push, Discard or Retry with a note.
 * data-testid: approval (data-job-id), approval-summary, approval-files, approval-checks
 * (data-checks), approval-cost, approval-show-diff, approval-diff, approval-push, approval-discard
 * (then confirm-button), approval-retry, approval-retry-form(-note, -model, -send, -cancel),
 * approval-error.
 */
import { useState } from 'react';
import type { ApprovalAnswer, ApprovalView } from '../../shared/approval.ts';
import { useBridge } from '../common/bridge-context.ts';
import { ConfirmButton } from '../common/ConfirmButton.tsx';
import { InlineError } from '../common/PanelState.tsx';
import { RetryNoteForm } from '../common/RetryNoteForm.tsx';
import { useAction } from '../common/use-load.ts';
import { useNow } from '../common/use-now.ts';
import { formatCost, formatWhen } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.ts';
import { useApprovals } from './use-approvals.ts';

export function ApprovalPanel() {
  const bridge = useBridge();
  const views = useApprovals(bridge);
  if (views.length === 0) return null;
  return (
    <div className="approvals">
      {views.map((view) => (
        <ApprovalCard key={`${view.jobId}-${view.waitingSince}`} view={view} />
      ))}
    </div>
  );
}

function ApprovalCard({ view }: { view: ApprovalView }) {
  const { t, locale } = useI18n();
  const bridge = useBridge();
  const action = useAction();
  const now = useNow(30_000);
  const [diff, setDiff] = useState<string | null>(null);
  const [retrying, setRetrying] = useState(false);
  const [gone, setGone] = useState(false);

  const answer = (decision: ApprovalAnswer) =>
    void action.run(async () => {
      const result = await bridge.invoke('decideApproval', { jobId: view.jobId, ...decision });
      if (!result.decided) setGone(true);
    });
  const toggleDiff = () => {
    if (diff !== null) return setDiff(null);
    void action.run(async () => {
      const result = await bridge.invoke('getApprovalDiff', { jobId: view.jobId });
      if (result.diff === null) setGone(true);
      else setDiff(result.diff);
    });
  };
  const cost = view.usage?.costUsd;

  return (
    <section className="card approval" data-testid="approval" data-job-id={view.jobId}>
      <h2 className="section-title">{t('approval.title')}</h2>
      <p className="row-title">
        #{view.issue.number} {view.issue.title} <span className="muted">{view.issue.repository}</span>
      </p>
      <p data-testid="approval-summary">
        {t('approval.summary', {
          files: view.files.length,
          added: view.linesAdded,
          removed: view.linesRemoved,
        })}
      </p>
      <ul className="approval-files" data-testid="approval-files">
        {view.files.map((file) => (
          <li key={file.path}>
            <code>{file.path}</code>{' '}
            <span className="muted">
              +{file.added ?? '–'} −{file.removed ?? '–'}
            </span>
          </li>
        ))}
      </ul>
      <p data-testid="approval-checks" data-checks={view.checks}>
        {t(`approval.checks.${view.checks}`)}
        {view.checksSummary && view.checks === 'failed' && <> — {view.checksSummary}</>}
      </p>
      <p data-testid="approval-cost">
        {cost != null ? t('approval.cost', { amount: formatCost(cost, locale) }) : t('approval.costUnknown')}
      </p>
      {view.note && <p className="muted">{t('approval.note', { note: view.note })}</p>}
      <p className="muted">{t('approval.expires', { time: formatWhen(view.expiresAt, now, locale) })}</p>
      {gone && <p role="status">{t('approval.notAnswered')}</p>}
      <div className="row-actions">
        <button type="button" onClick={toggleDiff} data-testid="approval-show-diff">
          {diff === null ? t('approval.showDiff') : t('approval.hideDiff')}
        </button>
        <button
          type="button"
          disabled={action.busy}
          onClick={() => answer({ kind: 'push' })}
          data-testid="approval-push"
        >
          {t('approval.push')}
        </button>
        <ConfirmButton
          testId="approval-discard"
          danger
          disabled={action.busy}
          question={t('approval.discardQuestion')}
          confirmLabel={t('approval.discard')}
          onConfirm={() => answer({ kind: 'discard' })}
        >
          {t('approval.discard')}
        </ConfirmButton>
        <button
          type="button"
          disabled={action.busy}
          onClick={() => setRetrying(true)}
          data-testid="approval-retry"
        >
          {t('approval.retry')}
        </button>
      </div>
      {retrying && (
        <RetryNoteForm
          testId="approval-retry-form"
          busy={action.busy}
          onCancel={() => setRetrying(false)}
          onSend={(note, model) => {
            setRetrying(false);
            answer({ kind: 'retry', note, ...(model ? { model } : {}) });
          }}
        />
      )}
      <InlineError error={action.error} testId="approval-error" />
      {diff !== null && (
        <pre className="diff" data-testid="approval-diff">
          {diff}
        </pre>
      )}
    </section>
  );
}
