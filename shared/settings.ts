/**
 * The settings a user edits in the app. No secrets here, ever: the GitHub token lives in the
 * secret store and AWS credentials stay in the user's AWS profile.
 */
import { z } from 'zod';
import { zodProblems, type FieldProblem } from './task-message.ts';

export const SETTINGS_VERSION = 1;

/** SQS queue URLs: https://sqs.REGION.amazonaws.com/ACCOUNT/NAME, or a local emulator's http URL. */
const QUEUE_URL_PATTERN = /^https?:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?\/\d{12}\/[A-Za-z0-9_-]{1,80}(?:\.fifo)?$/;
const REPOSITORY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9._-]{1,100}$/;
const REGION_PATTERN = /^[a-z]{2}(?:-[a-z]+)+-\d$/;
const PROFILE_PATTERN = /^[A-Za-z0-9_.+=,@-]{1,64}$/;

export const agentPresets = ['aider', 'claude-code', 'codex', 'custom'] as const;
export type AgentPreset = (typeof agentPresets)[number];

/** The agent's OS sandbox (issue #10): where the machine has one, always, or never. */
export const agentSandboxModes = ['auto', 'required', 'off'] as const;
export type AgentSandboxMode = (typeof agentSandboxModes)[number];

/**
 * A host the sandboxed agent may reach besides its model API: "host", "host:port", "*.domain",
 * "[ipv6]:port" or an http(s) URL (its host and port). The engine's allowed-hosts.ts reads the same.
 */
const ALLOWED_HOST_PATTERN =
  /^(?:https?:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?(?:\/\S*)?|(?:\*\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*(?::\d{1,5})?|\[[0-9A-Fa-f:.]+\](?::\d{1,5})?)$/;

export const locales = ['system', 'en', 'ja'] as const;
export type LocaleSetting = (typeof locales)[number];

/** Checks before push for one repository (issue #14); the same shape as the config's. */
export const repositoryChecksSchema = z.object({
  setupCommand: z.array(z.string()).max(64),
  checkCommand: z.array(z.string()).max(64),
  checkTimeoutSeconds: z.number().int().min(1, 'check-timeout-min').max(86_400, 'check-timeout-max'),
  onCheckFailure: z.enum(['draft', 'fail']),
});
export type RepositoryChecks = Readonly<z.infer<typeof repositoryChecksSchema>>;

const usdLimit = z.number().positive('usd-positive').max(1_000_000, 'usd-max').nullable();

export const settingsSchema = z.object({
  queueUrl: z.union([z.literal(''), z.string().regex(QUEUE_URL_PATTERN, 'invalid-queue-url')]),
  region: z.union([z.literal(''), z.string().regex(REGION_PATTERN, 'invalid-region')]),
  profile: z.union([z.literal(''), z.string().regex(PROFILE_PATTERN, 'invalid-profile')]),
  repositories: z.array(z.string().regex(REPOSITORY_PATTERN, 'invalid-repository')).max(500),
  agentPreset: z.enum(agentPresets, { error: 'invalid-agent-preset' }),
  /** Used when agentPreset is 'custom': the program and its arguments, never a shell string. */
  agentCommand: z.array(z.string().min(1)).max(64),
  model: z.string().max(200),
  extraArgs: z.array(z.string()).max(64),
  agentSandbox: z.enum(agentSandboxModes, { error: 'invalid-agent-sandbox' }),
  agentAllowedHosts: z
    .array(z.string().max(300, 'invalid-allowed-host').regex(ALLOWED_HOST_PATTERN, 'invalid-allowed-host'))
    .max(100),
  // The same bounds as the engine's config (src-main/engine/config/worker-config.ts; a unit test
  // holds them equal); the UI's hints and messages read them from here (settingRange).
  leaseSeconds: z.number().int().min(30, 'lease-min').max(43_200, 'lease-max'),
  maxJobMinutes: z.number().int().min(1, 'duration-min').max(690, 'duration-max'),
  concurrency: z.number().int().min(1, 'concurrency-min').max(16, 'concurrency-max'),
  autoPauseOnBattery: z.boolean(),
  launchAtLogin: z.boolean(),
  openPullRequestsAsDraft: z.boolean(),
  locale: z.enum(locales),
  // ---- guardrails (issue #14) ----
  repositorySettings: z.record(
    z.string().regex(REPOSITORY_PATTERN, 'invalid-repository'),
    repositoryChecksSchema,
  ),
  perJobUsd: usdLimit,
  perDayUsd: usdLimit,
  approveBeforePush: z.boolean(),
  approvalTimeoutMinutes: z.number().int().min(1, 'approval-timeout-min').max(660, 'approval-timeout-max'),
});

export type Settings = Readonly<z.infer<typeof settingsSchema>>;

export type RangedSetting = 'leaseSeconds' | 'maxJobMinutes' | 'concurrency';

/** The bounds of a numeric setting, read from the schema: the one source of every limit shown. */
export function settingRange(key: RangedSetting): { readonly min: number; readonly max: number } {
  const field = settingsSchema.shape[key];
  return { min: field.minValue ?? 0, max: field.maxValue ?? Number.MAX_SAFE_INTEGER };
}

export const defaultSettings: Settings = {
  queueUrl: '',
  region: '',
  profile: '',
  repositories: [],
  agentPreset: 'aider',
  agentCommand: [],
  model: '',
  extraArgs: [],
  agentSandbox: 'auto',
  agentAllowedHosts: [],
  leaseSeconds: 300,
  maxJobMinutes: 60,
  concurrency: 1,
  autoPauseOnBattery: false,
  launchAtLogin: false,
  openPullRequestsAsDraft: false,
  locale: 'system',
  repositorySettings: {},
  perJobUsd: null,
  perDayUsd: null,
  approveBeforePush: false,
  approvalTimeoutMinutes: 240,
};

export type SettingsResult =
  | { readonly ok: true; readonly settings: Settings }
  | { readonly ok: false; readonly problems: readonly FieldProblem[] };

/**
 * Validate a full settings object. Problems carry a message-catalogue key (e.g. 'invalid-queue-url')
 * so the UI can show them inline in the user's language.
 */
export function validateSettings(value: unknown): SettingsResult {
  const result = settingsSchema.safeParse(value);
  if (result.success) return { ok: true, settings: result.data };
  return { ok: false, problems: zodProblems(result.error, value) };
}
