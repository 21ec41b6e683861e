// The Japanese screenshots in docs/screenshots/ must show Japanese, not boxes: on a machine without
// CJK fonts Chromium draws "tofu" and a regenerated picture would silently ruin the docs. Each
// checked-in *-ja-* picture's tab labels are compared with the live UI drawn here (with
// fonts-noto-cjk, as .ci/run installs), and that live drawing with a tofu drawing of the same labels
// (characters no font has), so the check knows what boxes look like and fails on them.
import { expect, test, type Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openPanel, useUiWorld } from './ui-setup.ts';

const DOCS = join(process.cwd(), 'docs', 'screenshots');
const world = useUiWorld('screenshots-cjk');
test.use({ locale: 'ja-JP' });

/** Tab labels without a badge (Now and DLQ show counts, which vary between pictures). */
const LABELS = ['tab-history', 'tab-settings'] as const;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

async function labelsBox(page: Page): Promise<Box> {
  const boxes = await Promise.all(LABELS.map((id) => page.getByTestId(id).boundingBox()));
  const [a, b] = boxes as [Box, Box];
  const x = Math.floor(Math.min(a.x, b.x));
  const y = Math.floor(Math.min(a.y, b.y));
  return {
    x,
    y,
    width: Math.ceil(Math.max(a.x + a.width, b.x + b.width)) - x,
    height: Math.ceil(Math.max(a.y + a.height, b.y + b.height)) - y,
  };
}

/** Replaces each character of the labels' text with one from the Private Use Area: no glyph, a box. */
async function drawAsTofu(page: Page): Promise<void> {
  for (const id of LABELS) {
    await page.getByTestId(id).evaluate((element: { textContent: string | null }) => {
      const text = element.textContent ?? '';
      element.textContent = [...text].map((_, i) => String.fromCodePoint(0xe000 + i)).join('');
    });
  }
}

/**
 * Share of pixels (0..1) that differ clearly between the live crop and the same-sized region of a
 * picture, at the best vertical offset within ±24 px (a header line more or less moves the tabs).
 */
async function difference(page: Page, live: Buffer, picture: Buffer, box: Box): Promise<number> {
  return page.evaluate(
    async ({ live, picture, box }) => {
      const g = globalThis as unknown as {
        Image: new () => { src: string; decode(): Promise<void>; width: number; height: number };
        document: {
          createElement(tag: 'canvas'): {
            width: number;
            height: number;
            getContext(kind: '2d'): {
              drawImage(image: unknown, x: number, y: number): void;
              getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
            };
          };
        };
      };
      const pixels = async (base64: string) => {
        const image = new g.Image();
        image.src = `data:image/png;base64,${base64}`;
        await image.decode();
        const canvas = g.document.createElement('canvas');
        canvas.width = image.width;
        canvas.height = image.height;
        const context = canvas.getContext('2d');
        context.drawImage(image, 0, 0);
        return { context, width: image.width, height: image.height };
      };
      const a = await pixels(live);
      const b = await pixels(picture);
      const crop = a.context.getImageData(0, 0, box.width, box.height).data;
      let best = 1;
      for (let dy = -24; dy <= 24; dy += 1) {
        const top = box.y + dy;
        if (top < 0 || top + box.height > b.height || box.x + box.width > b.width) continue;
        const other = b.context.getImageData(box.x, top, box.width, box.height).data;
        let differing = 0;
        for (let i = 0; i < crop.length; i += 4) {
          const delta = Math.max(
            Math.abs(crop[i]! - other[i]!),
            Math.abs(crop[i + 1]! - other[i + 1]!),
            Math.abs(crop[i + 2]! - other[i + 2]!),
          );
          if (delta > 64) differing += 1;
        }
        best = Math.min(best, differing / (crop.length / 4));
      }
      return best;
    },
    { live: live.toString('base64'), picture: picture.toString('base64'), box },
  );
}

const pictures = readdirSync(DOCS).filter((name) => /-ja-(light|dark)\.png$/.test(name));

test('docs/screenshots holds Japanese pictures to check', () => {
  expect(pictures.length).toBeGreaterThanOrEqual(4);
});

for (const name of pictures) {
  test(`${name} shows Japanese glyphs, not boxes`, async ({ page }) => {
    const scheme = name.includes('-dark') ? 'dark' : 'light';
    const tab = name.split('-')[0] as 'now' | 'dlq' | 'history' | 'settings';
    await page.emulateMedia({ colorScheme: scheme });
    await openPanel(page, world(), tab);
    await expect(page.getByTestId('tab-history')).toHaveText('履歴');
    const box = await labelsBox(page);
    const live = await page.screenshot({ clip: box, animations: 'disabled' });
    // The app may redraw its tabs (a snapshot arrives) between the change and the picture: retry.
    let tofu = live;
    await expect(async () => {
      await drawAsTofu(page);
      for (const id of LABELS) await expect(page.getByTestId(id)).toHaveText(/^\uE000\uE001$/);
      tofu = await page.screenshot({ clip: box, animations: 'disabled' });
      // The live labels really are glyphs: they differ clearly from boxes (else: apt-get install fonts-noto-cjk).
      expect(
        await difference(page, live, tofu, { ...box, x: 0, y: 24 }),
        'live labels vs tofu',
      ).toBeGreaterThan(0.02);
    }).toPass({ timeout: 20_000 });
    await page.reload();

    const checkedIn = readFileSync(join(DOCS, name));
    // The picture shows what the live UI shows, not boxes.
    expect(await difference(page, live, checkedIn, box), `${name} vs the live labels`).toBeLessThan(0.01);
    expect(await difference(page, tofu, checkedIn, box), `${name} vs tofu`).toBeGreaterThan(0.02);
  });
}
