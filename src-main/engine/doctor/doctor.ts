/**
 * `codingworker doctor` and the UI's "Check setup": every check the worker needs to do its job,
 * each with what to fix. Checks run independently, so one failure does not hide the others.
 */
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { execa } from 'execa';
import type { DoctorCheck } from '../../../shared/records.ts';
import type { WorkerConfig } from '../config/worker-config.ts';
import { checkGitHubToken } from '../github/check-token.ts';
import { createGitHubClient } from '../github/github-client.ts';
import type { GitHubTokenResolution } from '../github/resolve-token.ts';
import { classifySqsError } from '../queue/classify-sqs-error.ts';
import { resolveDeadLetterQueue } from '../queue/resolve-dead-letter-queue.ts';
import { agentProgram } from './agent-program.ts';
import { describeError } from '../../../shared/describe-error.ts';

export interface DoctorInput {
  readonly config: WorkerConfig;
  readonly sqs: SQSClient;
  /** The resolved token (null when none was found); never printed. */
  readonly github: GitHubTokenResolution | null;
  /** The environment programs are looked up in (PATH). */
  readonly env: Readonly<Record<string, string | undefined>>;
}

export async function runDoctor(input: DoctorInput): Promise<DoctorCheck[]> {
  const checks = await Promise.all([
    checkCredentials(input),
    checkQueue(input),
    checkDeadLetterQueue(input),
    checkRepositories(input),
    checkGitHub(input),
    checkProgram(
      'git',
      'git',
      'git',
      ['--version'],
      'Install git (Xcode command line tools: `xcode-select --install`).',
      input.env,
    ),
    checkAgent(input),
  ]);
  return checks;
}

function ok(id: string, title: string, detail: string): DoctorCheck {
  return { id, title, status: 'ok', detail, fix: null };
}

function problem(
  id: string,
  title: string,
  status: 'warn' | 'fail',
  detail: string,
  fix: string,
): DoctorCheck {
  return { id, title, status, detail, fix };
}

async function checkCredentials({ config, sqs }: DoctorInput): Promise<DoctorCheck> {
  const title = 'AWS credentials';
  try {
    const credentials = await sqs.config.credentials();
    const profile = config.profile ? `profile ${config.profile}` : 'the default credential chain';
    const kind = credentials.sessionToken ? 'temporary (SSO or role) credentials' : 'credentials';
    return ok('aws-credentials', title, `Found ${kind} from ${profile}.`);
  } catch (error) {
    const classified = classifySqsError(error, { profile: config.profile });
    return problem(
      'aws-credentials',
      title,
      'fail',
      classified.message,
      config.profile
        ? `Run \`aws sso login --profile ${config.profile}\` or check ~/.aws/config.`
        : 'Set AWS_PROFILE to a profile with the worker policy (IAM Identity Center recommended).',
    );
  }
}

async function checkQueue({ config, sqs }: DoctorInput): Promise<DoctorCheck> {
  const title = 'Task queue';
  try {
    const { Attributes = {} } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: config.queueUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'VisibilityTimeout'],
      }),
    );
    return ok(
      'queue',
      title,
      `Reachable: ${config.queueUrl} (≈${Attributes.ApproximateNumberOfMessages ?? '?'} waiting; lease ${config.leaseSeconds} s).`,
    );
  } catch (error) {
    const classified = classifySqsError(error, { profile: config.profile, queueUrl: config.queueUrl });
    return problem('queue', title, 'fail', classified.message, fixFor(classified.code));
  }
}

async function checkDeadLetterQueue({ config, sqs }: DoctorInput): Promise<DoctorCheck> {
  const title = 'Redrive policy and dead-letter queue';
  try {
    const info = await resolveDeadLetterQueue(sqs, config.queueUrl, { knownDlqUrl: config.dlqUrl });
    if (!info.dlqUrl) {
      return problem(
        'dlq',
        title,
        'fail',
        'The queue has no redrive policy, so failing tasks would be retried forever and cannot be quarantined.',
        'Apply infra/terraform (it creates the DLQ and the redrive policy), or set dlqUrl.',
      );
    }
    await sqs.send(new GetQueueAttributesCommand({ QueueUrl: info.dlqUrl, AttributeNames: ['QueueArn'] }));
    const receives = info.maxReceiveCount
      ? `after ${info.maxReceiveCount} receives`
      : 'maxReceiveCount unknown';
    return ok('dlq', title, `Failing tasks move to ${info.dlqUrl} (${receives}).`);
  } catch (error) {
    const classified = classifySqsError(error, { profile: config.profile, queueUrl: config.queueUrl });
    return problem('dlq', title, 'fail', classified.message, fixFor(classified.code));
  }
}

