/**
 * Only in `codingworker sandbox` (the snapshot says so): what this is, and a button that sends
 * another sample issue — the bridge's sendSampleIssue, which the normal modes refuse.
 * data-testid: sandbox-bar, send-sample-issue, sample-issue-sent, sample-issue-error.
 */
import { useState } from 'react';
import { useBridge } from '../common/bridge-context.ts';
import { InlineError } from '../common/PanelState.tsx';
import { useAction } from '../common/use-load.ts';
import { useI18n } from '../i18n/i18n.ts';

export function SandboxBar() {
  const { t } = useI18n();
  const bridge = useBridge();
  const action = useAction();
  const [sent, setSent] = useState<number | null>(null);
  const send = () =>
    void action
      .run(() => bridge.invoke('sendSampleIssue', {}))
      .then((result) => {
        if (result) setSent(result.issueNumber);
      });
  return (
    <div className="sandbox-bar" data-testid="sandbox-bar">
      <span className="badge">{t('sandbox.label')}</span>
      <span className="spacer" />
      <button type="button" onClick={send} disabled={action.busy} data-testid="send-sample-issue">
        {action.busy ? t('sandbox.sending') : t('sandbox.sendSample')}
      </button>
      {sent !== null && (
        <p className="muted" role="status" data-testid="sample-issue-sent">
          {t('sandbox.sent', { number: sent })}
        </p>
      )}
      <InlineError error={action.error} testId="sample-issue-error" />
    </div>
  );
}
