/** The doctor's checks of the configuration itself: invalid values, and keys it does not know. */
import { describeUnknownKey } from '../config/unknown-keys.ts';
import { ok, problem, type DoctorInput } from './check-result.ts';

/** The queue's own check reports a missing or invalid queue URL, with its fix: not repeated here. */
const REPORTED_ELSEWHERE = new Set(['queueUrl']);

export async function checkConfiguration({ configProblems = [] }: DoctorInput) {
  const title = 'Configuration';
  const problems = configProblems.filter((entry) => !REPORTED_ELSEWHERE.has(entry.key));
  if (problems.length === 0) return ok('configuration', title, 'Every configured value is valid.');
  return problem(
    'configuration',
    title,
    'fail',
    `${problems.map((entry) => entry.message).join('; ')} (the default is used instead).`,
    'Correct the value named, in the config file, the environment variable or Settings.',
  );
}

export async function checkUnknownKeys({ unknownKeys = [] }: DoctorInput) {
  const title = 'Configuration keys';
  if (unknownKeys.length === 0) return ok('unknown-keys', title, 'No unknown keys.');
  return problem(
    'unknown-keys',
    title,
    'fail',
    `${unknownKeys.map((unknown) => describeUnknownKey(unknown)).join('; ')}.`,
    'Rename or remove each key named (README.md, Configuration, lists every key).',
  );
}
