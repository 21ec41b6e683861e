// `codingworker sandbox` — what `npm run sandbox` runs — started for real as a subprocess, then used
// in Chromium as a newcomer would: open the printed URL after the sample job has finished, send
// another sample, pause "stop now" and cancel it, and read what History and Check setup say.
import { expect, test, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { TRAY_VIEWPORT } from './ui-setup.ts';

const CLI = fileURLToPath(new URL('../../../src-main/cli.ts', import.meta.url));

interface SandboxProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly dataDir: string;
  readonly tempDir: string;
  readonly output: string[];
  /** Resolves with the first output line matching, waiting for it if need be. */
  line(pattern: RegExp): Promise<string>;
}

async function startSandboxCommand(): Promise<SandboxProcess> {
  // Its own temporary folder, so the test can see that nothing is left behind in it.
  const tempDir = mkdtempSync(join(tmpdir(), 'cw-e2e-sandbox-tmp-'));
  const child = spawn(process.execPath, [CLI, 'sandbox', '--port', '0'], {
    env: { PATH: process.env.PATH ?? '', HOME: tempDir, TMPDIR: tempDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const waiters: Array<{ pattern: RegExp; resolve: (line: string) => void }> = [];
  const onLine = (line: string) => {
    output.push(line);
    for (const waiter of [...waiters])
      if (waiter.pattern.test(line)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
  };
  createInterface({ input: child.stdout! }).on('line', onLine);
  createInterface({ input: child.stderr! }).on('line', onLine);
  const line = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const seen = output.find((text) => pattern.test(text));
      if (seen) return resolve(seen);
      waiters.push({ pattern, resolve });
      child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}:\n${output.join('\n')}`)));
    });
  const url = /CodingWorker UI: (\S+)/.exec(await line(/CodingWorker UI: /))![1]!;
  const dataDir = /data:\s+(\S+)/.exec(await line(/^\s+data:/))![1]!;
  return { child, url, dataDir, tempDir, output, line };
}

let sandbox: SandboxProcess;
test.beforeAll(async () => {
  sandbox = await startSandboxCommand();
});
test.afterAll(async () => {
  if (sandbox?.child.exitCode === null) {
    sandbox.child.kill('SIGKILL');
    await once(sandbox.child, 'exit');
  }
});
test.use({ viewport: TRAY_VIEWPORT });
test.describe.configure({ mode: 'serial' });

async function open(page: Page, tab: 'now' | 'dlq' | 'history' | 'settings'): Promise<void> {
  const url = new URL(sandbox.url);
  url.hash = tab;
  await page.goto(url.href);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'connected');
}

test('opened after the sample job has finished, the Now tab shows that job, its outcome and its log', async ({
  page,
}) => {
  test.setTimeout(120_000);
  // The sandbox prints one line per finished job; only then is the page opened.
  const done = await sandbox.line(/done\s+\S+ sandbox\/demo#1: /);
  expect(done).toContain('branch pushed: no pull request (the sandbox has no GitHub)');
  await open(page, 'now');
  await expect(page.getByTestId('current-job-empty')).toBeVisible();
  const last = page.getByTestId('last-job');
  await expect(last).toHaveAttribute('data-outcome', 'pushed');
  await expect(last).toContainText('Branch pushed — no pull request');
  await expect(last).toContainText('#1 Add a friendly greeting to the README');
  await expect(page.getByTestId('last-job-reason')).toContainText(
    'no pull request (the sandbox has no GitHub); branch ai-task/issue-1 pushed to the demo repository',
  );
  await expect(page.getByTestId('log-line').filter({ hasText: 'Applied edit to README.md' })).toBeVisible();

  // A long line is cut at the right edge until "Wrap" wraps it inside the log.
  const view = page.getByTestId('log-view');
  const long = page.getByTestId('log-line').filter({ hasText: 'No pull request opened' });
  await expect(long).toBeVisible();
  const frame = (await view.boundingBox())!;
  expect((await long.boundingBox())!.height).toBeLessThan(20);
  expect((await long.boundingBox())!.width).toBeGreaterThan(frame.width);
  await page.getByTestId('log-wrap').click();
  await expect(view).toHaveAttribute('data-wrap', 'true');
  await expect(page.getByTestId('log-wrap')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => (await long.boundingBox())!.height).toBeGreaterThan(30);
  const wrapped = (await long.boundingBox())!;
  expect(wrapped.x + wrapped.width).toBeLessThanOrEqual(frame.x + frame.width + 1);
  // Nothing links to github.com: the sandbox's issues and branches live on this machine.
  await expect(page.locator('a[href*="github.com"]')).toHaveCount(0);
  await expect(page.getByTestId('sandbox-bar')).toContainText('Sandbox — no AWS, no GitHub');
});

test('"Send a sample issue" starts a job whose log streams; pause "stop now" and cancel work on it', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await open(page, 'now');
  await page.getByTestId('send-sample-issue').click();
  await expect(page.getByTestId('sample-issue-sent')).toContainText('Sample issue #2 is on the queue.');
  const job = page.getByTestId('current-job');
  await expect(job).toContainText('#2 Mention how to run the demo');
  await expect(page.getByTestId('job-phase')).toHaveAttribute('data-phase', 'running-agent', {
    timeout: 30_000,
  });
  // The log streams: progress lines keep arriving while the demo agent works.
  await expect(page.getByTestId('log-line').filter({ hasText: /\[\s*\d+%\] .* \(2 of 24 s\)/ })).toBeVisible({
    timeout: 20_000,
  });
  const count = Number(await page.getByTestId('log-view').getAttribute('data-count'));
  await expect
    .poll(async () => Number(await page.getByTestId('log-view').getAttribute('data-count')))
    .toBeGreaterThan(count);

  // Pause "stop now": the job stops and its message goes back; nothing new is taken.
  await page.getByTestId('pause-mode').selectOption('stop-now');
  await page.getByTestId('pause-button').click();
  await expect(page.getByTestId('worker-status')).toHaveAttribute('data-paused', 'true');
  await expect(page.getByTestId('current-job-empty')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('last-job')).toHaveAttribute('data-outcome', 'released');

  // Resume: the message is taken again; cancel it for good this time (to the DLQ).
  await page.getByTestId('resume-button').click();
  await expect(job).toContainText('#2 Mention how to run the demo', { timeout: 30_000 });
  await expect(page.getByTestId('job-phase')).toHaveAttribute('data-phase', 'running-agent', {
    timeout: 30_000,
  });
  await page.getByTestId('cancel-button').click();
  await expect(page.getByTestId('cancel-release-hint')).toContainText('picked up again right away');
  await page.getByTestId('cancel-discard').click();
  await page.getByTestId('confirm-button').click();
  await expect(page.getByTestId('current-job-empty')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('last-job')).toHaveAttribute('data-outcome', 'quarantined');
});

test('History tells the truth about each sandbox job, and the DLQ links nowhere', async ({ page }) => {
  await open(page, 'history');
  const items = page.getByTestId('history-item');
  await expect(items).toHaveCount(3);
  await expect(items.nth(0)).toHaveAttribute('data-outcome', 'quarantined');
  await expect(items.nth(1)).toHaveAttribute('data-outcome', 'released');
  await expect(items.nth(2)).toHaveAttribute('data-outcome', 'pushed');
  await expect(items.nth(2)).toContainText('Branch pushed — no pull request');
  await expect(page.getByText('Pull request opened')).toHaveCount(0);
  await expect(page.getByTestId('history-pr-link')).toHaveCount(0);

  await open(page, 'dlq');
  const item = page.getByTestId('dlq-item').filter({ hasText: '#2' });
  await expect(item).toBeVisible({ timeout: 20_000 });
  await expect(item.getByTestId('dlq-reason')).toContainText('cancelled by user');
  await expect(item.getByTestId('dlq-open-issue')).toHaveCount(0);
});

test("Check setup reports the sandbox's own parts: nothing fails, AWS and GitHub are not needed", async ({
  page,
}) => {
  await open(page, 'settings');
  await page.getByTestId('check-setup').click();
  const checks = page.getByTestId('doctor-check');
  await expect(checks.first()).toBeVisible();
  await expect(checks.and(page.locator('[data-status="fail"]'))).toHaveCount(0);
  await expect(checks.and(page.locator('[data-id="aws-credentials"]'))).toContainText('Not needed');
  await expect(checks.and(page.locator('[data-id="github-token"]'))).toContainText('Not needed');
  await expect(checks.and(page.locator('[data-id="queue"]'))).toContainText('Reachable');
  await expect(checks.and(page.locator('[data-id="demo-repository"]'))).toContainText('ai-task/issue-1');
});

test('stops on Ctrl-C and leaves no temporary folder behind', async () => {
  expect(existsSync(sandbox.dataDir)).toBe(true);
  expect(sandbox.dataDir.startsWith(sandbox.tempDir)).toBe(true);
  sandbox.child.kill('SIGINT');
  const [code] = await once(sandbox.child, 'exit');
  expect(code).toBe(0);
  expect(existsSync(sandbox.dataDir)).toBe(false);
  expect(readdirSync(sandbox.tempDir).filter((name) => name.startsWith('codingworker-'))).toEqual([]);
});
