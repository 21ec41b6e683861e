/**
 * Settings: queue, repositories, agent, limits, behaviour, language and the GitHub token. Validated
 * on the client with shared/settings.ts as the user types, and again by the worker on save (its
 * problems show inline too). Only changed fields are sent. The language applies at once. The form
 * shows only once the saved settings are loaded (nothing typed is overwritten, nothing unloaded is
 * saved); if they cannot be loaded, the error with a Retry shows instead.
 * data-testid: settings-form, settings-queue-url, settings-region, settings-profile,
 * settings-repositories, settings-agent-preset, settings-agent-command, settings-model,
 * settings-extra-args, settings-lease, settings-max-duration, settings-concurrency,
 * settings-auto-pause, settings-launch-at-login, settings-draft, settings-language, settings-save,
 * settings-error (data-field), settings-saved, settings-load-error, settings-save-error, and
 * GitHubTokenSection's and DoctorPanel's. The token has its own form: it goes to the keychain, never
 * into the settings.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import {
  agentPresets,
  agentSandboxModes,
  locales,
  settingRange,
  type RangedSetting,
  type Settings,
} from '../../shared/settings.ts';
import { useBridge } from '../common/bridge-context.ts';
import { ErrorState, InlineError, Loading } from '../common/PanelState.tsx';
import { useAction, useLoad, type Loadable } from '../common/use-load.ts';
import { useI18n } from '../i18n/i18n.ts';
import { DoctorPanel } from './DoctorPanel.tsx';
import { GitHubTokenSection } from './GitHubTokenSection.tsx';
import { GuardrailsSection } from './GuardrailsSection.tsx';
import { ListField, SelectField, TextField, Toggle } from './fields.tsx';
import {
  changedSettings,
  problemsByField,
  toForm,
  validateForm,
  type FormField,
  type FormProblems,
  type SettingsForm,
} from './settings-form.ts';

const SANDBOX_LABELS = {
  auto: 'settings.sandbox.auto',
  required: 'settings.sandbox.required',
  off: 'settings.sandbox.off',
} as const;

export function SettingsPanel() {
  const bridge = useBridge();
  const [loaded, reload] = useLoad(() => bridge.invoke('getSettings', {}), 'settings');
  return <SettingsPanelView loaded={loaded} onRetry={reload} />;
}

/** The panel for a load state: loading, the error with a Retry, or the form. */
export function SettingsPanelView({ loaded, onRetry }: { loaded: Loadable<Settings>; onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <div className="panel-body settings">
      {loaded.status === 'loading' && <Loading />}
      {loaded.status === 'error' && (
        <div data-testid="settings-load-error" data-kind={loaded.error.key}>
          <p>{t('settings.loadFailed')}</p>
          <ErrorState error={loaded.error} onRetry={onRetry} />
        </div>
      )}
      {loaded.status === 'ready' && <SettingsFormView initial={loaded.value} />}
      {loaded.status === 'ready' && <GuardrailsSection initial={loaded.value} />}
      <GitHubTokenSection />
      <DoctorPanel />
    </div>
  );
}

