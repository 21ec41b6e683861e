// A review round in a real browser: `codingworker serve` with the real engine, fauxqs, a bare
// git repository, the GitHub fake and the fixture agent. A writer's `/ai-task` comment on the
// pull request the first round opened shows in Now as a round of that pull request, then in
// History under its issue and pull request.
import { expect, test, type Page } from '@playwright/test';
import { sendTaskMessage } from '../../../src-main/engine/queue/send-task-message.ts';
import { startFullStack, REPOSITORY, type FullStack } from '../support/full-stack.ts';
import { TRAY_VIEWPORT } from './ui-setup.ts';

let stack: FullStack;
test.beforeAll(async () => {
  stack = await startFullStack('review-round');
});
test.afterAll(async () => {
  stack?.github.assertNoViolations();
  await stack?.stop();
});
test.use({ viewport: TRAY_VIEWPORT });

async function open(page: Page, tab: 'now' | 'history' = 'now'): Promise<void> {
  const url = new URL(stack.serve.url);
  url.hash = tab;
  await page.goto(url.href);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'connected');
}

test('a review round shows in Now and in History as a round of its pull request', async ({ page }) => {
  test.setTimeout(120_000);
  await open(page);
  await stack.sendIssue(5, 'Make the greeting friendlier', 'Say hello warmly. [fake-aider:edit-commit]');
  const firstRound = () => stack.github.pulls(REPOSITORY).find((p) => p.head === 'ai-task/issue-5');
  await expect.poll(firstRound, { timeout: 30_000 }).toBeDefined();
  const pull = firstRound()!;
  await expect(page.getByTestId('current-job-empty')).toBeVisible({ timeout: 30_000 });

  // The reviewer asks for more; the agent takes a while this time, so the round can be watched.
  stack.github.issue(REPOSITORY, 5).body = 'Say hello warmly. [fake-aider:slow:30]';
  const comment = stack.github.addPullComment(REPOSITORY, pull.number, 'alice', '/ai-task also wave');
  await sendTaskMessage(stack.sqs.client, stack.queueUrl, {
    kind: 'review',
    repository: REPOSITORY,
    issue_number: 5,
    pull_number: pull.number,
    comment_type: 'issue_comment',
    comment_id: comment.id,
    body: comment.body,
    created_at: comment.createdAt,
  });

  await expect(page.getByTestId('job-review')).toHaveText(
    `Addressing review on PR #${pull.number} (round 2)`,
    { timeout: 30_000 },
  );
  await expect(page.getByTestId('current-job')).toContainText('#5 Make the greeting friendlier');
  await expect(
    page.getByTestId('notice').filter({ hasText: `Pushed round 2 to PR #${pull.number}` }),
  ).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('current-job-empty')).toBeVisible({ timeout: 30_000 });
  expect(await stack.remotes.commitsAhead(REPOSITORY, 'ai-task/issue-5')).toHaveLength(2);

  await page.getByTestId('tab-history').click();
  const issue = page.getByTestId('history-issue').filter({ hasText: 'Make the greeting friendlier' });
  await expect(issue).toBeVisible();
  const rounds = issue.getByTestId('history-rounds');
  await expect(rounds).toHaveAttribute('data-pull', String(pull.number));
  await expect(rounds).toContainText(`Review rounds on PR #${pull.number}`);
  const round = rounds.getByTestId('history-item');
  await expect(round).toHaveAttribute('data-round', '2');
  await expect(round).toHaveAttribute('data-outcome', 'succeeded');
  await expect(round).toContainText('Round 2');
  await expect(round).toContainText(/took/);
  await expect(round).toContainText('Pushed');
  await expect(round).toContainText('$0.046');
  // The first round stays the issue's own row, above its rounds.
  await expect(issue.getByTestId('history-item').first()).not.toHaveAttribute('data-round', /.*/);
});
