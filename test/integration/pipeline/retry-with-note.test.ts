/**
 * Retry with a note (issue #14) from the DLQ and from History: the task goes back to the queue
 * with the maintainer's note (and model) in the message, and the next job shows the note in the
 * agent's prompt, uses the model, and records both in history.
 */
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseTaskMessage, type TaskMessage } from '../../../shared/task-message.ts';
import { DlqOperations } from '../../../src-main/engine/dlq/dlq-operations.ts';
import { asciiJson, sendTaskMessage } from '../../../src-main/engine/queue/send-task-message.ts';
import { taskFromRecord } from '../../../src-main/engine/retry/retry-message.ts';
import { startLocalSqs, type LocalSqs } from '../../support/local-sqs.ts';
import { queueName, receiveNow } from '../worker/harness.ts';
import { REPO, startHarness, type Harness } from './pipeline-harness.ts';

describe('retry with a note', () => {
  let h: Harness;
  let sqs: LocalSqs;
  beforeAll(async () => {
    h = await startHarness();
    sqs = await startLocalSqs();
  });
  afterAll(async () => {
    await sqs.stop();
    await h.close();
  });
  afterEach(() => {
    h.fake.assertNoViolations();
  });

  async function receiveTask(queueUrl: string): Promise<TaskMessage> {
    const [message] = await receiveNow(sqs.client, queueUrl, { wait: 1 });
    const parsed = parseTaskMessage(message!.Body!);
    if (!parsed.ok) throw new Error(parsed.summary);
    return parsed.value;
  }

  it('sends a DLQ task back with the note, which reaches the agent’s prompt and the history', async () => {
    const pair = await sqs.createQueuePair(queueName('retry-note'));
    const original = h.issue(601, 'echo-prompt');
    const sent = await sqs.client.send(
      new SendMessageCommand({ QueueUrl: pair.dlqUrl, MessageBody: asciiJson(original) }),
    );
    const ops = new DlqOperations({ client: sqs.client, queueUrl: pair.queueUrl, dlqUrl: pair.dlqUrl });
    const result = await ops.redrive(sent.MessageId!, {
      note: 'Keep the old greeting as a fallback — “日本語” too.',
      model: 'gpt-4o-mini',
    });
    expect(result).toMatchObject({ moved: 1, failed: 0 });
    expect(await ops.list()).toEqual([]);

    const task = await receiveTask(pair.queueUrl);
    expect(task).toMatchObject({
      issue_number: 601,
      repository: REPO,
      note: 'Keep the old greeting as a fallback — “日本語” too.',
      model: 'gpt-4o-mini',
    });
    const run = await h.run(task);
    expect(run.result.kind).toBe('success');
    expect(run.lines).toContain('prompt| Keep the old greeting as a fallback — “日本語” too.');
    expect(run.lines).toContain(
      "prompt| # Maintainer's note (sent with this retry; it takes precedence over the issue text)",
    );
    expect(run.lines).toContain('Main model: gpt-4o-mini with diff edit format');
    expect(run.record).toMatchObject({
      note: 'Keep the old greeting as a fallback — “日本語” too.',
      model: 'gpt-4o-mini',
    });
  });

  it('refuses to add a note to a DLQ message that is not a valid task, and leaves it there', async () => {
    const pair = await sqs.createQueuePair(queueName('retry-note-bad'));
    const sent = await sqs.client.send(
      new SendMessageCommand({ QueueUrl: pair.dlqUrl, MessageBody: 'not a task' }),
    );
    const ops = new DlqOperations({ client: sqs.client, queueUrl: pair.queueUrl, dlqUrl: pair.dlqUrl });
    await expect(ops.redrive(sent.MessageId!, { note: 'try again' })).rejects.toThrow(
      /only a valid task can be retried with a note/,
    );
    expect((await ops.list()).map((item) => item.messageId)).toEqual([sent.MessageId]);
  });

  it('refuses a note over the size limit', async () => {
    const pair = await sqs.createQueuePair(queueName('retry-note-long'));
    const sent = await sqs.client.send(
      new SendMessageCommand({ QueueUrl: pair.dlqUrl, MessageBody: asciiJson(h.issue(602, 'edit-commit')) }),
    );
    const ops = new DlqOperations({ client: sqs.client, queueUrl: pair.queueUrl, dlqUrl: pair.dlqUrl });
    await expect(ops.redrive(sent.MessageId!, { note: 'x'.repeat(4001) })).rejects.toThrow(
      /note must be at most 4000 characters/,
    );
    expect(await ops.list()).toHaveLength(1);
  });

  it('sends the issue of a job in History back with the note', async () => {
    const pair = await sqs.createQueuePair(queueName('retry-history'));
    const first = await h.run(h.issue(603, 'echo-prompt'));
    expect(first.result.kind).toBe('success');
    // The pull request from the first run is closed by the maintainer, who asks for another try.
    for (const pull of h.fake.pulls(REPO)) if (pull.head === 'ai-task/issue-603') pull.state = 'closed';
    await sendTaskMessage(
      sqs.client,
      pair.queueUrl,
      taskFromRecord(first.record, { note: 'Write it in French this time.' }, Date.now()),
    );
    const task = await receiveTask(pair.queueUrl);
    expect(task).toMatchObject({
      issue_number: 603,
      repository: REPO,
      note: 'Write it in French this time.',
    });
    expect('model' in task ? task.model : undefined).toBeUndefined();
    const run = await h.run(task);
    expect(run.lines).toContain('prompt| Write it in French this time.');
    // The issue's text comes from GitHub, not from the retry message.
    expect(run.lines).toContain('prompt| Please fix it. [fake-aider:echo-prompt]');
    expect(run.record.note).toBe('Write it in French this time.');
  });
});
