/** `codingworker send-test-issue`: one task on the queue, exactly as the producer workflow sends it. */
import { loadConfig } from '../engine/config/load-config.ts';
import { createSqsClient } from '../engine/queue/sqs-client.ts';
import { sendTaskMessage } from '../engine/queue/send-task-message.ts';
import { UsageError, type CliOptions } from './options.ts';

export async function sendTestIssueCommand(options: CliOptions): Promise<number> {
  if (!options.repo || options.issue === null)
    throw new UsageError('send-test-issue needs --repo OWNER/NAME and --issue N');
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
  } finally {
    client.destroy();
  }
}
