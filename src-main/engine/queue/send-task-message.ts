/**
 * Sends a task exactly as the producer workflow does: the message validated against the worker's
 * own schema, then serialised as ASCII-escaped JSON (like `jq --ascii-output`), so text of any kind
 * reaches every SQS implementation intact.
 */
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { validateTaskMessage, type TaskMessage } from '../../../shared/task-message.ts';

export async function sendTaskMessage(
  client: SQSClient,
  queueUrl: string,
  message: TaskMessage,
): Promise<{ messageId: string }> {
  const checked = validateTaskMessage(message);
  if (!checked.ok) throw new Error(`refusing to send an invalid task: ${checked.summary}`);
  const result = await client.send(
    new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: asciiJson(checked.value) }),
  );
  return { messageId: result.MessageId ?? '' };
}

/** JSON with every non-ASCII character escaped as \uXXXX (surrogate pairs for astral ones). */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
