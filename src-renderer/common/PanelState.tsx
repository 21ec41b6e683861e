/**
 * The states every panel has besides its content.
 * data-testid: panel-loading, panel-error (data-kind = the error key), panel-retry, and the caller's
 * empty-state id (e.g. dlq-empty).
 */
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.ts';
import type { ErrorInfo } from './errors.ts';

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="panel-state muted" role="status" data-testid="panel-loading">
      <span className="spinner" aria-hidden="true" />
      {t('common.loading')}
    </p>
  );
}

export function Empty({ testId, title, children }: { testId: string; title: string; children?: ReactNode }) {
  return (
    <div className="panel-state empty" data-testid={testId}>
      <p className="empty-title">{title}</p>
      {children && <p className="muted">{children}</p>}
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: ErrorInfo; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="panel-state error-state" role="alert" data-testid="panel-error" data-kind={error.key}>
      <p className="error-title">{t(error.key)}</p>
      <p className="muted detail">{error.detail}</p>
      {onRetry && (
        <button type="button" onClick={onRetry} data-testid="panel-retry">
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

/** A command's error, inline next to the button that ran it. */
export function InlineError({ error, testId }: { error: ErrorInfo | null; testId: string }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <p className="inline-error" role="alert" data-testid={testId} data-kind={error.key}>
      {t(error.key)} <span className="muted">{error.detail}</span>
    </p>
  );
}
