/**
 * "Check setup" in the sandbox: the sandbox's own parts, reported as they are. It needs no AWS
 * credentials (the embedded queue takes none) and no GitHub token (there is no GitHub), so those
 * say "not needed" rather than a made-up OK or a pointless failure; the queue, DLQ, demo repository,
 * git and the agent are checked for real.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ok, problem, type DoctorCheckRunner } from '../doctor/check-result.ts';
import { checkAgentInstalled, checkAgentKey } from '../doctor/agent-checks.ts';
import { checkGit } from '../doctor/program-checks.ts';
import { checkSandbox } from '../doctor/sandbox-check.ts';
import { checkDeadLetterQueue, checkQueue, checkRepositories } from '../doctor/queue-checks.ts';

export interface SandboxParts {
  /** The embedded SQS emulator's address. */
  readonly endpoint: string;
  /** The demo repository (a bare git repository) branches are pushed to. */
  readonly demoRepository: string;
  /** 'demo' when Aider is not installed. */
  readonly agent: 'aider' | 'demo';
}

export function sandboxDoctorChecks(parts: SandboxParts): readonly DoctorCheckRunner[] {
  return [
    async () =>
      ok(
        'aws-credentials',
        'AWS credentials',
        `Not needed: the sandbox's queue is an embedded SQS emulator (fauxqs at ${parts.endpoint}), which takes none.`,
      ),
    checkQueue,
    checkDeadLetterQueue,
    checkRepositories,
    async () =>
      ok(
        'github-token',
        'GitHub token',
        'Not needed: the sandbox has no GitHub. Branches are pushed to the demo repository; no pull request is opened.',
      ),
    () => checkDemoRepository(parts.demoRepository),
    checkGit,
    ...(parts.agent === 'aider'
      ? [checkAgentInstalled, checkAgentKey]
      : [
          async () =>
            ok(
              'agent',
              'Coding agent (demo)',
              "The sandbox's demo agent (not Aider) makes one small edit. For real work: `pipx install aider-chat`.",
            ),
        ]),
    (input) => checkSandbox(input),
  ];
}

async function checkDemoRepository(path: string) {
  const title = 'Demo repository';
  try {
    const { stdout } = await promisify(execFile)('git', [
      '--git-dir',
      path,
      'branch',
      '--list',
      '--format=%(refname:short)',
    ]);
    const branches = stdout.split('\n').filter(Boolean);
    return ok('demo-repository', title, `${path}: ${branches.length} branch(es) (${branches.join(', ')}).`);
  } catch (error) {
    return problem(
      'demo-repository',
      title,
      'fail',
      `${path} cannot be read: ${(error as Error).message.split('\n')[0]}`,
      'Restart `codingworker sandbox`: it creates the demo repository at start.',
    );
  }
}
