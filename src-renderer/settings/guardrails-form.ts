/**
 * The guardrails part of Settings as a form (issue #14): per-repository checks (commands one
 * argument per line, never a shell string), spend limits as text ('' = no limit), and the approval
 * gate. Validated with shared/settings.ts so the client and the worker agree. Pure.
 */
import { settingsSchema, type RepositoryChecks, type Settings } from '../../shared/settings.ts';
import type { MessageKey } from '../../shared/i18n/ui-messages.ts';

export interface RepositoryChecksForm {
  readonly repository: string;
  readonly setupCommand: string;
  readonly checkCommand: string;
  readonly checkTimeoutSeconds: string;
  readonly onCheckFailure: RepositoryChecks['onCheckFailure'];
}

export interface GuardrailsForm {
  readonly repositories: readonly RepositoryChecksForm[];
  readonly perJobUsd: string;
  readonly perDayUsd: string;
  readonly approveBeforePush: boolean;
  readonly approvalTimeoutMinutes: string;
}

export type GuardrailsValues = Pick<
  Settings,
  'repositorySettings' | 'perJobUsd' | 'perDayUsd' | 'approveBeforePush' | 'approvalTimeoutMinutes'
>;

/** Problems by field: 'perJobUsd', 'perDayUsd', 'approvalTimeoutMinutes', or 'repo.<i>.<field>'. */
export type GuardrailsProblems = Readonly<Record<string, MessageKey>>;

export const emptyRepositoryChecks: RepositoryChecksForm = {
  repository: '',
  setupCommand: '',
  checkCommand: '',
  checkTimeoutSeconds: '900',
  onCheckFailure: 'draft',
};

export function toGuardrailsForm(settings: GuardrailsValues): GuardrailsForm {
  return {
    repositories: Object.entries(settings.repositorySettings).map(([repository, value]) => ({
      repository,
      setupCommand: value.setupCommand.join('\n'),
      checkCommand: value.checkCommand.join('\n'),
      checkTimeoutSeconds: String(value.checkTimeoutSeconds),
      onCheckFailure: value.onCheckFailure,
    })),
    perJobUsd: settings.perJobUsd === null ? '' : String(settings.perJobUsd),
    perDayUsd: settings.perDayUsd === null ? '' : String(settings.perDayUsd),
    approveBeforePush: settings.approveBeforePush,
    approvalTimeoutMinutes: String(settings.approvalTimeoutMinutes),
  };
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

export function validateGuardrailsForm(
  form: GuardrailsForm,
): { ok: true; values: GuardrailsValues } | { ok: false; problems: GuardrailsProblems } {
  const problems: Record<string, MessageKey> = {};
  const money = (field: 'perJobUsd' | 'perDayUsd'): number | null => {
    const text = form[field].trim().replace(/^\$/, '');
    if (text === '') return null;
    const value = Number(text);
    if (!/^\d+(?:\.\d+)?$/.test(text) || !(value > 0)) problems[field] = 'settings.problem.usd';
    return value;
  };
  const perJobUsd = money('perJobUsd');
  const perDayUsd = money('perDayUsd');
  const timeout = form.approvalTimeoutMinutes.trim();
  if (!/^\d{1,4}$/.test(timeout) || Number(timeout) < 1 || Number(timeout) > 660)
    problems.approvalTimeoutMinutes = 'settings.problem.approvalTimeout';

  const repositorySettings: Record<string, RepositoryChecks> = {};
  form.repositories.forEach((row, i) => {
    const name = row.repository.trim();
    if (!/^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9._-]{1,100}$/.test(name))
      problems[`repo.${i}.repository`] = 'settings.problem.invalid-repository';
    else if (Object.keys(repositorySettings).some((key) => key.toLowerCase() === name.toLowerCase()))
      problems[`repo.${i}.repository`] = 'settings.problem.duplicateRepository';
    const seconds = row.checkTimeoutSeconds.trim();
    if (!/^\d{1,5}$/.test(seconds) || Number(seconds) < 1 || Number(seconds) > 86_400)
      problems[`repo.${i}.checkTimeoutSeconds`] = 'settings.problem.checkTimeout';
    repositorySettings[name] = {
      setupCommand: lines(row.setupCommand),
      checkCommand: lines(row.checkCommand),
      checkTimeoutSeconds: Number(seconds),
      onCheckFailure: row.onCheckFailure,
    };
  });
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  const values: GuardrailsValues = {
    repositorySettings,
    perJobUsd,
    perDayUsd,
    approveBeforePush: form.approveBeforePush,
    approvalTimeoutMinutes: Number(timeout),
  };
  const checked = settingsSchema
    .pick({
      repositorySettings: true,
      perJobUsd: true,
      perDayUsd: true,
      approveBeforePush: true,
      approvalTimeoutMinutes: true,
    })
    .safeParse(values);
  return checked.success
    ? { ok: true, values }
    : { ok: false, problems: { form: 'settings.problem.invalid' } };
}
