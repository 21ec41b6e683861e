// Guardrails in a real browser against `codingworker serve` (issue #14): a job stops before its
// push and waits for approval with its diff; Push opens the pull request with the Checks section;
// Retry with a note from History sends the issue back and the note reaches the agent.
import { expect, test, type Page } from '@playwright/test';
import { startFullStack, REPOSITORY, type FullStack } from '../support/full-stack.ts';
import { TRAY_VIEWPORT } from './ui-setup.ts';

let stack: FullStack;
test.beforeAll(async () => {
  stack = await startFullStack(
    'guardrails',
    {
      approveBeforePush: true,
      // The fixture agent lives under node_modules, outside what the OS sandbox lets it see.
      agent: { sandbox: 'off' },
      approvalTimeoutMinutes: 30,
      repositorySettings: {
        [REPOSITORY]: { checkCommand: [process.execPath, '-e', 'console.log("checks ok")'] },
      },
    },
    // The agent's preflight wants a key for its default model; the fixture agent needs none.
    { OPENAI_API_KEY: 'sk-e2e-fake-key-for-the-fixture-agent' },
  );
});
test.afterAll(async () => {
  stack?.github.assertNoViolations();
  await stack?.stop();
});
test.use({ viewport: TRAY_VIEWPORT });
test.describe.configure({ mode: 'serial' });

async function open(page: Page, tab: 'now' | 'history' = 'now'): Promise<void> {
  const url = new URL(stack.serve.url);
  url.hash = tab;
  await page.goto(url.href);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'connected');
}

test('a job waits for approval with its diff, and Push opens the pull request', async ({ page }) => {
  await open(page);
  // This stack turns the OS sandbox off: the status header says so plainly (issue #10).
  const confinement = page.getByTestId('agent-confinement');
  await expect(confinement).toHaveAttribute('data-kind', 'unconfined');
  await expect(confinement).toHaveText('The agent runs unconfined: agent.sandbox is "off"');
  await stack.sendIssue(1, 'Make the greeting friendlier', 'Say hello warmly. [fake-aider:echo-prompt]');

  const approval = page.getByTestId('approval');
  await expect(approval).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('job-phase')).toHaveAttribute('data-phase', 'awaiting-approval');
  await expect(approval.getByTestId('approval-files')).toContainText('ai-change.txt');
  await expect(approval.getByTestId('approval-checks')).toHaveAttribute('data-checks', 'passed');
  await expect(approval.getByTestId('approval-cost')).toContainText('$0.046');
  await approval.getByTestId('approval-show-diff').click();
  await expect(approval.getByTestId('approval-diff')).toContainText('+Change requested by the issue.');
  // Nothing is pushed while it waits.
  expect(await stack.remotes.branchSha(REPOSITORY, 'ai-task/issue-1')).toBeNull();

  await approval.getByTestId('approval-push').click();
  await expect(approval).toHaveCount(0, { timeout: 30_000 });
  await expect.poll(() => stack.github.pulls(REPOSITORY).length, { timeout: 30_000 }).toBe(1);
  const [pull] = stack.github.pulls(REPOSITORY);
  expect(pull!.body).toContain('### Checks');
  expect(pull!.body).toContain("The repository's checks passed");
});

test('Retry with a note from History sends the issue back, and the note reaches the agent', async ({
  page,
}) => {
  // The maintainer closed the first pull request and asks for another try.
  for (const pull of stack.github.pulls(REPOSITORY)) pull.state = 'closed';
  await open(page, 'history');
  const item = page.getByTestId('history-item').first();
  await expect(item).toHaveAttribute('data-outcome', 'succeeded');
  await item.getByTestId('history-retry-note').click();
  await item.getByTestId('history-retry-form-note').fill('Greet in French this time.');
  await item.getByTestId('history-retry-form-send').click();
  await expect(item.getByTestId('history-retry-result')).toBeVisible();

  await page.getByTestId('tab-now').click();
  const approval = page.getByTestId('approval');
  await expect(approval).toBeVisible({ timeout: 30_000 });
  await expect(approval).toContainText('Greet in French this time.');
  // The agent printed its prompt (the fixture's echo-prompt mode): find the note in the job log.
  await page.getByRole('searchbox', { name: 'Search the log' }).fill('prompt| Greet in French');
  await expect(page.getByTestId('log-search-count')).toContainText('1');
  await page.getByTestId('log-search-next').click();
  await expect(
    page.getByTestId('log-line').filter({ hasText: 'prompt| Greet in French this time.' }),
  ).toBeVisible();
  await approval.getByTestId('approval-push').click();
  await expect.poll(() => stack.github.pulls(REPOSITORY).length, { timeout: 30_000 }).toBe(2);

  await page.getByTestId('tab-history').click();
  await expect(page.getByTestId('history-note').first()).toContainText('Greet in French this time.');
});