async function checkRepositories({ config }: DoctorInput): Promise<DoctorCheck> {
  const title = 'Repository allowlist';
  if (config.repositories.length === 0) {
    return problem(
      'repositories',
      title,
      'warn',
      'No repositories are allowed, so every task will be quarantined.',
      'Set CODINGWORKER_REPOSITORIES=owner/name[,owner/name…] or add them in Settings.',
    );
  }
  return ok('repositories', title, `Will act on ${config.repositories.join(', ')}.`);
}

async function checkGitHub({ config, github }: DoctorInput): Promise<DoctorCheck> {
  const title = 'GitHub token';
  if (!github) {
    return problem(
      'github-token',
      title,
      'fail',
      'No GitHub token: not in GITHUB_TOKEN, not from `gh auth token`, not in the app.',
      'Run `gh auth login`, or set GITHUB_TOKEN, or save a token in Settings.',
    );
  }
  try {
    const client = createGitHubClient({ token: github.token, apiUrl: config.github.apiUrl, retries: 0 });
    const check = await checkGitHubToken(client);
    const scopes =
      check.scopes === null ? 'fine-grained or app token' : `scopes: ${check.scopes.join(', ') || 'none'}`;
    const missingRepo =
      check.scopes !== null && !check.scopes.includes('repo') && !check.scopes.includes('public_repo');
    const detail = `Signed in as ${check.login} with the token from ${github.source} (${scopes}).`;
    return missingRepo
      ? problem(
          'github-token',
          title,
          'warn',
          detail,
          'A classic token needs the `repo` scope to push and open pull requests.',
        )
      : ok('github-token', title, detail);
  } catch (error) {
    return problem(
      'github-token',
      title,
      'fail',
      `The token from ${github.source} was refused: ${describeError(error)}`,
      'Create a new token (Contents, Issues, Pull requests: read and write) or run `gh auth refresh`.',
    );
  }
}

function checkAgent({ config, env }: DoctorInput): Promise<DoctorCheck> {
  const program = agentProgram(config.agent);
  const fix =
    config.agent.preset === 'aider'
      ? 'Install Aider: `pipx install aider-chat` (or `uv tool install aider-chat`), then check `aider --version`.'
      : `Install ${program.program} or fix the agent command in Settings.`;
  return checkProgram(
    'agent',
    `Coding agent (${config.agent.preset})`,
    program.program,
    program.versionArgs,
    fix,
    env,
  );
}

async function checkProgram(
  id: string,
  title: string,
  program: string,
  args: readonly string[],
  fix: string,
  env: DoctorInput['env'],
): Promise<DoctorCheck> {
  try {
    const { stdout } = await execa(program, [...args], {
      env: { PATH: env.PATH ?? '', HOME: env.HOME ?? '' },
      extendEnv: false,
      timeout: 20_000,
      stdin: 'ignore',
    });
    return ok(id, title, `${program}: ${stdout.split('\n')[0]?.trim() || 'found'}`);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const detail =
      code === 'ENOENT'
        ? `${program} was not found on PATH.`
        : `${program} did not run: ${describeError(error).split('\n')[0]}`;
    return problem(id, title, 'fail', detail, fix);
  }
}

function fixFor(code: string): string {
  switch (code) {
    case 'credentials':
      return 'Log in to AWS (`aws sso login`) or set AWS_PROFILE to a profile with the worker policy.';
    case 'queue-not-found':
      return 'Check the queue URL and region; `terraform output queue_url` in infra/terraform prints it.';
    case 'access-denied':
      return 'Attach the worker policy from infra/terraform (iam.tf) to this identity.';
    case 'network':
      return 'Check the network, VPN or AWS_ENDPOINT_URL_SQS.';
    default:
      return 'See the message above; `codingworker doctor` after fixing.';
  }
}
