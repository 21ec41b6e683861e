/**
 * Settings for the guardrails (issue #14): the repositories' checks before push, spend limits and
 * approve before push. Saved on its own (only these keys), validated here and again by the worker;
 * like the other settings they apply at the next start.
 * data-testid: guardrails-form, guardrails-repo (data-index) with guardrails-repo-name,
 * -setup, -check, -timeout, -on-failure, -remove; guardrails-add-repo, guardrails-per-job,
 * guardrails-per-day, guardrails-approve, guardrails-approval-timeout, guardrails-save,
 * guardrails-saved, guardrails-error (data-field), guardrails-save-error.
 */
import { useState, type FormEvent } from 'react';
import type { Settings } from '../../shared/settings.ts';
import { useBridge } from '../common/bridge-context.ts';
import { InlineError } from '../common/PanelState.tsx';
import { useAction } from '../common/use-load.ts';
import { useI18n } from '../i18n/i18n.ts';
import { ListField, SelectField, TextField, Toggle } from './fields.tsx';
import {
  emptyRepositoryChecks,
  toGuardrailsForm,
  validateGuardrailsForm,
  type GuardrailsForm,
  type RepositoryChecksForm,
} from './guardrails-form.ts';

export function GuardrailsSection({ initial }: { initial: Settings }) {
  const { t } = useI18n();
  const bridge = useBridge();
  const save = useAction();
  const [form, setForm] = useState<GuardrailsForm>(() => toGuardrailsForm(initial));
  const [tried, setTried] = useState(false);
  const [saved, setSaved] = useState(false);
  const validation = validateGuardrailsForm(form);
  const problem = (field: string) => (tried && !validation.ok ? validation.problems[field] : undefined);

  const update = (next: Partial<GuardrailsForm>) => {
    setSaved(false);
    setForm((current) => ({ ...current, ...next }));
  };
  const updateRepo = (index: number, next: Partial<RepositoryChecksForm>) =>
    update({ repositories: form.repositories.map((row, i) => (i === index ? { ...row, ...next } : row)) });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!validation.ok) return;
    void save.run(async () => {
      const result = await bridge.invoke('updateSettings', { settings: validation.values });
      if (result.ok) setSaved(true);
      else throw new Error(result.problems.map((p) => `${p.field} ${p.problem}`).join('; '));
    });
  };

  return (
    <form className="settings-form guardrails" onSubmit={submit} noValidate data-testid="guardrails-form">
      <fieldset>
        <legend>{t('settings.checksSection')}</legend>
        <p className="hint muted">{t('settings.checksHint')}</p>
        {form.repositories.map((row, i) => (
          <div className="card repo-checks" key={i} data-testid="guardrails-repo" data-index={i}>
            <TextField
              name={`repo.${i}.repository`}
              label={t('settings.checksRepository')}
              testId="guardrails-repo-name"
              errorTestId="guardrails-error"
              problem={problem(`repo.${i}.repository`)}
              value={row.repository}
              onChange={(v) => updateRepo(i, { repository: v })}
            />
            <div className="field-row">
              <ListField
                name={`repo.${i}.setupCommand`}
                label={t('settings.setupCommand')}
                hint={t('settings.commandHint')}
                testId="guardrails-repo-setup"
                rows={2}
                value={row.setupCommand}
                onChange={(v) => updateRepo(i, { setupCommand: v })}
              />
              <ListField
                name={`repo.${i}.checkCommand`}
                label={t('settings.checkCommand')}
                hint={t('settings.commandHint')}
                testId="guardrails-repo-check"
                rows={2}
                value={row.checkCommand}
                onChange={(v) => updateRepo(i, { checkCommand: v })}
              />
            </div>
            <div className="field-row">
              <TextField
                name={`repo.${i}.checkTimeoutSeconds`}
                label={t('settings.checkTimeoutSeconds')}
                testId="guardrails-repo-timeout"
                errorTestId="guardrails-error"
                inputMode="numeric"
                problem={problem(`repo.${i}.checkTimeoutSeconds`)}
                value={row.checkTimeoutSeconds}
                onChange={(v) => updateRepo(i, { checkTimeoutSeconds: v })}
              />
              <SelectField
                name={`repo.${i}.onCheckFailure`}
                label={t('settings.onCheckFailure')}
                testId="guardrails-repo-on-failure"
                value={row.onCheckFailure}
                options={[
                  { value: 'draft', label: t('settings.onCheckFailure.draft') },
                  { value: 'fail', label: t('settings.onCheckFailure.fail') },
                ]}
                onChange={(v) => updateRepo(i, { onCheckFailure: v })}
              />
            </div>
            <button
              type="button"
              onClick={() => update({ repositories: form.repositories.filter((_, j) => j !== i) })}
              data-testid="guardrails-repo-remove"
            >
              {t('settings.removeRepository')}
            </button>
          </div>
        ))}
        <button
          type="button"
          onClick={() => update({ repositories: [...form.repositories, emptyRepositoryChecks] })}
          data-testid="guardrails-add-repo"
        >
          {t('settings.addRepository')}
        </button>
      </fieldset>
      <fieldset>
        <legend>{t('settings.spendSection')}</legend>
        <div className="field-row">
          <TextField
            name="perJobUsd"
            label={t('settings.perJobUsd')}
            hint={t('settings.noLimitHint')}
            testId="guardrails-per-job"
            errorTestId="guardrails-error"
            problem={problem('perJobUsd')}
            value={form.perJobUsd}
            onChange={(v) => update({ perJobUsd: v })}
          />
          <TextField
            name="perDayUsd"
            label={t('settings.perDayUsd')}
            hint={t('settings.noLimitHint')}
            testId="guardrails-per-day"
            errorTestId="guardrails-error"
            problem={problem('perDayUsd')}
            value={form.perDayUsd}
            onChange={(v) => update({ perDayUsd: v })}
          />
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('settings.approvalSection')}</legend>
        <Toggle
          label={t('settings.approveBeforePush')}
          hint={t('settings.approveBeforePushHint')}
          checked={form.approveBeforePush}
          onChange={(v) => update({ approveBeforePush: v })}
          testId="guardrails-approve"
        />
        <TextField
          name="approvalTimeoutMinutes"
          label={t('settings.approvalTimeoutMinutes')}
          testId="guardrails-approval-timeout"
          errorTestId="guardrails-error"
          inputMode="numeric"
          problem={problem('approvalTimeoutMinutes')}
          value={form.approvalTimeoutMinutes}
          onChange={(v) => update({ approvalTimeoutMinutes: v })}
        />
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={save.busy} data-testid="guardrails-save">
          {save.busy ? t('settings.saving') : t('settings.save')}
        </button>
        {saved && (
          <span role="status" className="muted" data-testid="guardrails-saved">
            {t('settings.saved')}
          </span>
        )}
      </div>
      <InlineError error={save.error} testId="guardrails-save-error" />
    </form>
  );
}
