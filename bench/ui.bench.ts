/**
 * P6: 200,000 log lines in the real LogView, in Debian's Chromium, scrolled programmatically.
 *
 * The production build (out/renderer, built first if missing) is served with the headless server's
 * own static handler and CSP; `index.html?bench=200000` mounts LogView over generated lines (ANSI
 * colours, varied lengths) with no worker. Chromium runs with the frame-rate limit and vsync off, so
 * the time between requestAnimationFrame callbacks is the time to produce a frame (scroll handling,
 * React, style, layout, paint), not the display's 16.7 ms cadence. Two scroll patterns:
 * - steady: 120 px per frame, like a fast wheel or trackpad flick, through the whole log;
 * - jumps: a random position every frame (dragging the scrollbar), the worst case, every row new.
 * Goal: p95 frame time <= 16 ms (60 fps).
 *
 * Run alone: `node bench/ui.bench.ts` (Node 24).
 */
import { chromium } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { securityHeaders, serveStatic } from '../src-main/headless/static-files.ts';
import { chromiumLaunchOptions } from '../test/e2e/support/chromium.ts';
import type { Bench, BenchResult } from './support/bench-result.ts';
import { percentile, round as roundTo } from './support/stats.ts';

const LINES = 200_000;
const STEADY_FRAMES = 600;
const JUMP_FRAMES = 300;
const GOAL_MS = 16;
const root = join(import.meta.dirname, '..');
const rendererDir = join(root, 'out', 'renderer');

/** The page's globals, typed just enough (bench/ is type-checked without the DOM library). */
interface PageGlobals {
  readonly document: { querySelector(selector: string): ScrollBox | null };
  requestAnimationFrame(callback: (time: number) => void): number;
}
interface ScrollBox {
  scrollTop: number;
  readonly scrollHeight: number;
  readonly clientHeight: number;
}

export const run: Bench = async () => {
  ensureBuilt();
  const server = await serveRenderer();
  const port = (server.address() as AddressInfo).port;
  const launch = chromiumLaunchOptions();
  const browser = await chromium.launch({
    ...launch,
    args: [...(launch.args ?? []), '--disable-frame-rate-limit', '--disable-gpu-vsync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 440, height: 640 } });
    const started = Date.now();
    await page.goto(`http://127.0.0.1:${port}/?bench=${LINES}`);
    await page.locator(`[data-testid="log-view"][data-count="${LINES}"]`).waitFor();
    const mountMs = Date.now() - started;
    // Let the first layout and the follow-to-bottom scroll settle.
    await page.waitForTimeout(500);

    const measure = (pattern: 'steady' | 'jumps', frames: number) =>
      page.evaluate(
        ({ pattern, frames }) =>
          new Promise<number[]>((resolve) => {
            const page = globalThis as unknown as PageGlobals;
            const box = page.document.querySelector('[data-testid="log-view"]')!;
            const max = box.scrollHeight - box.clientHeight;
            box.scrollTop = 0;
            const deltas: number[] = [];
            let last = 0;
            let seed = 42;
            const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
            const frame = (time: number) => {
              if (last !== 0) deltas.push(time - last);
              last = time;
              if (deltas.length >= frames) return resolve(deltas);
              box.scrollTop = pattern === 'steady' ? (box.scrollTop + 120) % max : Math.floor(random() * max);
              page.requestAnimationFrame(frame);
            };
            page.requestAnimationFrame(frame);
          }),
        { pattern, frames },
      );

    await measure('steady', 60); // warm-up: JIT, style caches
    const steady = await measure('steady', STEADY_FRAMES);
    const jumps = await measure('jumps', JUMP_FRAMES);
    const rendered = await page.locator('[data-testid="log-line"]').count();

    return [
      p95Row('P6', `LogView ${LINES / 1000}k lines, steady scroll: p95 frame time`, steady, rendered),
      p95Row('P6', `LogView ${LINES / 1000}k lines, random jumps: p95 frame time`, jumps, rendered),
      {
        id: 'P6',
        name: `LogView ${LINES / 1000}k lines: median frame time (steady / jumps)`,
        value: roundTo(percentile(steady, 50), 2),
        unit: 'ms',
        goal: null,
        pass: null,
        note: `jumps median ${roundTo(percentile(jumps, 50), 2)} ms; worst frame ${roundTo(Math.max(...steady, ...jumps), 2)} ms`,
      },
      {
        id: 'P6',
        name: `LogView ${LINES / 1000}k lines: load and first render`,
        value: mountMs,
        unit: 'ms',
        goal: null,
        pass: null,
        note: 'page load, generating the lines in the page, first paint of the view',
      },
    ];
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
};

function p95Row(id: string, name: string, deltas: readonly number[], rendered: number): BenchResult {
  const value = roundTo(percentile(deltas, 95), 2);
  return {
    id,
    name,
    value,
    unit: 'ms',
    goal: `<= ${GOAL_MS}`,
    pass: value <= GOAL_MS,
    note: `${deltas.length} frames, Chromium uncapped (no vsync, software GL); ${rendered} line elements in the DOM`,
  };
}

function ensureBuilt(): void {
  if (existsSync(join(rendererDir, 'index.html'))) return;
  const result = spawnSync(join(root, 'node_modules', '.bin', 'electron-vite'), ['build'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('electron-vite build failed');
}

/** out/renderer with the headless server's own static handler and security headers (CSP included). */
async function serveRenderer(): Promise<Server> {
  const server = createServer((request, response) => {
    const port = (server.address() as AddressInfo).port;
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    serveStatic(rendererDir, path, response, securityHeaders(port)).catch(() => response.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return server;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const result of await run()) console.log(JSON.stringify(result));
}
