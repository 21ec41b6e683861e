// Keyboard use: the panel tabs follow the WAI-ARIA tabs pattern (arrow keys, Home, End, one tab
// stop), focus is always visible, and every control is a real button, link or form field.
import { expect, test, type Page } from '@playwright/test';
import { openPanel, useUiWorld, type BrowserElement, type BrowserGlobals } from './ui-setup.ts';

const world = useUiWorld('ui-navigation');

async function tabTo(page: Page, testId: string, maxPresses = 15): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(
      () =>
        (globalThis as unknown as BrowserGlobals).document.activeElement?.getAttribute('data-testid') ?? null,
    );
    if (focused === testId) return;
  }
  throw new Error(`Tab never reached ${testId}`);
}

test('moves between panels with the arrow keys, Home and End', async ({ page }) => {
  await openPanel(page, world(), 'now');
  await tabTo(page, 'tab-now');
  const selected = page.locator('[role="tab"][aria-selected="true"]');

  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('tab-dlq')).toBeFocused();
  await expect(selected).toHaveAttribute('data-testid', 'tab-dlq');
  await expect(page.getByTestId('panel')).toHaveAttribute('data-tab', 'dlq');

  await page.keyboard.press('End');
  await expect(page.getByTestId('tab-settings')).toBeFocused();
  await expect(page.getByTestId('panel')).toHaveAttribute('data-tab', 'settings');

  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('tab-now')).toBeFocused();

  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('tab-settings')).toBeFocused();

  await page.keyboard.press('Home');
  await expect(page.getByTestId('tab-now')).toBeFocused();
  await expect(page.getByTestId('panel')).toHaveAttribute('data-tab', 'now');
  // The panel is labelled by its tab, and the URL keeps the panel for a reload.
  await expect(page.getByRole('tabpanel', { name: 'Now' })).toBeVisible();
});

test('keeps one tab stop in the tab list, then moves on into the panel', async ({ page }) => {
  await openPanel(page, world(), 'settings');
  await tabTo(page, 'tab-settings');
  await page.keyboard.press('Tab');
  const next = await page.evaluate(
    () => (globalThis as unknown as BrowserGlobals).document.activeElement?.getAttribute('role') ?? null,
  );
  expect(next).not.toBe('tab');
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByTestId('tab-settings')).toBeFocused();
});

test('shows a visible focus ring on keyboard focus', async ({ page }) => {
  await openPanel(page, world(), 'settings');
  await tabTo(page, 'tab-settings');
  const ring = await page.getByTestId('tab-settings').evaluate((el: BrowserElement) => {
    const style = (globalThis as unknown as BrowserGlobals).getComputedStyle(el);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
  });
  expect(ring.style).not.toBe('none');
  expect(ring.width).toBeGreaterThanOrEqual(2);
  await page.keyboard.press('Tab');
  const field = await page.evaluate(() => {
    const browser = globalThis as unknown as BrowserGlobals;
    const el = browser.document.activeElement!;
    return { tag: el.tagName, outline: browser.getComputedStyle(el).outlineStyle };
  });
  expect(field.outline).not.toBe('none');
});

test('reopens the panel named in the URL', async ({ page }) => {
  await openPanel(page, world(), 'dlq');
  await expect(page.getByTestId('tab-dlq')).toHaveAttribute('aria-selected', 'true');
  await page.getByTestId('tab-history').click();
  expect(new URL(page.url()).hash).toBe('#history');
  await page.reload();
  await expect(page.getByTestId('panel')).toHaveAttribute('data-tab', 'history');
});

test('uses real controls: nothing clickable is a bare div or span', async ({ page }) => {
  for (const tab of ['now', 'dlq', 'history', 'settings'] as const) {
    await openPanel(page, world(), tab);
    await expect(page.getByTestId('panel-loading')).toHaveCount(0);
    const bad = await page.evaluate(() =>
      Array.from((globalThis as unknown as BrowserGlobals).document.querySelectorAll('[data-testid]'))
        .filter((el) =>
          /-(button|link|open|refresh|retry)$|^tab-|^check-setup$/.test(el.getAttribute('data-testid')!),
        )
        .filter((el) => !['BUTTON', 'A'].includes(el.tagName))
        .map((el) => el.getAttribute('data-testid')),
    );
    expect(bad, tab).toEqual([]);
  }
});
