/**
 * The settings form's state, and the way between it and Settings: lists edited one item per line,
 * numbers as text, validation with shared/settings.ts so the client and the worker agree. Pure.
 */
import { settingsSchema, validateSettings, type Settings } from '../../shared/settings.ts';
import type { FieldProblem } from '../../shared/task-message.ts';
import type { MessageKey } from '../../shared/i18n/ui-messages.ts';

export interface SettingsForm {
  readonly queueUrl: string;
  readonly region: string;
  readonly profile: string;
  readonly repositories: string;
  readonly agentPreset: Settings['agentPreset'];
  readonly agentCommand: string;
  readonly model: string;
  readonly extraArgs: string;
  readonly agentSandbox: Settings['agentSandbox'];
  /** One host per line. */
  readonly agentAllowedHosts: string;
  readonly leaseSeconds: string;
  readonly maxJobMinutes: string;
  readonly concurrency: string;
  readonly autoPauseOnBattery: boolean;
  readonly launchAtLogin: boolean;
  readonly openPullRequestsAsDraft: boolean;
  readonly locale: Settings['locale'];
}

export type FormField = keyof SettingsForm;
export type FormProblems = Partial<Record<FormField, MessageKey>>;

const NUMBER_FIELDS = ['leaseSeconds', 'maxJobMinutes', 'concurrency'] as const;

export function toForm(settings: Settings): SettingsForm {
  return {
    ...settings,
    repositories: settings.repositories.join('\n'),
    agentCommand: settings.agentCommand.join('\n'),
    extraArgs: settings.extraArgs.join('\n'),
    agentAllowedHosts: settings.agentAllowedHosts.join('\n'),
    leaseSeconds: String(settings.leaseSeconds),
    maxJobMinutes: String(settings.maxJobMinutes),
    concurrency: String(settings.concurrency),
  };
}

function lines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** Repositories (and allowed hosts) may also be pasted comma- or space-separated. */
function repositoryList(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

export type FormResult =
  | { readonly ok: true; readonly settings: Settings }
  | { readonly ok: false; readonly problems: FormProblems };

export function validateForm(form: SettingsForm): FormResult {
  const problems: FormProblems = {};
  const numbers: Record<string, number> = {};
  for (const field of NUMBER_FIELDS) {
    const text = form[field].trim();
    if (!/^\d{1,9}$/.test(text)) problems[field] = 'settings.problem.whole-number';
    else numbers[field] = Number(text);
  }
  const candidate = {
    ...form,
    queueUrl: form.queueUrl.trim(),
    region: form.region.trim(),
    profile: form.profile.trim(),
    model: form.model.trim(),
    repositories: repositoryList(form.repositories),
    agentCommand: lines(form.agentCommand),
    extraArgs: lines(form.extraArgs),
    agentAllowedHosts: repositoryList(form.agentAllowedHosts),
    leaseSeconds: numbers.leaseSeconds ?? 300,
    maxJobMinutes: numbers.maxJobMinutes ?? 60,
    concurrency: numbers.concurrency ?? 1,
  };
  const result = validateSettings(candidate);
  // A field that is not a number gets that complaint, not the schema's about the stand-in value.
  const all: FormProblems = { ...(result.ok ? {} : problemsByField(result.problems)), ...problems };
  if (!result.ok || Object.keys(all).length > 0) return { ok: false, problems: all };
  return { ok: true, settings: result.settings };
}

/** Problems from validateSettings or the worker's updateSettings, keyed by the form field they concern. */
export function problemsByField(problems: readonly FieldProblem[]): FormProblems {
  const out: FormProblems = {};
  for (const { field, problem } of problems) {
    const top = field.split('.')[0] as FormField;
    if (!(top in settingsSchema.shape)) continue;
    out[top] ??= problemKey(problem);
  }
  return out;
}

const KNOWN_PROBLEMS = new Set([
  'invalid-queue-url',
  'invalid-region',
  'invalid-profile',
  'invalid-repository',
  'invalid-agent-preset',
  'invalid-agent-sandbox',
  'invalid-allowed-host',
  'lease-min',
  'lease-max',
  'duration-min',
  'duration-max',
  'concurrency-min',
  'concurrency-max',
]);

export function problemKey(problem: string): MessageKey {
  return KNOWN_PROBLEMS.has(problem)
    ? (`settings.problem.${problem}` as MessageKey)
    : 'settings.problem.invalid';
}

/** Only what the user changed, so a save never overwrites values it did not show. */
export function changedSettings(baseline: Settings, next: Settings): Partial<Settings> {
  const changed: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof Settings)[]) {
    if (JSON.stringify(next[key]) !== JSON.stringify(baseline[key])) changed[key] = next[key];
  }
  return changed as Partial<Settings>;
}
