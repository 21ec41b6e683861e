/**
 * `codingworker doctor` and the UI's "Check setup": every check the worker needs to do its job,
 * each with what to fix. Checks run independently, so one failure does not hide the others; each
 * runs with whatever configuration there is (a missing queue URL is one failed check, not a stop).
 *
 * A new check is one line in DOCTOR_CHECKS (its runner in a file of its own concern).
 */
import { describeError } from '../../../shared/describe-error.ts';
import type { DoctorCheck } from '../../../shared/doctor-check.ts';
import type { DoctorCheckRunner, DoctorInput } from './check-result.ts';
import { checkConfiguration, checkUnknownKeys } from './config-checks.ts';
import { checkGitHub } from './github-check.ts';
import { checkAgentInstalled, checkAgentKey } from './agent-checks.ts';
import { checkGit } from './program-checks.ts';
import { checkSandbox } from './sandbox-check.ts';
import { checkCredentials, checkDeadLetterQueue, checkQueue, checkRepositories } from './queue-checks.ts';

export type { DoctorCheckRunner, DoctorInput } from './check-result.ts';

/** The checks, in the order they are listed. */
export const DOCTOR_CHECKS: readonly DoctorCheckRunner[] = [
  checkConfiguration,
  checkUnknownKeys,
  checkCredentials,
  checkQueue,
  checkDeadLetterQueue,
  checkRepositories,
  checkGitHub,
  checkGit,
  checkAgentInstalled,
  checkAgentKey,
  checkSandbox,
];

export async function runDoctor(
  input: DoctorInput,
  checks: readonly DoctorCheckRunner[] = DOCTOR_CHECKS,
): Promise<DoctorCheck[]> {
  return Promise.all(checks.map((check) => check(input).catch((error: unknown) => crashed(error))));
}

/** A check that threw is a bug in the check, but the user still gets every other result. */
function crashed(error: unknown): DoctorCheck {
  return {
    id: 'check-error',
    title: 'A check could not run',
    status: 'fail',
    detail: describeError(error),
    fix: 'Report this with the output of `codingworker doctor --json`.',
  };
}
