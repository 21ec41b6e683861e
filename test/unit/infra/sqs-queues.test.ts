import { beforeAll, describe, expect, it } from 'vitest';
import { readPolicyDocuments } from './support/policy-documents.ts';
import { toPlain } from './support/policy-literal.ts';
import { loadTerraform, renderConditions, TERRAFORM_DIR, type TerraformConfig } from './support/terraform.ts';

let tf: TerraformConfig;
beforeAll(async () => {
  tf = await loadTerraform();
});

/** The jsonencode() documents of sqs.tf, as plain objects. */
function sqsDocuments(): Record<string, unknown>[] {
  return readPolicyDocuments(`${TERRAFORM_DIR}/sqs.tf`).map(
    (document) => toPlain(document.value) as Record<string, unknown>,
  );
}

describe('main task queue', () => {
  it('is named codingworker-tasks and encrypted with SQS-managed keys', () => {
    const queue = tf.resource('aws_sqs_queue', 'tasks');
    expect(queue['name']).toBe('codingworker-tasks');
    expect(queue['sqs_managed_sse_enabled']).toBe(true);
  });

  it('defaults to a 3 h visibility timeout, 7 days retention and 20 s long polling', () => {
    const queue = tf.resource('aws_sqs_queue', 'tasks');
    expect(tf.effective(queue['visibility_timeout_seconds'])).toBe(10800);
    expect(tf.effective(queue['message_retention_seconds'])).toBe(604800);
    expect(queue['receive_wait_time_seconds']).toBe(20);
  });

  it('moves a message to the DLQ after sqs_max_receive_count receives (default 3)', () => {
    const redrive = tf.resource('aws_sqs_queue_redrive_policy', 'tasks');
    expect(redrive['queue_url']).toBe('${aws_sqs_queue.tasks.id}');
    const policy = sqsDocuments().find((document) => 'deadLetterTargetArn' in document);
    expect(policy).toEqual({
      deadLetterTargetArn: '${aws_sqs_queue.tasks_dlq.arn}',
      maxReceiveCount: '${var.sqs_max_receive_count}',
    });
    expect(tf.effective(policy?.['maxReceiveCount'])).toBe(3);
  });

  it('keeps the redrive policy out of the queue resource, where it would form a cycle with the DLQ', () => {
    expect(tf.resource('aws_sqs_queue', 'tasks')).not.toHaveProperty('redrive_policy');
    expect(tf.resource('aws_sqs_queue', 'tasks_dlq')).not.toHaveProperty('redrive_allow_policy');
  });
});

describe('dead-letter queue', () => {
  it('is named codingworker-tasks-dlq and encrypted with SQS-managed keys', () => {
    const dlq = tf.resource('aws_sqs_queue', 'tasks_dlq');
    expect(dlq['name']).toBe('codingworker-tasks-dlq');
    expect(dlq['sqs_managed_sse_enabled']).toBe(true);
  });

  it('keeps messages 14 days, longer than the main queue, because a dead letter keeps its first enqueue time', () => {
    const dlqRetention = tf.resource('aws_sqs_queue', 'tasks_dlq')['message_retention_seconds'];
    const mainRetention = tf.effective(tf.resource('aws_sqs_queue', 'tasks')['message_retention_seconds']);
    expect(dlqRetention).toBe(1209600);
    expect(mainRetention).toBeLessThan(dlqRetention as number);
  });

  it('accepts dead letters from the main queue only (redrive-allow byQueue)', () => {
    expect(tf.resource('aws_sqs_queue_redrive_allow_policy', 'tasks_dlq')['queue_url']).toBe(
      '${aws_sqs_queue.tasks_dlq.id}',
    );
    const allow = sqsDocuments().find((document) => 'redrivePermission' in document);
    expect(allow).toEqual({ redrivePermission: 'byQueue', sourceQueueArns: ['${aws_sqs_queue.tasks.arn}'] });
  });
});

describe.each([
  { queue: 'tasks', document: 'tasks_tls_only' },
  { queue: 'tasks_dlq', document: 'tasks_dlq_tls_only' },
])('queue policy of $queue', ({ queue, document }) => {
  it('is attached to that queue', () => {
    const policy = tf.resource('aws_sqs_queue_policy', queue);
    expect(policy['queue_url']).toBe(`\${aws_sqs_queue.${queue}.id}`);
    expect(policy['policy']).toBe(`\${data.aws_iam_policy_document.${document}.json}`);
  });

  it('denies every SQS action to everyone over plain HTTP, and does nothing else', () => {
    const statements = tf.policyStatements(document);
    expect(statements).toHaveLength(1);
    const [statement] = statements;
    expect(statement?.effect).toBe('Deny');
    expect(statement?.actions).toEqual(['sqs:*']);
    expect(statement?.resources).toEqual([`\${aws_sqs_queue.${queue}.arn}`]);
    expect(statement?.principals).toEqual([{ type: '*', identifiers: ['*'] }]);
    expect(renderConditions(statement?.condition)).toEqual({ Bool: { 'aws:SecureTransport': ['false'] } });
  });
});
