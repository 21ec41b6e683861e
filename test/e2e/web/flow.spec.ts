// The whole product in a real browser: `codingworker serve` with the real engine and pipeline,
// fauxqs, a bare git repository, the GitHub fake and the fixture agent. Each test is one thing a
// user does and what they see.
import { expect, test, type Page } from '@playwright/test';
import { getQueueCounts } from '../../../src-main/engine/queue/get-queue-counts.ts';
import { startFullStack, REPOSITORY, type FullStack } from '../support/full-stack.ts';
import { screenshot, TRAY_VIEWPORT } from './ui-setup.ts';

let stack: FullStack;
test.beforeAll(async () => {
  stack = await startFullStack('flow');
});
test.afterAll(async () => {
  stack?.github.assertNoViolations();
  await stack?.stop();
});
test.use({ viewport: TRAY_VIEWPORT });
test.describe.configure({ mode: 'serial' });

async function open(page: Page, tab: 'now' | 'dlq' | 'history' = 'now'): Promise<void> {
  const url = new URL(stack.serve.url);
  url.hash = tab;
  await page.goto(url.href);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'connected');
}

test('runs a job: its log streams in, then its pull request shows in history', async ({ page }) => {
  await open(page);
  // The default agent.sandbox "auto" on a machine with a sandbox: the header names it (issue #10).
  const confinement = page.getByTestId('agent-confinement');
  await expect(confinement).toHaveAttribute('data-kind', 'confined');
  await expect(confinement).toHaveText(/^The agent runs confined by (bubblewrap|Seatbelt)$/);
  await stack.sendIssue(1, 'Make the greeting friendlier', 'Say hello warmly. [fake-aider:slow:30]');

  const job = page.getByTestId('current-job');
  await expect(job).toBeVisible();
  await expect(job).toContainText('#1 Make the greeting friendlier');
  await expect(job).toContainText(REPOSITORY);
  await expect(page.getByTestId('job-phase')).toHaveAttribute('data-phase', 'running-agent');
  await expect(page.getByTestId('log-line').filter({ hasText: 'working' }).first()).toBeVisible();
  await screenshot(page, 'flow-job-running-en-light');

  await expect(page.getByTestId('current-job-empty')).toBeVisible({ timeout: 30_000 });
  const pulls = stack.github.pulls(REPOSITORY);
  expect(pulls).toHaveLength(1);
  expect(pulls[0]!.body).toContain('Fixes #1');
  expect(await stack.remotes.commitsAhead(REPOSITORY, 'ai-task/issue-1')).not.toEqual([]);

  await page.getByTestId('tab-history').click();
  const item = page.getByTestId('history-item').first();
  await expect(item).toHaveAttribute('data-outcome', 'succeeded');
  // Links point only at the configured GitHub server; here it is a file:// URL (the bare repos), so
  // the pull request shows in the job's log rather than as a link.
  await screenshot(page, 'flow-history-en-light');
  await item.getByTestId('history-open').click();
  await expect(
    page.getByTestId('log-line').filter({ hasText: `pull request #${pulls[0]!.number}` }),
  ).toBeVisible();
});

test('pause stops pickup, and resume picks the waiting message up', async ({ page }) => {
  await open(page);
  await page.getByTestId('pause-button').click();
  await expect(page.getByTestId('worker-status')).toHaveAttribute('data-paused', 'true');

  await stack.sendIssue(2, 'Add a farewell', 'Say goodbye too.');
  // The message waits: the depth shows it, and nothing starts.
  await expect(page.getByTestId('queue-depth')).toHaveAttribute('data-count', '1', { timeout: 25_000 });
  await expect(page.getByTestId('current-job-empty')).toBeVisible();
  await screenshot(page, 'flow-paused-en-light');

  await page.getByTestId('resume-button').click();
  await expect(page.getByTestId('worker-status')).toHaveAttribute('data-paused', 'false');
  await expect.poll(() => stack.github.pulls(REPOSITORY).length, { timeout: 30_000 }).toBe(2);
  await expect(page.getByTestId('queue-depth')).toHaveAttribute('data-count', '0', { timeout: 25_000 });
});

test('cancel releases the message back to the queue', async ({ page }) => {
  await open(page);
  await stack.sendIssue(3, 'A long task', '[fake-aider:busy]');
  await expect(page.getByTestId('job-phase')).toHaveAttribute('data-phase', 'running-agent');

  // Pause first so the released message stays on the queue where we can see it.
  await page.getByTestId('pause-button').click();
  await page.getByTestId('cancel-button').click();
  await page.getByTestId('cancel-release').click();
  await expect(page.getByTestId('current-job-empty')).toBeVisible({ timeout: 20_000 });
  await expect
    .poll(async () => (await getQueueCounts(stack.sqs.client, stack.queueUrl)).visible, { timeout: 20_000 })
    .toBe(1);
  expect(stack.github.pulls(REPOSITORY)).toHaveLength(2);

  // Let the busy agent's task go: discard it from the queue by deleting it through the DLQ path later.
  await page.getByTestId('resume-button').click();
  await expect(page.getByTestId('current-job')).toBeVisible();
  await page.getByTestId('cancel-button').click();
  await page.getByTestId('cancel-discard').click();
  await page.getByTestId('confirm-button').click();
  await expect(page.getByTestId('current-job-empty')).toBeVisible({ timeout: 20_000 });
});

test('a failing job lands in the DLQ with its reason, and redrive sends it back', async ({ page }) => {
  await open(page, 'dlq');
  await stack.sendIssue(4, 'Nothing to change', '[fake-aider:nothing]');

  const item = page.getByTestId('dlq-item').filter({ hasText: '#4' });
  await expect(async () => {
    await page.getByTestId('dlq-refresh').click();
    await expect(item).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 30_000 });
  await expect(item.getByTestId('dlq-reason')).toContainText('no changes');
  await screenshot(page, 'flow-dlq-en-light');
  // The discarded task from the cancel test is there too, with the user's reason.
  await expect(
    page.getByTestId('dlq-item').filter({ hasText: '#3' }).getByTestId('dlq-reason'),
  ).toContainText('cancelled by user');

  // Pause so the redriven message stays visible on the task queue.
  await open(page, 'now');
  await page.getByTestId('pause-button').click();
  await open(page, 'dlq');
  await page.getByTestId('dlq-item').filter({ hasText: '#4' }).getByTestId('redrive-button').click();
  await expect(page.getByTestId('dlq-item').filter({ hasText: '#4' })).toHaveCount(0, { timeout: 20_000 });
  await expect
    .poll(async () => (await getQueueCounts(stack.sqs.client, stack.queueUrl)).visible, { timeout: 20_000 })
    .toBe(1);
});
