/** `codingworker doctor`: every check, what is wrong, what to do; exit 1 when anything failed. */
import { runDoctor } from '../engine/doctor/doctor.ts';
import { resolveGitHubToken } from '../engine/github/resolve-token.ts';
import { createSqsClient } from '../engine/queue/sqs-client.ts';
import type { CliOptions } from './options.ts';
import { loadWorkerConfig } from './start-engine.ts';

const MARKS = { ok: '✓', warn: '!', fail: '✗' } as const;

export async function doctorCommand(options: CliOptions): Promise<number> {
  const env = process.env;
  const { config } = loadWorkerConfig(options, env);
  const sqs = createSqsClient(config);
  const github = await resolveGitHubToken({
    env,
    host: new URL(config.github.serverUrl).hostname || 'github.com',
  });
  try {
    const checks = await runDoctor({ config, sqs, github, env });
    if (options.json) {
      console.log(JSON.stringify(checks, null, 2));
    } else {
      for (const check of checks) {
        console.log(`${MARKS[check.status]} ${check.title}: ${check.detail}`);
        if (check.fix) console.log(`    fix: ${check.fix}`);
      }
    }
    return checks.some((check) => check.status === 'fail') ? 1 : 0;
  } finally {
    sqs.destroy();
  }
}
