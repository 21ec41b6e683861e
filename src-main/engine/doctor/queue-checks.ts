/** The doctor's AWS checks: credentials, the task queue, and its redrive policy and DLQ. */
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { classifySqsError } from '../queue/classify-sqs-error.ts';
import { resolveDeadLetterQueue } from '../queue/resolve-dead-letter-queue.ts';
import { ok, problem, type DoctorInput } from './check-result.ts';

export const MISSING_QUEUE_FIX =
  'Set CODINGWORKER_QUEUE_URL (or queueUrl in the config file, or the queue in Settings); `terraform output -raw queue_url` in infra/terraform prints it.';

export async function checkCredentials({ config, sqs }: DoctorInput) {
  const title = 'AWS credentials';
  try {
    const credentials = await sqs.config.credentials();
    const profile = config.profile ? `profile ${config.profile}` : 'the default credential chain';
    const kind = credentials.sessionToken ? 'temporary (SSO or role) credentials' : 'credentials';
    return ok('aws-credentials', title, `Found ${kind} from ${profile}.`);
  } catch (error) {
    return problem(
      'aws-credentials',
      title,
      'fail',
      classifySqsError(error, { profile: config.profile }).message,
      credentialsFix(config.profile),
    );
  }
}

/** What to do when no AWS credentials were found; `send-test-issue` says the same. */
export function credentialsFix(profile: string | null): string {
  return profile
    ? `Run \`aws sso login --profile ${profile}\` or check ~/.aws/config.`
    : 'Set AWS_PROFILE to a profile with the worker policy (IAM Identity Center recommended), then `aws sso login`.';
}

export async function checkQueue({ config, sqs, configProblems = [] }: DoctorInput) {
  const title = 'Task queue';
  if (!config.queueUrl) {
    const why = configProblems.find((entry) => entry.key === 'queueUrl');
    return problem(
      'queue',
      title,
      'fail',
      why && !why.message.endsWith('is required')
        ? why.message.replace(/^Invalid configuration: /, '')
        : 'No queue URL is configured (queueUrl is required).',
      MISSING_QUEUE_FIX,
    );
  }
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

export async function checkDeadLetterQueue({ config, sqs }: DoctorInput) {
  const title = 'Redrive policy and dead-letter queue';
  if (!config.queueUrl) {
    // One cause, one failed check: the queue's check names the missing URL and its fix.
    return problem(
      'dlq',
      title,
      'warn',
      'Not checked: the dead-letter queue is found from the task queue, which is not configured.',
      'Configure the task queue first (see "Task queue").',
    );
  }
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

export async function checkRepositories({ config }: DoctorInput) {
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
