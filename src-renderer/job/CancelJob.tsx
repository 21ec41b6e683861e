/**
 * Cancelling a running job: put its message back on the queue (release), or send it to the DLQ
 * (discard — asks to confirm).
 * data-testid: cancel-button, cancel-release, cancel-discard (then confirm-button), cancel-error.
 */
import { useState } from 'react';
import { useBridge } from '../common/bridge-context.ts';
import { ConfirmButton } from '../common/ConfirmButton.tsx';
import { InlineError } from '../common/PanelState.tsx';
import { useAction } from '../common/use-load.ts';
import { useI18n } from '../i18n/i18n.ts';
import type { CancelDisposition } from '../../shared/bridge.ts';

export function CancelJob({ jobId }: { jobId: string }) {
  const { t } = useI18n();
  const bridge = useBridge();
  const action = useAction();
  const [open, setOpen] = useState(false);
  const cancel = (disposition: CancelDisposition) =>
    void action.run(() => bridge.invoke('cancelJob', { jobId, disposition })).then(() => setOpen(false));

  return (
    <div className="cancel">
      {!open ? (
        <button type="button" onClick={() => setOpen(true)} data-testid="cancel-button">
          {t('cancel.button')}
        </button>
      ) : (
        <div className="cancel-choices" role="group" aria-label={t('cancel.button')}>
          <button
            type="button"
            disabled={action.busy}
            onClick={() => cancel('release')}
            data-testid="cancel-release"
          >
            {t('cancel.release')}
          </button>
          <ConfirmButton
            testId="cancel-discard"
            danger
            disabled={action.busy}
            question={t('cancel.discardQuestion')}
            confirmLabel={t('cancel.discardConfirm')}
            onConfirm={() => cancel('discard')}
          >
            {t('cancel.discard')}
          </ConfirmButton>
          <button type="button" onClick={() => setOpen(false)} data-testid="cancel-close">
            {t('common.back')}
          </button>
          <p className="hint muted" data-testid="cancel-release-hint">
            {t('cancel.releaseHint')}
          </p>
        </div>
      )}
      <InlineError error={action.error} testId="cancel-error" />
    </div>
  );
}
