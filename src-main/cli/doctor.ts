/**
 * `codingworker doctor`: every check, what is wrong, what to do; exit 1 when anything failed. It
 * runs with whatever configuration there is — an invalid or missing value is a failed check, not a
 * stop — and `--json` prints JSON whatever happens.
 */
import { checkAgentRequest } from '../engine/doctor/agent-checks.ts';
import { DOCTOR_CHECKS, runDoctor } from '../engine/doctor/doctor.ts';
import { resolveGitHubToken } from '../engine/github/resolve-token.ts';
import { createSqsClient } from '../engine/queue/sqs-client.ts';
import type { DoctorCheck } from '../../shared/doctor-check.ts';
import { loadDoctorConfig } from './config-sources.ts';
import type { CliOptions } from './options.ts';

const MARKS = { ok: '✓', warn: '!', fail: '✗' } as const;

export async function doctorCommand(options: CliOptions): Promise<number> {
  const env = process.env;
  const { config, problems, unknownKeys } = loadDoctorConfig(options, env);
  const sqs = createSqsClient({ ...config, queueUrl: config.queueUrl ?? '' });
  try {
    const github = await resolveGitHubToken({ env, host: serverHost(config.github.serverUrl) });
    const checks = await runDoctor(
      { config, configProblems: problems, unknownKeys, sqs, github, env },
      options.agentRequest ? [...DOCTOR_CHECKS, checkAgentRequest] : DOCTOR_CHECKS,
    );
    print(checks, options.json);
    return checks.some((check) => check.status === 'fail') ? 1 : 0;
  } finally {
    sqs.destroy();
  }
}

function print(checks: readonly DoctorCheck[], json: boolean): void {
  if (json) {
    console.log(JSON.stringify(checks, null, 2));
    return;
  }
  for (const check of checks) {
    console.log(`${MARKS[check.status]} ${check.title}: ${check.detail}`);
    if (check.fix) console.log(`    fix: ${check.fix}`);
  }
  const failed = checks.filter((check) => check.status === 'fail').length;
  console.log(failed === 0 ? 'All checks passed.' : `${failed} of ${checks.length} checks failed.`);
}

function serverHost(serverUrl: string): string {
  try {
    return new URL(serverUrl).hostname || 'github.com';
  } catch {
    return 'github.com';
  }
}
