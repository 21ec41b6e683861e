/**
 * The dead-letter queue: what failed and why, with redrive (one or all, or one with a note) and delete.
 * data-testid: dlq-list, dlq-empty, dlq-refresh, redrive-all-button (then confirm-button),
 * dlq-result, dlq-error, and DlqRow's; panel-loading / panel-error while loading or failing.
 */
import { useState } from 'react';
import type { DlqItem } from '../../shared/dead-letter-item.ts';
import type { WorkerSnapshot } from '../../shared/snapshot.ts';
import { useBridge } from '../common/bridge-context.ts';
import { ConfirmButton } from '../common/ConfirmButton.tsx';
import { serverUrlOf } from '../common/links.ts';
import { Empty, ErrorState, InlineError, Loading } from '../common/PanelState.tsx';
import { useAction, useLoad } from '../common/use-load.ts';
import { useNow } from '../common/use-now.ts';
import { useI18n } from '../i18n/i18n.ts';
import { DlqRow } from './DlqRow.tsx';
import { redriveMessage } from './redrive-message.ts';

export function DlqPanel({ snapshot }: { snapshot: WorkerSnapshot | null }) {
  const { t } = useI18n();
  const bridge = useBridge();
  const [state, reload] = useLoad(() => bridge.invoke('listDlq', {}), 'dlq');
  const action = useAction();
  const [result, setResult] = useState<string | null>(null);
  const now = useNow(60_000);
  const serverUrl = serverUrlOf(snapshot);

  const act = async (run: () => Promise<string | null>) => {
    setResult(null);
    const message = await action.run(run);
    if (message) setResult(message);
    reload();
  };
  const redrive = (item: DlqItem) =>
    act(async () => {
      return redriveMessage(await bridge.invoke('redriveDlqItem', { messageId: item.messageId }), t);
    });
  const retryWithNote = (item: DlqItem, note: string, model: string | undefined) =>
    act(async () => {
      const result = await bridge.invoke('retryDlqItemWithNote', {
        messageId: item.messageId,
        note,
        ...(model ? { model } : {}),
      });
      return redriveMessage(result, t);
    });
  const remove = (item: DlqItem) =>
    act(async () => {
      const answer = await bridge.invoke('deleteDlqItem', { messageId: item.messageId });
      return answer.deleted ? t('dlq.deleted') : t('dlq.notDeleted');
    });
  const redriveAll = () =>
    act(async () => {
      return redriveMessage(await bridge.invoke('redriveAllDlq', {}), t);
    });

  const items = state.status === 'ready' ? state.value : [];
  return (
    <div className="panel-body">
      <div className="panel-actions">
        <button
          type="button"
          onClick={reload}
          disabled={state.status === 'loading'}
          data-testid="dlq-refresh"
        >
          {t('common.refresh')}
        </button>
        {items.length > 0 && (
          <ConfirmButton
            testId="redrive-all-button"
            disabled={action.busy}
            question={t('dlq.redriveAllQuestion', { count: items.length })}
            confirmLabel={t('dlq.redriveAll')}
            onConfirm={() => void redriveAll()}
          >
            {t('dlq.redriveAll')}
          </ConfirmButton>
        )}
      </div>
      {result && (
        <p className="result" role="status" data-testid="dlq-result">
          {result}
        </p>
      )}
      <InlineError error={action.error} testId="dlq-error" />
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorState error={state.error} onRetry={reload} />}
      {state.status === 'ready' && items.length === 0 && (
        <Empty testId="dlq-empty" title={t('dlq.empty')}>
          {t('dlq.emptyHint')}
        </Empty>
      )}
      {items.length > 0 && (
        <ul className="list" data-testid="dlq-list" aria-label={t('tab.dlq')}>
          {items.map((item) => (
            <DlqRow
              key={item.messageId}
              item={item}
              now={now}
              serverUrl={serverUrl}
              busy={action.busy}
              onRedrive={() => void redrive(item)}
              onDelete={() => void remove(item)}
              onRetryWithNote={(note, model) => void retryWithNote(item, note, model)}
            />
          ))}
        </ul>
      )}
    </div>
  );
}
