import { parse } from '@cdktn/hcl2json';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTerraform, TERRAFORM_DIR, type TerraformConfig } from './support/terraform.ts';

let tf: TerraformConfig;
beforeAll(async () => {
  tf = await loadTerraform();
});

describe('Terraform settings', () => {
  it('keeps state in S3, encrypted, with S3-native locking', () => {
    const backend = (tf.settings()['backend'] as Record<string, Record<string, unknown>[]>)['s3']?.[0];
    expect(backend?.['encrypt']).toBe(true);
    expect(backend?.['use_lockfile']).toBe(true);
  });

  it('requires Terraform 1.11 or later, the first with use_lockfile', () => {
    expect(tf.settings()['required_version']).toBe('>= 1.11.0');
  });

  it('declares every input the README and the example tfvars talk about', () => {
    expect(tf.variableNames()).toEqual(
      expect.arrayContaining([
        'aws_region',
        'environment',
        'github_org',
        'github_repos',
        'github_default_branch',
        'github_owner_id',
        'github_repo_ids',
        'existing_oidc_provider_arn',
        'sqs_visibility_timeout',
        'sqs_message_retention',
        'sqs_max_receive_count',
      ]),
    );
  });

  it('describes every variable and every output', () => {
    const undescribed = [
      ...tf
        .variableNames()
        .filter((name) => !tf.variable(name)['description'])
        .map((name) => `variable ${name}`),
      ...tf
        .outputNames()
        .filter((name) => !tf.output(name)['description'])
        .map((name) => `output ${name}`),
    ];
    expect(undescribed).toEqual([]);
  });

  it('outputs what the workflow and the worker are configured with', () => {
    expect(tf.output('queue_url')['value']).toBe('${aws_sqs_queue.tasks.url}');
    expect(tf.output('queue_arn')['value']).toBe('${aws_sqs_queue.tasks.arn}');
    expect(tf.output('dlq_url')['value']).toBe('${aws_sqs_queue.tasks_dlq.url}');
    expect(tf.output('dlq_arn')['value']).toBe('${aws_sqs_queue.tasks_dlq.arn}');
    expect(tf.output('github_actions_role_arn')['value']).toBe('${aws_iam_role.github_actions.arn}');
    expect(tf.output('oidc_provider_arn')['value']).toBe('${local.github_oidc_provider_arn}');
    expect(tf.output('worker_user_name')['value']).toBe('${one(aws_iam_user.worker[*].name)}');
  });

  it('hands the workflow exactly the repository variables send-to-sqs.yml reads', () => {
    const workflow = readFileSync(
      new URL('../../../.github/workflows/send-to-sqs.yml', import.meta.url),
      'utf8',
    );
    const read = [...workflow.matchAll(/\bvars\.([A-Z_]+)/g)].map((match) => match[1]);
    const handed = Object.keys(tf.output('github_repository_variables')['value'] as object);
    expect([...new Set(read)].sort()).toEqual(handed.sort());
  });

  it('has an example tfvars that parses and sets only declared variables', async () => {
    const example = await parse(
      'terraform.tfvars.example',
      readFileSync(`${TERRAFORM_DIR}/terraform.tfvars.example`, 'utf8'),
    );
    const set = Object.keys(example);
    expect(set).toEqual(expect.arrayContaining(['github_org', 'github_repos']));
    expect(set.filter((name) => !tf.variableNames().includes(name))).toEqual([]);
  });
});
