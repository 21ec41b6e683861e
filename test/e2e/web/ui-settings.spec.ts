// Settings in a real browser against `codingworker serve`: client-side validation inline, the
// language switch, following the system language, and "Check setup". None needs a running job.
import { expect, test } from '@playwright/test';
import { openPanel, screenshot, startUiWorld, TRAY_VIEWPORT, type UiWorld } from './ui-setup.ts';

let world: UiWorld;
test.beforeAll(async () => {
  world = await startUiWorld('ui-settings');
});
test.afterAll(async () => {
  await world?.stop();
});
test.use({ viewport: TRAY_VIEWPORT });

test('shows an inline error for an invalid queue URL, and clears it once fixed', async ({ page }) => {
  await openPanel(page, world, 'settings');
  const queueUrl = page.getByTestId('settings-queue-url');
  await queueUrl.fill('https://example.com/not-a-queue');
  const error = page.locator('[data-testid="settings-error"][data-field="queueUrl"]');
  await expect(error).toHaveText(/Enter an SQS queue URL/);
  await expect(queueUrl).toHaveAttribute('aria-invalid', 'true');
  // The message is tied to the field for screen readers.
  const describedBy = (await queueUrl.getAttribute('aria-describedby')) ?? '';
  expect(describedBy.split(' ')).toContain(await error.getAttribute('id'));
  await screenshot(page, 'settings-invalid-queue-url-en-light');

  await queueUrl.fill('https://sqs.us-east-1.amazonaws.com/123456789012/codingworker-tasks');
  await expect(error).toHaveCount(0);
  await expect(queueUrl).not.toHaveAttribute('aria-invalid', 'true');
});

test('refuses to save invalid numbers and moves focus to the first problem', async ({ page }) => {
  await openPanel(page, world, 'settings');
  await page.getByTestId('settings-lease').fill('30');
  await page.getByTestId('settings-concurrency').fill('two');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-invalid')).toBeVisible();
  await expect(page.locator('[data-testid="settings-error"][data-field="leaseSeconds"]')).toHaveText(
    'The lease must be at least 60 seconds.',
  );
  await expect(page.locator('[data-testid="settings-error"][data-field="concurrency"]')).toHaveText(
    'Enter a whole number.',
  );
  await expect(page.getByTestId('settings-lease')).toBeFocused();
});

test('switches the whole UI to Japanese and back', async ({ page }) => {
  await openPanel(page, world, 'settings');
  await page.getByTestId('settings-language').selectOption('ja');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(page.getByTestId('tab-settings')).toHaveText('設定');
  await expect(page.getByTestId('worker-status')).toHaveText('タスクを待機中');
  await expect(page.getByTestId('settings-save')).toHaveText('保存');
  await page.getByTestId('settings-queue-url').fill('nope');
  await expect(page.locator('[data-testid="settings-error"][data-field="queueUrl"]')).toContainText(
    'SQS のキュー URL を入力してください',
  );
  await screenshot(page, 'settings-invalid-queue-url-ja-light');

  await page.getByTestId('settings-language').selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('tab-settings')).toHaveText('Settings');
});

test.describe('with a Japanese system', () => {
  test.use({ locale: 'ja-JP' });

  test('follows the system language', async ({ page }) => {
    await openPanel(page, world, 'now');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
    await expect(page.getByTestId('tab-now')).toHaveText(/現在/);
    await expect(page.getByTestId('current-job-empty')).toContainText('実行中のジョブはありません');
  });
});

test('runs "Check setup" and shows each result, or why it could not', async ({ page }) => {
  await openPanel(page, world, 'settings');
  await page.getByTestId('check-setup').click();
  const results = page.getByTestId('doctor-results');
  const error = page.getByTestId('doctor-error');
  await expect(results.or(error)).toBeVisible();
  if (await results.isVisible()) {
    const checks = page.getByTestId('doctor-check');
    expect(await checks.count()).toBeGreaterThan(0);
    for (const status of await checks.evaluateAll((els) => els.map((el) => el.getAttribute('data-status')))) {
      expect(['ok', 'warn', 'fail']).toContain(status);
    }
  } else {
    await expect(error).toHaveAttribute('data-kind', /^error\./);
  }
  await expect(page.getByTestId('check-setup')).toBeEnabled();
});
