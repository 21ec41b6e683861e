/**
 * An embedded SQS for the sandbox and the tests: fauxqs (a devDependency) in-process on 127.0.0.1,
 * with the task queue and its DLQ wired by a redrive policy like the Terraform in infra/ creates.
 * fauxqs's own startFauxqs binds 0.0.0.0, so we build the app and listen on loopback ourselves.
 */
import type * as Fauxqs from 'fauxqs';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';

type FauxqsModule = typeof Fauxqs;

export interface QueuePair {
  readonly queueUrl: string;
  readonly dlqUrl: string;
}

export interface LocalSqs {
  readonly endpoint: string;
  readonly port: number;
  /** An SDK client pointed at the emulator, with dummy credentials. */
  readonly client: SQSClient;
  createQueuePair(
    name: string,
    options?: { maxReceiveCount?: number; visibilityTimeout?: number },
  ): Promise<QueuePair>;
  stop(): Promise<void>;
}

/** Dummy credentials: the emulator accepts any, and tests must never pick up a developer's real ones. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;
export const LOCAL_REGION = 'us-east-1';

export async function startLocalSqs(options: { port?: number } = {}): Promise<LocalSqs> {
  let fauxqs: FauxqsModule;
  try {
    fauxqs = await import('fauxqs');
  } catch {
    throw new Error(
      'The embedded queue needs the fauxqs package (a devDependency): run `npm ci` in the project.',
    );
  }
  const app = fauxqs.buildApp({ logger: false, defaultRegion: LOCAL_REGION });
  await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('fauxqs did not bind a TCP port');
  const endpoint = `http://127.0.0.1:${address.port}`;
  const client = new SQSClient({ region: LOCAL_REGION, endpoint, credentials: LOCAL_CREDENTIALS });

  return {
    endpoint,
    port: address.port,
    client,
    async createQueuePair(name, pairOptions = {}) {
      const dlq = await client.send(
        new CreateQueueCommand({
          QueueName: `${name}-dlq`,
          Attributes: { MessageRetentionPeriod: '1209600' },
        }),
      );
      const dlqUrl = dlq.QueueUrl!;
      const { Attributes } = await client.send(
        new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] }),
      );
      const queue = await client.send(
        new CreateQueueCommand({
          QueueName: name,
          Attributes: {
            VisibilityTimeout: String(pairOptions.visibilityTimeout ?? 10_800),
            RedrivePolicy: JSON.stringify({
              deadLetterTargetArn: Attributes!.QueueArn,
              maxReceiveCount: pairOptions.maxReceiveCount ?? 3,
            }),
          },
        }),
      );
      return { queueUrl: queue.QueueUrl!, dlqUrl };
    },
    async stop() {
      client.destroy();
      await app.close();
    },
  };
}
