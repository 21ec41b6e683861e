import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeDuplicates, listPolicyFiles, readPolicyDocuments } from './support/policy-documents.ts';
import { loadTerraform, type TerraformConfig } from './support/terraform.ts';

const INFRA_DIR = fileURLToPath(new URL('../../../infra', import.meta.url));
const FIXTURE_DIR = fileURLToPath(new URL('../../fixtures/infra', import.meta.url));
const FIXTURE = `${FIXTURE_DIR}/duplicate-string-equals.tf`;

/** Statements of aws_iam_policy_document data sources that repeat a condition's test+variable. */
function repeatedConditions(tf: TerraformConfig): string[] {
  return tf.dataNames('aws_iam_policy_document').flatMap((name) =>
    tf.policyStatements(name).flatMap((statement, index) => {
      const pairs = (statement.condition ?? []).map((c) => `${c.test} ${c.variable}`);
      const repeated = pairs.filter((pair, i) => pairs.indexOf(pair) !== i);
      return [...new Set(repeated)].map(
        (pair) => `data.aws_iam_policy_document.${name} statement ${index}: ${pair}`,
      );
    }),
  );
}

describe('hand-written policy documents (jsonencode, heredocs, .json)', () => {
  it('finds the documents in infra/, so a clean result means something', () => {
    const documents = listPolicyFiles(INFRA_DIR).flatMap((file) => readPolicyDocuments(file));
    // The redrive and redrive-allow policies; IAM policies are aws_iam_policy_document blocks.
    expect(documents.map((d) => `${d.file} ${d.source}`)).toEqual([
      'infra/terraform/sqs.tf jsonencode',
      'infra/terraform/sqs.tf jsonencode',
    ]);
  });

  it('has no duplicated key in any document under infra/', () => {
    const documents = listPolicyFiles(INFRA_DIR).flatMap((file) => readPolicyDocuments(file));
    expect(describeDuplicates(documents)).toEqual([]);
  });

  it('catches a duplicated StringEquals key in a trust policy, in a heredoc and in jsonencode', () => {
    expect(describeDuplicates(readPolicyDocuments(FIXTURE))).toEqual([
      'test/fixtures/infra/duplicate-string-equals.tf:18: key "StringEquals" repeats in Statement[0].Condition (first at line 17)',
      'test/fixtures/infra/duplicate-string-equals.tf:36: key "StringEquals" repeats in Statement[0].Condition (first at line 35)',
    ]);
  });
});

describe('aws_iam_policy_document data sources', () => {
  it('never repeat a condition test+variable within a statement under infra/', async () => {
    expect(repeatedConditions(await loadTerraform())).toEqual([]);
  });

  it('catches two StringEquals conditions on the same sub, which the provider merges into "either"', async () => {
    expect(repeatedConditions(await loadTerraform(FIXTURE_DIR))).toEqual([
      'data.aws_iam_policy_document.repeated_sub_condition statement 0: StringEquals token.actions.githubusercontent.com:sub',
    ]);
  });
});
