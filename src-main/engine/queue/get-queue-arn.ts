/** Reads a queue's ARN (GetQueueAttributes QueueArn). Fails with the SDK's error. */
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';

export async function getQueueArn(client: SQSClient, queueUrl: string): Promise<string> {
  const { Attributes } = await client.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
  );
  const arn = Attributes?.QueueArn;
  if (!arn) throw new Error(`SQS returned no QueueArn for ${queueUrl}`);
  return arn;
}
