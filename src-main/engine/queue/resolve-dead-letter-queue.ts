/**
 * Finds a queue's dead-letter queue from its RedrivePolicy: GetQueueAttributes → deadLetterTargetArn
 * → GetQueueUrl by name (and owner account). Returns null when the queue has no redrive policy.
 * Fails with the SDK's error (network, credentials, QueueDoesNotExist).
 */
import { GetQueueAttributesCommand, GetQueueUrlCommand, type SQSClient } from '@aws-sdk/client-sqs';

export interface RedriveInfo {
  /** Null when the queue has no redrive policy (or the DLQ was not looked up). */
  readonly dlqUrl: string | null;
  /** receives before SQS moves a message to the DLQ; null without a policy. */
  readonly maxReceiveCount: number | null;
}

export async function resolveDeadLetterQueue(
  client: SQSClient,
  queueUrl: string,
  options: { readonly knownDlqUrl?: string | null; readonly signal?: AbortSignal } = {},
): Promise<RedriveInfo> {
  const { Attributes: attributes = {} } = await client.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['RedrivePolicy'] }),
    options.signal ? { abortSignal: options.signal } : {},
  );
  const policy = parseRedrivePolicy(attributes.RedrivePolicy);
  if (options.knownDlqUrl)
    return { dlqUrl: options.knownDlqUrl, maxReceiveCount: policy?.maxReceiveCount ?? null };
  if (!policy) return { dlqUrl: null, maxReceiveCount: null };
  const arn = parseQueueArn(policy.deadLetterTargetArn);
  if (!arn) return { dlqUrl: null, maxReceiveCount: policy.maxReceiveCount };
  const { QueueUrl } = await client.send(
    new GetQueueUrlCommand({ QueueName: arn.name, QueueOwnerAWSAccountId: arn.account }),
    options.signal ? { abortSignal: options.signal } : {},
  );
  return { dlqUrl: QueueUrl ?? null, maxReceiveCount: policy.maxReceiveCount };
}

export interface RedrivePolicy {
  readonly deadLetterTargetArn: string;
  readonly maxReceiveCount: number | null;
}

/** Pure: the RedrivePolicy attribute (a JSON string) or null when absent or unreadable. */
export function parseRedrivePolicy(value: string | undefined): RedrivePolicy | null {
  if (!value) return null;
  try {
    const policy = JSON.parse(value) as { deadLetterTargetArn?: unknown; maxReceiveCount?: unknown };
    if (typeof policy.deadLetterTargetArn !== 'string') return null;
    const count = Number(policy.maxReceiveCount);
    return {
      deadLetterTargetArn: policy.deadLetterTargetArn,
      maxReceiveCount: Number.isInteger(count) && count > 0 ? count : null,
    };
  } catch {
    return null;
  }
}

/** Pure: arn:aws:sqs:us-east-1:123456789012:name → its parts. */
export function parseQueueArn(arn: string): { region: string; account: string; name: string } | null {
  const match = /^arn:[\w-]+:sqs:([\w-]*):(\d{12}):([\w.-]{1,80})$/.exec(arn);
  return match ? { region: match[1]!, account: match[2]!, name: match[3]! } : null;
}