function SettingsFormView({ initial }: { initial: Settings }) {
  const { t, setSetting } = useI18n();
  const bridge = useBridge();
  const save = useAction();
  const [baseline, setBaseline] = useState<Settings>(initial);
  const [form, setForm] = useState<SettingsForm>(() => toForm(initial));
  const [touched, setTouched] = useState<ReadonlySet<FormField>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const [serverProblems, setServerProblems] = useState<FormProblems>({});
  const [saved, setSaved] = useState<'saved' | 'unchanged' | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => setSetting(initial.locale), [initial, setSetting]);

  const validation = validateForm(form);
  const clientProblems = validation.ok ? {} : validation.problems;
  const problemOf = (field: FormField) =>
    serverProblems[field] ?? (showAll || touched.has(field) ? clientProblems[field] : undefined);

  const change = <F extends FormField>(field: F, value: SettingsForm[F]) => {
    setForm((current) => ({ ...current, [field]: value }));
    setTouched((current) => new Set(current).add(field));
    setServerProblems(({ [field]: _gone, ...rest }) => rest);
    setSaved(null);
    if (field === 'locale') setSetting(value as Settings['locale']);
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setShowAll(true);
    setSaved(null);
    if (!validation.ok) {
      focusFirstInvalid(formRef.current);
      return;
    }
    const changed = changedSettings(baseline, validation.settings);
    if (Object.keys(changed).length === 0) {
      setSaved('unchanged');
      return;
    }
    const answer = await save.run(() => bridge.invoke('updateSettings', { settings: changed }));
    if (!answer) return;
    if (answer.ok) {
      setBaseline(answer.settings);
      setForm(toForm(answer.settings));
      setTouched(new Set());
      setShowAll(false);
      setSaved('saved');
    } else {
      setServerProblems(problemsByField(answer.problems));
      focusFirstInvalid(formRef.current);
    }
  };

  const field = (name: FormField, testId: string) => ({
    name,
    testId,
    label: t(`settings.${name}`),
    problem: problemOf(name),
    ...(isRanged(name) ? { problemValues: settingRange(name) } : {}),
  });

  return (
    <>
      <form ref={formRef} onSubmit={(e) => void onSubmit(e)} noValidate data-testid="settings-form">
        <fieldset>
          <legend>{t('settings.queueSection')}</legend>
          <TextField
            {...field('queueUrl', 'settings-queue-url')}
            inputMode="url"
            value={form.queueUrl}
            placeholder={t('settings.queueUrlPlaceholder')}
            hint={t('settings.queueUrlHint')}
            onChange={(v) => change('queueUrl', v)}
          />
          <div className="field-row">
            <TextField
              {...field('region', 'settings-region')}
              value={form.region}
              placeholder={t('settings.regionPlaceholder')}
              onChange={(v) => change('region', v)}
            />
            <TextField
              {...field('profile', 'settings-profile')}
              value={form.profile}
              placeholder={t('settings.profilePlaceholder')}
              hint={t('settings.profileHint')}
              onChange={(v) => change('profile', v)}
            />
          </div>
          <ListField
            {...field('repositories', 'settings-repositories')}
            value={form.repositories}
            placeholder={t('settings.repositoriesPlaceholder')}
            hint={t('settings.repositoriesHint')}
            onChange={(v) => change('repositories', v)}
          />
        </fieldset>
        <fieldset>
          <legend>{t('settings.agentSection')}</legend>
          <SelectField
            {...field('agentPreset', 'settings-agent-preset')}
            value={form.agentPreset}
            options={agentPresets.map((preset) => ({ value: preset, label: t(`settings.preset.${preset}`) }))}
            onChange={(v) => change('agentPreset', v)}
          />
          {form.agentPreset === 'custom' && (
            <ListField
              {...field('agentCommand', 'settings-agent-command')}
              value={form.agentCommand}
              hint={t('settings.agentCommandHint')}
              onChange={(v) => change('agentCommand', v)}
            />
          )}
          <TextField
            {...field('model', 'settings-model')}
            value={form.model}
            placeholder={t('settings.modelPlaceholder')}
            onChange={(v) => change('model', v)}
          />
          <ListField
            {...field('extraArgs', 'settings-extra-args')}
            value={form.extraArgs}
            rows={2}
            hint={t('settings.extraArgsHint')}
            onChange={(v) => change('extraArgs', v)}
          />
          <SelectField
            {...field('agentSandbox', 'settings-agent-sandbox')}
            value={form.agentSandbox}
            options={agentSandboxModes.map((mode) => ({
              value: mode,
              label: t(SANDBOX_LABELS[mode]),
            }))}
            hint={t('settings.agentSandboxHint')}
            onChange={(v) => change('agentSandbox', v)}
          />
          <ListField
            {...field('agentAllowedHosts', 'settings-agent-allowed-hosts')}
            value={form.agentAllowedHosts}
            rows={2}
            hint={t('settings.agentAllowedHostsHint')}
            onChange={(v) => change('agentAllowedHosts', v)}
          />
        </fieldset>
        <fieldset>
          <legend>{t('settings.limitsSection')}</legend>
          <div className="field-row three">
            <TextField
              {...field('leaseSeconds', 'settings-lease')}
              inputMode="numeric"
              value={form.leaseSeconds}
              hint={t('settings.leaseSecondsHint', settingRange('leaseSeconds'))}
              onChange={(v) => change('leaseSeconds', v)}
            />
            <TextField
              {...field('maxJobMinutes', 'settings-max-duration')}
              inputMode="numeric"
              value={form.maxJobMinutes}
              hint={t('settings.maxJobMinutesHint', settingRange('maxJobMinutes'))}
              onChange={(v) => change('maxJobMinutes', v)}
            />
            <TextField
              {...field('concurrency', 'settings-concurrency')}
              inputMode="numeric"
              value={form.concurrency}
              hint={t('settings.concurrencyHint', settingRange('concurrency'))}
              onChange={(v) => change('concurrency', v)}
            />
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('settings.behaviourSection')}</legend>
          <Toggle
            label={t('settings.autoPauseOnBattery')}
            hint={t('settings.autoPauseOnBatteryHint')}
            checked={form.autoPauseOnBattery}
            onChange={(v) => change('autoPauseOnBattery', v)}
            testId="settings-auto-pause"
          />
          {bridge.host === 'electron' && (
            <Toggle
              label={t('settings.launchAtLogin')}
              checked={form.launchAtLogin}
              onChange={(v) => change('launchAtLogin', v)}
              testId="settings-launch-at-login"
            />
          )}
          <Toggle
            label={t('settings.openPullRequestsAsDraft')}
            checked={form.openPullRequestsAsDraft}
            onChange={(v) => change('openPullRequestsAsDraft', v)}
            testId="settings-draft"
          />
          <SelectField
            {...field('locale', 'settings-language')}
            value={form.locale}
            options={locales.map((locale) => ({ value: locale, label: t(`settings.language.${locale}`) }))}
            onChange={(v) => change('locale', v)}
          />
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={save.busy} data-testid="settings-save">
            {save.busy ? t('settings.saving') : t('settings.save')}
          </button>
          {saved && (
            <span role="status" className="muted" data-testid="settings-saved" data-result={saved}>
              {t(saved === 'saved' ? 'settings.saved' : 'settings.unchanged')}
            </span>
          )}
          {showAll && !validation.ok && (
            <span role="alert" className="field-error" data-testid="settings-invalid">
              {t('settings.fixErrors')}
            </span>
          )}
        </div>
        <InlineError error={save.error} testId="settings-save-error" />
      </form>
    </>
  );
}

function focusFirstInvalid(form: HTMLFormElement | null): void {
  // After React has rendered the problems.
  requestAnimationFrame(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}

/** The fields whose limits come from the schema (settingRange): their messages name them. */
function isRanged(name: string): name is RangedSetting {
  return name === 'leaseSeconds' || name === 'maxJobMinutes' || name === 'concurrency';
}
