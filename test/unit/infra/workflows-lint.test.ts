import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { actionlint } from './support/actionlint.ts';

const WORKFLOWS_DIR = fileURLToPath(new URL('../../../.github/workflows', import.meta.url));
const INJECTED_FIXTURE = fileURLToPath(
  new URL('../../fixtures/workflows/injected-title.yml', import.meta.url),
);

const workflows = readdirSync(WORKFLOWS_DIR)
  .filter((name) => /\.ya?ml$/.test(name))
  .sort()
  .map((name) => ({
    name,
    path: `${WORKFLOWS_DIR}/${name}`,
    text: readFileSync(`${WORKFLOWS_DIR}/${name}`, 'utf8'),
  }));

/** The body of every `run:` step: the inline value, or the indented lines of a block scalar. */
function runScripts(text: string): string[] {
  const lines = text.split('\n');
  const scripts: string[] = [];
  lines.forEach((line, index) => {
    const match = /^(\s*)(?:-\s+)?run:\s*(.*)$/.exec(line);
    if (!match) return;
    const inline = match[2] ?? '';
    if (!/^[|>]/.test(inline)) {
      scripts.push(inline);
      return;
    }
    const indent = (match[1] ?? '').length;
    const body: string[] = [];
    for (const next of lines.slice(index + 1)) {
      if (next.trim() !== '' && next.search(/\S/) <= indent) break;
      body.push(next);
    }
    scripts.push(body.join('\n'));
  });
  return scripts;
}

describe('GitHub workflows', () => {
  it('exist: the producer and CI', () => {
    expect(workflows.map((w) => w.name)).toEqual(['ci.yml', 'send-to-sqs.yml']);
  });

  it.each(workflows)('$name passes actionlint with no findings', async ({ path, text }) => {
    expect(await actionlint(path, text)).toEqual([]);
  });

  it('reports an issue title interpolated into a run step (the check is live)', async () => {
    const findings = await actionlint(INJECTED_FIXTURE, readFileSync(INJECTED_FIXTURE, 'utf8'));
    expect(findings).toEqual([
      expect.stringMatching(/\[expression\] "github\.event\.issue\.title" is potentially untrusted/),
    ]);
  });

  it.each(workflows)(
    '$name pins every action to a full commit SHA with its version beside it',
    ({ text }) => {
      const uses = [...text.matchAll(/^\s*(?:-\s+)?uses:\s*(.+)$/gm)].map((match) => (match[1] ?? '').trim());
      expect(uses.length).toBeGreaterThan(0);
      expect(uses.filter((use) => !/^[\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*$/.test(use))).toEqual([]);
    },
  );

  it.each(workflows)('$name expands no ${{ }} expression inside a run script', ({ text }) => {
    // Stricter than actionlint's untrusted-input check: values reach scripts through env: only.
    expect(runScripts(text).filter((script) => script.includes('${{'))).toEqual([]);
  });
});

describe('send-to-sqs.yml', () => {
  const text = workflows.find((w) => w.name === 'send-to-sqs.yml')?.text ?? '';

  it('runs when an issue is labelled, and only for the ai-task label once the repository opts in', () => {
    expect(text).toMatch(/^on:\n {2}issues:\n {4}types: \[labeled\]$/m);
    expect(text).toMatch(
      /^ {4}if: github\.event\.label\.name == 'ai-task' && vars\.ENABLE_SQS_WORKFLOW == 'true'$/m,
    );
  });

  it('grants nothing by default and the job only OIDC, issue comments and a read-only checkout', () => {
    expect(text).toMatch(/^permissions: \{\}$/m);
    const jobPermissions = /^ {4}permissions:\n((?: {6}\S.*\n)+)/m.exec(text)?.[1] ?? '';
    const granted = jobPermissions
      .split('\n')
      .filter(Boolean)
      .map((line) => line.replace(/#.*/, '').trim())
      .sort();
    expect(granted).toEqual(['contents: read', 'id-token: write', 'issues: write']);
  });

  it('bounds the run: one at a time per issue, and a timeout', () => {
    expect(text).toMatch(/^ {6}group: .*\$\{\{ github\.event\.issue\.number \}\}$/m);
    expect(text).toMatch(/^ {4}timeout-minutes: \d+$/m);
  });

  it('never mentions the issue title, body or labels: the script reads them from the event file', () => {
    expect(text).not.toMatch(/github\.event\.issue\.(title|body|labels)/);
    expect(runScripts(text)).toEqual([
      'bash .github/scripts/send-task.sh "$GITHUB_EVENT_PATH"',
      'bash .github/scripts/send-review.sh "$GITHUB_EVENT_PATH"',
    ]);
  });

  it('also runs for new comments and submitted reviews, which the review-round job filters', () => {
    expect(text).toMatch(/^ {2}issue_comment:\n {4}types: \[created\]$/m);
    expect(text).toMatch(/^ {2}pull_request_review:\n {4}types: \[submitted\]$/m);
    const job = text.slice(text.indexOf('\n  send-review:'));
    expect(job).toContain("vars.ENABLE_SQS_WORKFLOW == 'true'");
    expect(job).toContain("github.event.review.state == 'changes_requested'");
    expect(job).toContain('github.event.pull_request.head.repo.full_name == github.repository');
    expect(job.match(/contains\(fromJSON\('\["OWNER", "MEMBER", "COLLABORATOR"\]'\)/g)).toHaveLength(2);
  });

  it('grants the review-round job only OIDC, a read-only checkout and reading pull requests', () => {
    const job = text.slice(text.indexOf('\n  send-review:'));
    const jobPermissions = /^ {4}permissions:\n((?: {6}\S.*\n)+)/m.exec(job)?.[1] ?? '';
    const granted = jobPermissions
      .split('\n')
      .filter(Boolean)
      .map((line) => line.replace(/#.*/, '').trim())
      .sort();
    expect(granted).toEqual(['contents: read', 'id-token: write', 'pull-requests: read']);
  });
});
