/** The doctor's vocabulary: one check's input, its runner, and the two ways a result is built. */
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { DoctorCheck } from '../../../shared/doctor-check.ts';
import type { ConfigProblem, PartialWorkerConfig } from '../config/lenient-config.ts';
import type { UnknownKey } from '../config/unknown-keys.ts';
import type { GitHubTokenResolution } from '../github/resolve-token.ts';

export interface DoctorInput {
  /** The configuration as far as it is valid; queueUrl is null when it is missing or invalid. */
  readonly config: PartialWorkerConfig;
  /** What was wrong with the configuration (each invalid key fell back to its default). */
  readonly configProblems?: readonly ConfigProblem[];
  /** Keys the worker ignored because it does not know them. */
  readonly unknownKeys?: readonly UnknownKey[];
  readonly sqs: SQSClient;
  /** The resolved token (null when none was found); never printed. */
  readonly github: GitHubTokenResolution | null;
  /** The environment programs are looked up in (PATH). */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** One independent check: it never throws, and one failing does not hide the others. */
export type DoctorCheckRunner = (input: DoctorInput) => Promise<DoctorCheck>;

export function ok(id: string, title: string, detail: string): DoctorCheck {
  return { id, title, status: 'ok', detail, fix: null };
}

export function problem(
  id: string,
  title: string,
  status: 'warn' | 'fail',
  detail: string,
  fix: string,
): DoctorCheck {
  return { id, title, status, detail, fix };
}
