// Light and dark mode are both readable (text contrast measured in the real browser, WCAG AA), and
// the screenshots in docs/screenshots/ are taken here: every panel, light and dark, English and
// Japanese, at the tray window's size.
import { expect, test, type Page } from '@playwright/test';
import { openPanel, screenshot, useUiWorld, type BrowserElement, type BrowserGlobals } from './ui-setup.ts';

const world = useUiWorld('ui-appearance');

/** Contrast ratio of each matched element's text against the background it is drawn on. */
async function contrasts(page: Page, selector: string): Promise<Array<{ text: string; ratio: number }>> {
  return page.locator(selector).evaluateAll((elements: BrowserElement[]) => {
    const { document, getComputedStyle } = globalThis as unknown as BrowserGlobals;
    const rgb = (css: string): [number, number, number, number] => {
      const m = css.match(/[\d.]+/g)!.map(Number);
      return [m[0]!, m[1]!, m[2]!, m[3] ?? 1];
    };
    const luminance = ([r, g, b]: number[]) => {
      const lin = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
      return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
    };
    const background = (el: BrowserElement): number[] => {
      for (let node: BrowserElement | null = el; node; node = node.parentElement) {
        const bg = rgb(getComputedStyle(node).backgroundColor);
        if (bg[3] > 0.5) return bg;
      }
      return rgb(getComputedStyle(document.body).backgroundColor);
    };
    return elements
      .filter((el) => el.offsetParent !== null && el.textContent!.trim() !== '')
      .map((el) => {
        const style = getComputedStyle(el);
        const fg = luminance(rgb(style.color)) * parseFloat(style.opacity);
        const bg = luminance(background(el));
        const [hi, lo] = fg > bg ? [fg, bg] : [bg, fg];
        return { text: el.textContent!.trim().slice(0, 40), ratio: (hi + 0.05) / (lo + 0.05) };
      });
  });
}

// Disabled controls are exempt from WCAG 1.4.3 (inactive components), and are meant to look inactive.
const TEXT =
  '.headline, h1, h2, p, label, legend, [role="tab"], button:not(:disabled), .muted, .hint, .field-error, dd, dt';

for (const scheme of ['light', 'dark'] as const) {
  test(`${scheme} mode is readable`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    for (const tab of ['now', 'settings'] as const) {
      await openPanel(page, world(), tab);
      if (tab === 'settings') await page.getByTestId('settings-queue-url').fill('not a queue');
      const bodyBg = await page.evaluate(() => {
        const { document, getComputedStyle } = globalThis as unknown as BrowserGlobals;
        return getComputedStyle(document.body).backgroundColor;
      });
      const [r, g, b] = bodyBg.match(/\d+/g)!.map(Number);
      if (scheme === 'dark') expect(r! + g! + b!).toBeLessThan(150);
      else expect(r! + g! + b!).toBeGreaterThan(700);
      const low = (await contrasts(page, TEXT)).filter((c) => c.ratio < 4.5);
      expect(low, `${scheme} ${tab}: text below 4.5:1`).toEqual([]);
    }
  });
}

for (const locale of ['en', 'ja'] as const) {
  test.describe(`screenshots (${locale})`, () => {
    test.use({ locale: locale === 'ja' ? 'ja-JP' : 'en-US' });

    for (const scheme of ['light', 'dark'] as const) {
      test(`${scheme}`, async ({ page }) => {
        await page.emulateMedia({ colorScheme: scheme });
        for (const tab of ['now', 'dlq', 'history', 'settings'] as const) {
          await openPanel(page, world(), tab);
          await expect(page.getByTestId('panel-loading')).toHaveCount(0);
          await expect(page.locator('html')).toHaveAttribute('lang', locale);
          await screenshot(page, `${tab}-${locale}-${scheme}`);
        }
      });
    }
  });
}
