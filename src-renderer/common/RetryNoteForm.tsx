/**
 * "Retry with a note": the maintainer's instruction for the agent and, optionally, another model.
 * Checked here as the bridge checks it (non-empty, at most 4,000 characters, a model name).
 * data-testid (prefixed by `testId`): -note, -model, -send, -cancel, -problem.
 */
import { useState, type FormEvent } from 'react';
import { MAX_NOTE_CHARS } from '../../shared/task-message.ts';
import { useI18n } from '../i18n/i18n.ts';
import { noteProblem } from './retry-note.ts';

export function RetryNoteForm({
  testId,
  busy,
  onSend,
  onCancel,
}: {
  testId: string;
  busy: boolean;
  onSend: (note: string, model: string | undefined) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [note, setNote] = useState('');
  const [model, setModel] = useState('');
  const [tried, setTried] = useState(false);
  const problem = noteProblem(note, model);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (problem) return;
    onSend(note.trim(), model.trim() || undefined);
  };

  return (
    <form className="retry-note" onSubmit={submit} data-testid={testId}>
      <label>
        <span>{t('retry.note')}</span>
        <textarea
          value={note}
          rows={3}
          maxLength={MAX_NOTE_CHARS + 100}
          placeholder={t('retry.noteHint')}
          onChange={(event) => setNote(event.target.value)}
          data-testid={`${testId}-note`}
        />
      </label>
      <label>
        <span>{t('retry.model')}</span>
        <input
          value={model}
          spellCheck={false}
          onChange={(event) => setModel(event.target.value)}
          data-testid={`${testId}-model`}
        />
      </label>
      {tried && problem && (
        <p className="field-error" role="alert" data-testid={`${testId}-problem`}>
          {t(problem)}
        </p>
      )}
      <div className="row-actions">
        <button type="submit" disabled={busy} data-testid={`${testId}-send`}>
          {t('retry.send')}
        </button>
        <button type="button" onClick={onCancel} data-testid={`${testId}-cancel`}>
          {t('retry.cancel')}
        </button>
      </div>
    </form>
  );
}
