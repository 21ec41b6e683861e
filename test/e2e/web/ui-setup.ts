/**
 * Shared setup of the UI specs: an embedded SQS (fauxqs) and the real `codingworker serve`, and a
 * helper that takes screenshots (light and dark, English and Japanese). Tests never modify tracked
 * files: the pictures go to .cache/screenshots/ (ignored), and only `npm run screenshots` writes
 * docs/screenshots/ on purpose (scripts/screenshots.ts sets CODINGWORKER_SCREENSHOTS_DIR).
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  LOCAL_CREDENTIALS,
  startLocalSqs,
  type LocalSqs,
} from '../../../src-main/engine/sandbox/local-sqs.ts';
import { startServe, type ServeProcess } from '../support/serve-process.ts';

export interface UiWorld {
  readonly sqs: LocalSqs;
  readonly serve: ServeProcess;
  readonly queueUrl: string;
  stop(): Promise<void>;
}

export async function startUiWorld(name: string): Promise<UiWorld> {
  const sqs = await startLocalSqs();
  const { queueUrl } = await sqs.createQueuePair(name);
  const serve = await startServe({
    CODINGWORKER_QUEUE_URL: queueUrl,
    AWS_ENDPOINT_URL_SQS: sqs.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    CODINGWORKER_REPOSITORIES: 'octo/app',
    // These specs need no GitHub: a placeholder token, and an API address that refuses at once.
    GITHUB_TOKEN: 'ghp_placeholder_token_for_the_ui_specs_0000',
    GITHUB_API_URL: 'http://127.0.0.1:9',
    CODINGWORKER_DATA_DIR: `/tmp/codingworker-e2e-ui-${name}-${process.pid}`,
  });
  return {
    sqs,
    serve,
    queueUrl,
    async stop() {
      await serve.stop();
      await sqs.stop();
    },
  };
}

/**
 * One world for a spec file: started before its tests, stopped after them, at the tray window's
 * size. Read `world()` inside tests.
 */
export function useUiWorld(name: string): () => UiWorld {
  let world: UiWorld | undefined;
  test.beforeAll(async () => {
    world = await startUiWorld(name);
  });
  test.afterAll(async () => {
    await world?.stop();
  });
  test.use({ viewport: TRAY_VIEWPORT });
  return () => world!;
}

/** The UI at a panel, once connected. */
export async function openPanel(
  page: Page,
  world: UiWorld,
  tab: 'now' | 'dlq' | 'history' | 'settings',
): Promise<void> {
  const url = new URL(world.serve.url);
  url.hash = tab;
  await page.goto(url.href);
  await page.getByTestId('connection').and(page.locator('[data-state="connected"]')).waitFor();
}

/** Where screenshots go: an ignored folder, unless `npm run screenshots` asks for docs/screenshots. */
export const SCREENSHOTS_DIR = process.env.CODINGWORKER_SCREENSHOTS_DIR
  ? resolve(process.env.CODINGWORKER_SCREENSHOTS_DIR)
  : join(process.cwd(), '.cache', 'screenshots');

/**
 * Saves <SCREENSHOTS_DIR>/<name>.png: the window-sized view the tray window would show. The page
 * must not show where this checkout or its Node live: pictures in the docs show neutral paths.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const text = await page.locator('body').innerText();
  expect(text, `${name} shows a local path`).not.toContain('node_modules');
  expect(text, `${name} shows a local path`).not.toContain(process.cwd());
  // Let transitions and the spinner settle so the picture is stable.
  await page.waitForTimeout(150);
  await page.screenshot({ path: join(SCREENSHOTS_DIR, `${name}.png`), animations: 'disabled' });
}

/** The tray window's size (src-main/electron/web-preferences.ts). */
export const TRAY_VIEWPORT = { width: 440, height: 640 } as const;

/**
 * Browser globals, typed just enough for page.evaluate callbacks: the e2e specs are type-checked
 * without the DOM library (tsconfig.electron.json). Use as `globalThis as unknown as BrowserGlobals`.
 */
export interface BrowserElement {
  readonly tagName: string;
  readonly textContent: string | null;
  readonly parentElement: BrowserElement | null;
  readonly offsetParent: unknown;
  getAttribute(name: string): string | null;
}

export interface BrowserGlobals {
  readonly document: {
    readonly activeElement: BrowserElement | null;
    readonly body: BrowserElement;
    querySelectorAll(selector: string): ArrayLike<BrowserElement>;
  };
  getComputedStyle(element: BrowserElement): {
    readonly color: string;
    readonly backgroundColor: string;
    readonly opacity: string;
    readonly outlineStyle: string;
    readonly outlineWidth: string;
  };
}
