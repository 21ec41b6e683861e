import type { SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { DeleteMessageBatcher } from '../../../src-main/engine/queue/delete-message-batcher.ts';

interface Sent {
  readonly command: string;
  readonly input: { Entries?: { Id: string; ReceiptHandle: string }[]; ReceiptHandle?: string };
}

/** Just enough of an SQSClient: records commands and answers batch deletes. */
function fakeClient(answer: (input: Sent['input']) => unknown = () => ({})): {
  client: SQSClient;
  sent: Sent[];
} {
  const sent: Sent[] = [];
  const client = {
    send: async (command: { constructor: { name: string }; input: Sent['input'] }) => {
      sent.push({ command: command.constructor.name.replace(/Command$/, ''), input: command.input });
      return answer(command.input);
    },
  } as unknown as SQSClient;
  return { client, sent };
}

describe('delete batcher', () => {
  it('sends deletes asked for in the same turn as one DeleteMessageBatch', async () => {
    const { client, sent } = fakeClient((input) => ({
      Successful: input.Entries?.map((e) => ({ Id: e.Id })),
    }));
    const batcher = new DeleteMessageBatcher(client, 'q');
    await Promise.all(['a', 'b', 'c'].map((h) => batcher.delete(h)));
    expect(sent).toEqual([
      {
        command: 'DeleteMessageBatch',
        input: {
          QueueUrl: 'q',
          Entries: [
            { Id: '0', ReceiptHandle: 'a' },
            { Id: '1', ReceiptHandle: 'b' },
            { Id: '2', ReceiptHandle: 'c' },
          ],
        },
      },
    ]);
  });

  it('sends a lone delete as DeleteMessage and splits more than 10', async () => {
    const { client, sent } = fakeClient((input) => ({
      Successful: input.Entries?.map((e) => ({ Id: e.Id })),
    }));
    const batcher = new DeleteMessageBatcher(client, 'q');
    await batcher.delete('only');
    await Promise.all(Array.from({ length: 12 }, (_, i) => batcher.delete(`h${i}`)));
    expect(sent.map((s) => [s.command, s.input.Entries?.length ?? 1])).toEqual([
      ['DeleteMessage', 1],
      ['DeleteMessageBatch', 10],
      ['DeleteMessageBatch', 2],
    ]);
  });

  it('fails only the entries SQS reports as failed, and all of them when the call fails', async () => {
    const { client } = fakeClient(() => ({
      Successful: [{ Id: '0' }],
      Failed: [{ Id: '1', Code: 'ReceiptHandleIsInvalid', Message: 'bad handle', SenderFault: true }],
    }));
    const batcher = new DeleteMessageBatcher(client, 'q');
    const results = await Promise.allSettled([
      batcher.delete('good'),
      batcher.delete('bad'),
      batcher.delete('unreported'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({
      name: 'ReceiptHandleIsInvalid',
      message: 'bad handle',
    });

    const broken = new DeleteMessageBatcher(
      fakeClient(() => {
        throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      }).client,
      'q',
    );
    const failed = await Promise.allSettled([broken.delete('a'), broken.delete('b')]);
    expect(failed.every((r) => r.status === 'rejected')).toBe(true);
  });
});
