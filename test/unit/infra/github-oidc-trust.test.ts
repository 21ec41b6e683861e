import { beforeAll, describe, expect, it } from 'vitest';
import { loadTerraform, renderConditions, type TerraformConfig } from './support/terraform.ts';

const AUD = 'token.actions.githubusercontent.com:aud';
const SUB = 'token.actions.githubusercontent.com:sub';

let tf: TerraformConfig;
beforeAll(async () => {
  tf = await loadTerraform();
});

/** The quoted template inside a `[for ... : "template" ...]` local. */
function forTemplate(localName: string): string {
  const expression = String(tf.local(localName));
  const match = /^\$\{\[\s*for\s[^:]+:\s*"([^"]*)"/.exec(expression);
  if (!match)
    throw new Error(`local.${localName} is not a for-expression over a string template: ${expression}`);
  return match[1] as string;
}

describe('GitHub OIDC provider', () => {
  it('trusts token.actions.githubusercontent.com for the sts.amazonaws.com audience, without a thumbprint', () => {
    const provider = tf.resource('aws_iam_openid_connect_provider', 'github');
    expect(provider['url']).toBe('https://token.actions.githubusercontent.com');
    expect(provider['client_id_list']).toEqual(['sts.amazonaws.com']);
    expect(provider).not.toHaveProperty('thumbprint_list');
  });

  it('is created only when no existing provider ARN is given, and the role uses whichever exists', () => {
    expect(tf.resource('aws_iam_openid_connect_provider', 'github')['count']).toBe(
      '${var.existing_oidc_provider_arn == null ? 1 : 0}',
    );
    expect(tf.variable('existing_oidc_provider_arn')['default']).toBeNull();
    expect(tf.local('github_oidc_provider_arn')).toBe(
      '${var.existing_oidc_provider_arn != null ? var.existing_oidc_provider_arn : aws_iam_openid_connect_provider.github[0].arn}',
    );
  });
});

describe('GitHub Actions role trust policy', () => {
  it('lets only GitHub web identities assume the role', () => {
    const [statement, ...others] = tf.policyStatements('github_actions_trust');
    expect(others).toEqual([]);
    expect(statement?.effect).toBe('Allow');
    expect(statement?.actions).toEqual(['sts:AssumeRoleWithWebIdentity']);
    expect(statement?.principals).toEqual([
      { type: 'Federated', identifiers: ['${local.github_oidc_provider_arn}'] },
    ]);
    expect(tf.resource('aws_iam_role', 'github_actions')['assume_role_policy']).toBe(
      '${data.aws_iam_policy_document.github_actions_trust.json}',
    );
  });

  it('renders ONE StringEquals holding both aud and sub, and no other operator', () => {
    const [statement] = tf.policyStatements('github_actions_trust');
    const rendered = renderConditions(statement?.condition);
    expect(Object.keys(rendered)).toEqual(['StringEquals']);
    expect(Object.keys(rendered['StringEquals'] ?? {}).sort()).toEqual([AUD, SUB]);
    expect(rendered['StringEquals']?.[AUD]).toEqual(['sts.amazonaws.com']);
    expect(rendered['StringEquals']?.[SUB]).toEqual(['${local.github_oidc_subjects}']);
  });

  it('takes its subjects from the name-based, the immutable-ID and the pull-request lists together', () => {
    expect(tf.local('github_oidc_subjects')).toBe(
      '${concat(local.github_subjects_by_name, local.github_subjects_by_id, local.github_pull_request_subjects)}',
    );
  });

  it('trusts pull-request events (review rounds) of the listed repositories only, by name or immutable ID', () => {
    const text = String(tf.local('github_pull_request_subjects'));
    expect(text).toContain(
      '"repo:${var.github_org}/${repo}:pull_request" if !contains(keys(var.github_repo_ids), repo)',
    );
    expect(text).toContain('"repo:${var.github_org}@${var.github_owner_id}/${repo}@${repo_id}:pull_request"');
    expect(text).not.toContain('*');
  });

  it('trusts only the default branch for branch refs', () => {
    expect(tf.local('github_default_ref')).toBe('ref:refs/heads/${var.github_default_branch}');
    expect(tf.variable('github_default_branch')['default']).toBe('main');
    for (const local of ['github_subjects_by_name', 'github_subjects_by_id']) {
      expect(forTemplate(local), local).toMatch(/:\$\{local\.github_default_ref\}$/);
      expect(forTemplate(local), local).not.toContain('*');
    }
  });

  it('builds name-based subjects as repo:OWNER/REPO:ref:refs/heads/BRANCH', () => {
    expect(forTemplate('github_subjects_by_name')).toBe(
      'repo:${var.github_org}/${repo}:${local.github_default_ref}',
    );
  });

  it('builds immutable subjects as repo:OWNER@OWNER_ID/REPO@REPO_ID:ref:refs/heads/BRANCH', () => {
    expect(forTemplate('github_subjects_by_id')).toBe(
      'repo:${var.github_org}@${var.github_owner_id}/${repo}@${repo_id}:${local.github_default_ref}',
    );
  });

  it('drops the name-based subject of a repository that uses immutable IDs, so a recycled name gets nothing', () => {
    expect(String(tf.local('github_subjects_by_name'))).toMatch(
      /if\s+!contains\(keys\(var\.github_repo_ids\),\s*repo\)/,
    );
  });
});
