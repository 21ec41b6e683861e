/** `codingworker send-test-issue`: one task on the queue, exactly as the producer workflow sends it. */
import { loadConfig } from '../engine/config/load-config.ts';
import { credentialsFix } from '../engine/doctor/queue-checks.ts';
import { classifySqsError } from '../engine/queue/classify-sqs-error.ts';
import { createSqsClient } from '../engine/queue/sqs-client.ts';
import { sendTaskMessage } from '../engine/queue/send-task-message.ts';
import { REPOSITORY_ARGUMENT, UsageError, type CliOptions } from './options.ts';

const COMMAND = 'send-test-issue';

export async function sendTestIssueCommand(options: CliOptions): Promise<number> {
  // Bad usage is found before the configuration is read: it is the user's first mistake to fix.
  if (!options.repo || options.issue === null)
    throw new UsageError('send-test-issue needs --repo OWNER/NAME and --issue N', COMMAND);
  if (!REPOSITORY_ARGUMENT.test(options.repo))
    throw new UsageError(`--repo must be OWNER/NAME, like octo/app (got "${options.repo}")`, COMMAND);
  const config = loadConfig({ configPath: options.config, env: process.env });
  const client = createSqsClient(config);
  try {
    const { messageId } = await sendTaskMessage(client, config.queueUrl, {
      issue_number: options.issue,
      repository: options.repo,
      title: options.title ?? `Test issue #${options.issue}`,
      body: options.body ?? '',
      labels: ['ai-task'],
      created_at: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    });
    console.log(`Sent ${options.repo}#${options.issue} to ${config.queueUrl} (message ${messageId}).`);
    return 0;
  } catch (error) {
    const classified = classifySqsError(error, { profile: config.profile, queueUrl: config.queueUrl });
    if (classified.code === 'unknown') throw error;
    // The same words as `codingworker doctor`, not the SDK's "Could not load credentials from any providers".
    const fix = classified.code === 'credentials' ? `\n    fix: ${credentialsFix(config.profile)}` : '';
    console.error(`codingworker: ${classified.message}${fix}`);
    return 1;
  } finally {
    client.destroy();
  }
}
