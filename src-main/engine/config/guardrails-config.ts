/**
 * The guardrail settings in the worker's configuration (issue #14): the repository's own checks
 * before push, spend limits, and the optional approve-before-push gate. They live in the worker's
 * configuration only — never in the repository, whose content is untrusted.
 */
import { z } from 'zod';

const REPOSITORY_KEY = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9._-]{1,100}$/;

/** A program and its arguments, run without a shell; empty = no such step. */
const commandArray = z
  .array(z.string())
  .max(64)
  .refine((command) => command.length === 0 || command[0]!.trim() !== '', 'must start with a program');

export const repositorySettingSchema = z.object({
  /** Run once in the fresh worktree before the checks (e.g. ["npm", "ci"]); [] = none. */
  setupCommand: commandArray.default([]),
  /** The repository's checks (e.g. ["npm", "test"]); [] = no checks. */
  checkCommand: commandArray.default([]),
  /** Limit on each of the two commands. */
  checkTimeoutSeconds: z.number().int().min(1).max(86_400).default(900),
  /** After the one extra agent round still fails: open a draft pull request, or fail the job. */
  onCheckFailure: z.enum(['draft', 'fail']).default('draft'),
});

export type RepositorySetting = Readonly<z.infer<typeof repositorySettingSchema>>;

const usd = z.number().positive('must be a positive amount in US dollars').max(1_000_000).nullable();

export const guardrailsConfigShape = {
  /** Per repository ("owner/name"): its setup and check commands. */
  repositorySettings: z
    .record(z.string().regex(REPOSITORY_KEY, 'keys must be "owner/name"'), repositorySettingSchema)
    .default({}),
  /** Spend limits in US dollars; null = no limit. */
  limits: z.object({ perJobUsd: usd.default(null), perDayUsd: usd.default(null) }).prefault({}),
  /** Stop each job before its push until the user says Push, Discard or Retry with a note. */
  approveBeforePush: z.boolean().default(false),
  /** How long a job waits for approval before its message is released. */
  approvalTimeoutMinutes: z.number().int().min(1).max(660).default(240),
} as const;

/** The settings for a repository, matched case-insensitively as GitHub does; null = no checks. */
export function repositorySettingFor(
  settings: Readonly<Record<string, RepositorySetting>>,
  repository: string,
): RepositorySetting | null {
  const wanted = repository.toLowerCase();
  for (const [key, value] of Object.entries(settings)) if (key.toLowerCase() === wanted) return value;
  return null;
}
