// The real app under Electron. Runs where an Electron binary exists (the macOS CI job); elsewhere
// every test is skipped with the reason printed.
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  LOCAL_CREDENTIALS,
  startLocalSqs,
  type LocalSqs,
} from '../../../src-main/engine/sandbox/local-sqs.ts';
import { electronBinary } from '../support/electron-binary.ts';

const binary = electronBinary();
if ('skip' in binary) console.log(`[electron e2e] skipped: ${binary.skip}`);
test.skip('skip' in binary, 'skip' in binary ? binary.skip : '');

/** What main.ts exposes to app.evaluate with --test-hooks (main process only, never the page). */
interface TestHooks {
  toggleWindow(): void;
  trayState(): string | null;
  snapshot(): { pause: { paused: boolean; reason: string | null } } | null;
}
interface PageGlobals {
  codingWorker?: Record<string, unknown>;
  open(url: string): unknown;
  location: { href: string };
  document: {
    querySelector(selector: string): { getAttribute(name: string): string | null } | null;
    createElement(tag: string): { textContent: string };
    head: { appendChild(node: unknown): void };
    addEventListener(type: string, listener: (event: { violatedDirective: string }) => void): void;
  };
}

let sqs: LocalSqs;
let app: ElectronApplication;
let window: Page;

test.beforeAll(async () => {
  sqs = await startLocalSqs();
  const { queueUrl } = await sqs.createQueuePair('electron-e2e');
  app = await electron.launch({
    executablePath: 'path' in binary ? binary.path : undefined,
    args: ['out/main/main.js', '--show-window', '--test-hooks'],
    env: {
      ...process.env,
      CODINGWORKER_USER_DATA_DIR: mkdtempSync(join(tmpdir(), 'codingworker-electron-')),
      CODINGWORKER_QUEUE_URL: queueUrl,
      CODINGWORKER_REPOSITORIES: 'octo/app',
      AWS_ENDPOINT_URL_SQS: sqs.endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      // No GitHub is needed here: a placeholder token, and an API address that refuses at once.
      GITHUB_TOKEN: 'ghp_placeholder_token_for_the_electron_specs',
      GITHUB_API_URL: 'http://127.0.0.1:9',
    },
  });
  window = await app.firstWindow();
});

test.afterAll(async () => {
  await app?.close();
  await sqs?.stop();
});

const hooks = <T>(call: (hooks: TestHooks) => T) =>
  app.evaluate((_electron, source) => {
    const run = new Function('hooks', `return (${source})(hooks);`) as (hooks: TestHooks) => T;
    return run((globalThis as unknown as { codingWorkerTestHooks: TestHooks }).codingWorkerTestHooks);
  }, call.toString());

test('launches and connects the window to the worker', async () => {
  await expect(window.getByTestId('connection')).toHaveAttribute('data-state', 'connected');
  await expect(window.getByTestId('queue-depth')).toHaveAttribute('data-count', '0');
});

test('runs the page isolated and sandboxed, without Node', async () => {
  // Every page process runs in the OS sandbox (reported on macOS and Windows).
  const tabs = await app.evaluate(({ app }) =>
    app
      .getAppMetrics()
      .filter((metric) => metric.type === 'Tab')
      .map((metric) => metric.sandboxed ?? null),
  );
  expect(tabs.length).toBeGreaterThan(0);
  for (const sandboxed of tabs) expect(sandboxed).not.toBe(false);
  const exposed = await window.evaluate(() => ({
    require: typeof (globalThis as { require?: unknown }).require,
    process: typeof (globalThis as { process?: unknown }).process,
    verbs: Object.keys((globalThis as unknown as PageGlobals).codingWorker ?? {}).sort(),
  }));
  expect(exposed.require).toBe('undefined');
  expect(exposed.process).toBe('undefined');
  expect(exposed.verbs).toContain('pause');
  expect(exposed.verbs).toContain('onEvent');
  expect(exposed.verbs).not.toContain('invoke');
  expect(exposed.verbs).not.toContain('ipcRenderer');
});

test('denies window.open and navigation away from the app', async () => {
  const before = window.url();
  expect(
    await window.evaluate(() => (globalThis as unknown as PageGlobals).open('https://example.com/') === null),
  ).toBe(true);
  // Wait for the shell to decide on the navigation (its will-navigate handler runs before ours),
  // not for a fixed time.
  await app.evaluate(({ BrowserWindow }) => {
    const seen: boolean[] = [];
    (globalThis as unknown as { navigationsSeen: boolean[] }).navigationsSeen = seen;
    BrowserWindow.getAllWindows()[0]!.webContents.once('will-navigate', (event) =>
      seen.push(event.defaultPrevented),
    );
  });
  await window.evaluate(() => {
    (globalThis as unknown as PageGlobals).location.href = 'https://example.com/';
  });
  await expect
    .poll(() => app.evaluate(() => (globalThis as unknown as { navigationsSeen: boolean[] }).navigationsSeen))
    .toEqual([true]);
  expect(window.url()).toBe(before);
  expect(app.windows()).toHaveLength(1);
});

test('enforces the CSP: an injected inline script does not run', async () => {
  const csp = await window.evaluate(
    () =>
      (globalThis as unknown as PageGlobals).document
        .querySelector('meta[http-equiv="Content-Security-Policy"]')
        ?.getAttribute('content') ?? '',
  );
  expect(csp).toContain("script-src 'self'");
  const violated = await window.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const page = globalThis as unknown as PageGlobals & { injected?: boolean };
        page.document.addEventListener('securitypolicyviolation', (event) =>
          resolve(event.violatedDirective),
        );
        const script = page.document.createElement('script');
        script.textContent = 'globalThis.injected = true';
        // An inserted inline script runs at once if allowed; if blocked, the violation event follows.
        page.document.head.appendChild(script);
        if (page.injected) resolve('ran');
      }),
  );
  expect(violated).toMatch(/^script-src/);
});

test('opens and closes the tray window from the icon', async () => {
  const visible = () => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.isVisible());
  expect(['idle', 'working', 'paused', 'offline']).toContain(await hooks((h) => h.trayState()));
  const was = await visible();
  await hooks((h) => h.toggleWindow());
  await expect.poll(visible).toBe(!was);
  await hooks((h) => h.toggleWindow());
  await expect.poll(visible).toBe(was);
});

test('pausing from the UI pauses the worker and changes the tray icon', async () => {
  await window.getByTestId('pause-button').click();
  await expect(window.getByTestId('worker-status')).toHaveAttribute('data-paused', 'true');
  await expect.poll(() => hooks((h) => h.snapshot()?.pause.paused ?? false)).toBe(true);
  await expect.poll(() => hooks((h) => h.trayState())).toBe('paused');

  await window.getByTestId('resume-button').click();
  await expect(window.getByTestId('worker-status')).toHaveAttribute('data-paused', 'false');
  await expect.poll(() => hooks((h) => h.trayState())).not.toBe('paused');
});
