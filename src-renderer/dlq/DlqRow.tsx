/**
 * One DLQ message: its issue (or the start of its body when it is not a valid task), why it failed,
 * how often it was received, and how old it is.
 * data-testid: dlq-item (data-message-id), dlq-open-issue, dlq-reason, redrive-button, delete-button
 * (then confirm-button), dlq-retry-note (then dlq-retry-form, see RetryNoteForm).
 */
import { useState } from 'react';
import type { DlqItem } from '../../shared/dead-letter-item.ts';
import { ConfirmButton } from '../common/ConfirmButton.tsx';
import { RetryNoteForm } from '../common/RetryNoteForm.tsx';
import { ExternalLink } from '../common/ExternalLink.tsx';
import { issueUrl } from '../common/links.ts';
import { formatRelative } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.ts';

export function DlqRow({
  item,
  now,
  serverUrl,
  busy,
  onRedrive,
  onDelete,
  onRetryWithNote,
}: {
  item: DlqItem;
  now: number;
  serverUrl: string;
  busy: boolean;
  onRedrive: () => void;
  onDelete: () => void;
  onRetryWithNote: (note: string, model: string | undefined) => void;
}) {
  const { t, locale } = useI18n();
  const [retrying, setRetrying] = useState(false);
  const link = item.issue ? issueUrl(serverUrl, item.issue) : null;
  return (
    <li className="card row" data-testid="dlq-item" data-message-id={item.messageId}>
      <div className="row-main">
        <p className="row-title">
          {item.issue ? (
            <>
              <span>
                #{item.issue.number} {item.issue.title}
              </span>{' '}
              <span className="muted">{item.issue.repository}</span>
            </>
          ) : (
            <span className="muted">{t('dlq.notATask')}</span>
          )}
        </p>
        <p className="reason" data-testid="dlq-reason">
          {item.reason ?? t('dlq.noReason')}
        </p>
        {!item.issue && <pre className="summary">{item.summary}</pre>}
        <p className="muted meta">
          {t('dlq.receives', { count: item.receiveCount })}
          {item.sentAt && <> · {t('dlq.age', { age: formatRelative(item.sentAt, now, locale) })}</>}
        </p>
      </div>
      <div className="row-actions">
        {link && (
          <ExternalLink href={link} testId="dlq-open-issue">
            {t('dlq.openIssue')}
          </ExternalLink>
        )}
        <button type="button" disabled={busy} onClick={onRedrive} data-testid="redrive-button">
          {t('dlq.redrive')}
        </button>
        {item.issue && (
          <button
            type="button"
            disabled={busy}
            onClick={() => setRetrying(true)}
            data-testid="dlq-retry-note"
          >
            {t('dlq.retryWithNote')}
          </button>
        )}
        <ConfirmButton
          testId="delete-button"
          danger
          disabled={busy}
          question={t('dlq.deleteQuestion')}
          confirmLabel={t('dlq.delete')}
          onConfirm={onDelete}
        >
          {t('dlq.delete')}
        </ConfirmButton>
      </div>
      {retrying && (
        <RetryNoteForm
          testId="dlq-retry-form"
          busy={busy}
          onCancel={() => setRetrying(false)}
          onSend={(note, model) => {
            setRetrying(false);
            onRetryWithNote(note, model);
          }}
        />
      )}
    </li>
  );
}
