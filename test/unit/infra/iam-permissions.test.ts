import { beforeAll, describe, expect, it } from 'vitest';
import { loadTerraform, type PolicyStatement, type TerraformConfig } from './support/terraform.ts';

const TASKS = '${aws_sqs_queue.tasks.arn}';
const DLQ = '${aws_sqs_queue.tasks_dlq.arn}';

let tf: TerraformConfig;
beforeAll(async () => {
  tf = await loadTerraform();
});

/** Every allowed action, as "action on resource", sorted: the whole grant in one comparable list. */
function grants(statements: readonly PolicyStatement[]): string[] {
  for (const statement of statements) {
    expect(statement.effect, `statement ${statement.sid}`).toBe('Allow');
    expect(
      statement,
      `statement ${statement.sid} must not carry conditions that widen or narrow it`,
    ).not.toHaveProperty('condition');
  }
  return statements
    .flatMap((statement) =>
      (statement.actions ?? []).flatMap((action) =>
        (statement.resources ?? []).map((resource) => `${action} on ${resource}`),
      ),
    )
    .sort();
}

describe('GitHub Actions role (producer)', () => {
  it('may only send to, and look up, the main queue', () => {
    expect(grants(tf.policyStatements('producer'))).toEqual([
      `sqs:GetQueueAttributes on ${TASKS}`,
      `sqs:GetQueueUrl on ${TASKS}`,
      `sqs:SendMessage on ${TASKS}`,
    ]);
  });

  it('has that policy, and only that policy, attached inline', () => {
    const attachment = tf.resource('aws_iam_role_policy', 'producer');
    expect(attachment['role']).toBe('${aws_iam_role.github_actions.id}');
    expect(attachment['policy']).toBe('${data.aws_iam_policy_document.producer.json}');
    expect(Object.keys(tf.raw.resource as object)).not.toContain('aws_iam_role_policy_attachment');
  });
});

describe('worker', () => {
  it('consumes the main queue, re-sends dead letters to it, and works the DLQ, with nothing else', () => {
    expect(grants(tf.policyStatements('worker'))).toEqual(
      [
        // Consuming: receive with a lease, extend or release it, delete when done.
        `sqs:ReceiveMessage on ${TASKS}`,
        `sqs:DeleteMessage on ${TASKS}`,
        `sqs:ChangeMessageVisibility on ${TASKS}`,
        `sqs:GetQueueUrl on ${TASKS}`,
        `sqs:GetQueueAttributes on ${TASKS}`,
        // Manual redrive from the DLQ panel.
        `sqs:SendMessage on ${TASKS}`,
        // The DLQ panel, and quarantine of bad messages straight into the DLQ.
        `sqs:ReceiveMessage on ${DLQ}`,
        `sqs:DeleteMessage on ${DLQ}`,
        `sqs:GetQueueAttributes on ${DLQ}`,
        `sqs:GetQueueUrl on ${DLQ}`,
        `sqs:SendMessage on ${DLQ}`,
        // Native redrive: authorised on the move's source, the DLQ.
        `sqs:StartMessageMoveTask on ${DLQ}`,
        `sqs:ListMessageMoveTasks on ${DLQ}`,
        `sqs:CancelMessageMoveTask on ${DLQ}`,
      ].sort(),
    );
  });

  it('can never purge, delete or reconfigure a queue, nor use a wildcard', () => {
    const actions = tf.policyStatements('worker').flatMap((statement) => statement.actions ?? []);
    expect(actions.filter((action) => action.includes('*'))).toEqual([]);
    expect(actions).not.toContain('sqs:PurgeQueue');
    expect(actions).not.toContain('sqs:DeleteQueue');
    expect(actions).not.toContain('sqs:SetQueueAttributes');
  });

  it('gets its permissions from one managed policy, attached to the IAM user when one is created', () => {
    expect(tf.resource('aws_iam_policy', 'worker')['policy']).toBe(
      '${data.aws_iam_policy_document.worker.json}',
    );
    const attachment = tf.resource('aws_iam_user_policy_attachment', 'worker');
    expect(attachment['policy_arn']).toBe('${aws_iam_policy.worker.arn}');
    expect(tf.resource('aws_iam_user', 'worker')['count']).toBe('${var.create_worker_user ? 1 : 0}');
    expect(attachment['count']).toBe('${var.create_worker_user ? 1 : 0}');
  });

  it('never creates access keys, so no secret reaches the Terraform state', () => {
    expect(Object.keys(tf.raw.resource as object)).not.toContain('aws_iam_access_key');
  });
});
