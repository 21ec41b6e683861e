// Every panel has an empty, a loading and an error state, and never hangs in between: with a worker
// that has no job, no DLQ item and no history — or a build that cannot list them yet — each panel
// settles on a state that says so.
import { expect, test, type Page } from '@playwright/test';
import { openPanel, useUiWorld } from './ui-setup.ts';

const world = useUiWorld('ui-states');

/** The panel ends up empty (the worker answered) or in its error state (it could not). */
async function settles(page: Page, emptyId: string): Promise<'empty' | 'error'> {
  const empty = page.getByTestId(emptyId);
  const error = page.getByTestId('panel-error');
  await expect(empty.or(error)).toBeVisible();
  await expect(page.getByTestId('panel-loading')).toHaveCount(0);
  if (await error.isVisible()) {
    await expect(error).toHaveAttribute('data-kind', /^error\.[a-zA-Z]+$/);
    await expect(error.locator('.error-title')).not.toBeEmpty();
    return 'error';
  }
  return 'empty';
}

test('Now: says no job is running', async ({ page }) => {
  await openPanel(page, world(), 'now');
  await expect(page.getByTestId('current-job-empty')).toContainText('No job running');
  await expect(page.getByTestId('current-job')).toHaveCount(0);
  await expect(page.getByTestId('worker-status')).toHaveText('Listening for tasks');
});

test('DLQ: empty, or an error with a working retry', async ({ page }) => {
  await openPanel(page, world(), 'dlq');
  if ((await settles(page, 'dlq-empty')) === 'error') {
    await page.getByTestId('panel-retry').click();
    await settles(page, 'dlq-empty');
  }
  await expect(page.getByTestId('redrive-all-button')).toHaveCount(0);
});

test('History: empty, or an error', async ({ page }) => {
  await openPanel(page, world(), 'history');
  await settles(page, 'history-empty');
  await expect(page.getByTestId('history-item')).toHaveCount(0);
});

test('Settings: the form, or the error with a retry when the saved settings cannot be loaded', async ({
  page,
}) => {
  await openPanel(page, world(), 'settings');
  const form = page.getByTestId('settings-form');
  const loadError = page.getByTestId('settings-load-error');
  await expect(form.or(loadError)).toBeVisible();
  await expect(page.getByTestId('panel-loading')).toHaveCount(0);
  if (await loadError.isVisible()) {
    await expect(loadError).toHaveAttribute('data-kind', /^error\./);
    await expect(loadError.getByTestId('panel-retry')).toBeVisible();
    await expect(form).toHaveCount(0);
  }
});

test('shows the queue depth as approximate', async ({ page }) => {
  await openPanel(page, world(), 'now');
  const depth = page.getByTestId('queue-depth');
  await expect(depth).toHaveAttribute('data-count', '0');
  await expect(depth).toContainText('≈');
});
