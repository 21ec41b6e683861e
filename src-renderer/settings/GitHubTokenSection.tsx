/**
 * The GitHub token: stored in the OS keychain by the shell (setGitHubToken, used from the next start)
 * or removed from it. The token lives only in the password input until it is sent, and the input is
 * emptied once it is stored; nothing ever shows a stored token. A browser talks to the headless
 * worker, which has no keychain, so there the section says where that worker's token comes from and
 * its controls are disabled.
 * data-testid: settings-token, settings-token-save, settings-token-remove, settings-token-result
 * (data-result: stored | removed | basic-text | unavailable), settings-token-error (data-field =
 * githubToken; the token is not valid), settings-token-failed (data-kind; the command failed).
 */
import { useRef, useState, type FormEvent } from 'react';
import { useBridge } from '../common/bridge-context.ts';
import { InlineError } from '../common/PanelState.tsx';
import { useAction } from '../common/use-load.ts';
import { useI18n } from '../i18n/i18n.ts';
import { SecretField } from './fields.tsx';
import {
  removeResultView,
  saveResultView,
  tokenProblem,
  tokenProblemMessage,
  unavailableMessage,
  type TokenProblem,
  type TokenResultView,
} from './github-token.ts';

export function GitHubTokenSection() {
  const { t } = useI18n();
  const bridge = useBridge();
  const action = useAction();
  const inputRef = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<TokenProblem | null>(null);
  const [running, setRunning] = useState<'save' | 'remove' | null>(null);
  const [result, setResult] = useState<TokenResultView | null>(null);
  const web = bridge.host === 'web';
  const busy = action.busy || running !== null;

  const onEdit = () => {
    setProblem(null);
    setResult(null);
    action.clear();
  };

  const onSave = async (event: FormEvent) => {
    event.preventDefault();
    const input = inputRef.current;
    if (!input || web || busy) return;
    setResult(null);
    const found = tokenProblem(input.value);
    setProblem(found);
    if (found) {
      input.focus();
      return;
    }
    setRunning('save');
    // Read from the input at the moment of sending, so the token is never copied into state.
    const answer = await action.run(() => bridge.invoke('setGitHubToken', { token: input.value }));
    setRunning(null);
    if (!answer) return;
    if (answer.stored) input.value = '';
    setResult(saveResultView(answer, bridge.host));
  };

  const onRemove = async () => {
    if (web || busy) return;
    setProblem(null);
    setResult(null);
    setRunning('remove');
    const answer = await action.run(() => bridge.invoke('clearGitHubToken', {}));
    setRunning(null);
    if (answer) setResult(removeResultView(answer, bridge.host));
  };

  return (
    <form onSubmit={(e) => void onSave(e)} noValidate>
      <fieldset disabled={web}>
        <legend>{t('settings.token.section')}</legend>
        <SecretField
          name="githubToken"
          testId="settings-token"
          errorTestId="settings-token-error"
          label={t('settings.token.label')}
          hint={t(web ? unavailableMessage('web') : 'settings.token.hint')}
          placeholder={t('settings.token.placeholder')}
          problem={problem ? tokenProblemMessage(problem) : undefined}
          inputRef={inputRef}
          onEdit={onEdit}
          disabled={web}
        />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={web || busy} data-testid="settings-token-save">
            {running === 'save' ? t('settings.token.saving') : t('settings.token.save')}
          </button>
          <button
            type="button"
            disabled={web || busy}
            onClick={() => void onRemove()}
            data-testid="settings-token-remove"
          >
            {running === 'remove' ? t('settings.token.removing') : t('settings.token.remove')}
          </button>
          {result && (
            <span
              role="status"
              className={result.ok ? 'muted' : 'field-error'}
              data-testid="settings-token-result"
              data-result={result.result}
            >
              {t(result.message)}
            </span>
          )}
        </div>
        <InlineError error={action.error} testId="settings-token-failed" />
      </fieldset>
    </form>
  );
}
