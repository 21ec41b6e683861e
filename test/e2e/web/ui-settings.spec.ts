// Settings in a real browser against `codingworker serve`: client-side validation inline, the
// language switch, following the system language, the GitHub token section the headless worker
// cannot serve, and "Check setup". None needs a running job.
import { expect, test } from '@playwright/test';
import { openPanel, screenshot, useUiWorld } from './ui-setup.ts';

const world = useUiWorld('ui-settings');

test('shows an inline error for an invalid queue URL, and clears it once fixed', async ({ page }) => {
  await openPanel(page, world(), 'settings');
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
  await openPanel(page, world(), 'settings');
  // The hint and the message name the limit the engine itself accepts (30 s), not a number of their own.
  await expect(page.getByTestId('settings-lease').locator('xpath=..')).toContainText(
    '30 to 43200. Extended every third of the lease',
  );
  await page.getByTestId('settings-lease').fill('29');
  await page.getByTestId('settings-concurrency').fill('two');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-invalid')).toBeVisible();
  await expect(page.locator('[data-testid="settings-error"][data-field="leaseSeconds"]')).toHaveText(
    'The lease must be at least 30 seconds.',
  );
  await expect(page.locator('[data-testid="settings-error"][data-field="concurrency"]')).toHaveText(
    'Enter a whole number.',
  );
  await expect(page.getByTestId('settings-lease')).toBeFocused();
});

test('offers the agent sandbox modes and checks the extra hosts inline (issue #10)', async ({ page }) => {
  await openPanel(page, world(), 'settings');
  const mode = page.getByTestId('settings-agent-sandbox');
  await expect(mode.locator('option')).toHaveText(['Automatic', 'Required', 'Off (unconfined)']);
  await mode.selectOption('required');
  const hosts = page.getByTestId('settings-agent-allowed-hosts');
  await hosts.fill('pypi.org\nftp://files.example.com');
  const error = page.locator('[data-testid="settings-error"][data-field="agentAllowedHosts"]');
  await expect(error).toHaveText('Each line must be a host, host:port, *.domain or an http(s) URL.');
  await hosts.fill('pypi.org\n*.npmjs.org');
  await expect(error).toHaveCount(0);
});

test('switches the whole UI to Japanese and back', async ({ page }) => {
  await openPanel(page, world(), 'settings');
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
    await openPanel(page, world(), 'now');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
    await expect(page.getByTestId('tab-now')).toHaveText(/現在/);
    await expect(page.getByTestId('current-job-empty')).toContainText('実行中のジョブはありません');
  });
});

test('explains that the headless worker cannot store a GitHub token, with the token inputs disabled', async ({
  page,
}) => {
  await openPanel(page, world(), 'settings');
  const section = page.getByRole('group', { name: 'GitHub token' });
  await section.scrollIntoViewIfNeeded();
  await expect(section).toContainText('reads its token from GITHUB_TOKEN or `gh auth token`');
  await expect(section).toContainText('cannot store tokens');
  const token = page.getByTestId('settings-token');
  await expect(token).toHaveAttribute('type', 'password');
  await expect(token).toHaveAttribute('autocomplete', 'off');
  await expect(token).toHaveValue('');
  await expect(token).toBeDisabled();
  // The explanation is the field's description, so a screen reader gives it with the field.
  await expect(token).toHaveAccessibleDescription(/cannot store tokens/);
  await expect(page.getByTestId('settings-token-save')).toBeDisabled();
  await expect(page.getByTestId('settings-token-remove')).toBeDisabled();
  await expect(page.getByTestId('settings-token-result')).toHaveCount(0);
  await expect(page.getByTestId('settings-token-error')).toHaveCount(0);
});

test('in the app, checks the token, keeps it only in the password field and empties it once stored', async ({
  page,
}) => {
  // The built renderer as the Electron window runs it: a stand-in preload answers the token
  // commands (first the Linux basic-text refusal, then success) and records what it was sent.
  await page.addInitScript(() => {
    const window = globalThis as unknown as Record<string, unknown>;
    const calls: { command: string; params: unknown }[] = [];
    const saves = [
      { stored: false, reason: 'basic-text' },
      { stored: true, reason: null },
    ];
    const answer = (command: string): unknown =>
      command === 'setGitHubToken'
        ? saves.shift()
        : command === 'clearGitHubToken'
          ? { cleared: true }
          : undefined;
    window.tokenCalls = calls;
    window.codingWorker = new Proxy(
      {},
      {
        get: (_target, name) =>
          name === 'onEvent'
            ? () => () => {}
            : (params: unknown) => {
                const command = String(name);
                calls.push({ command, params });
                const result = answer(command);
                // Other commands never answer: the panels stay loading, which this spec does not need.
                return result === undefined ? new Promise(() => {}) : Promise.resolve(result);
              },
      },
    );
  });
  await openPanel(page, world(), 'settings');
  const token = page.getByTestId('settings-token');
  const save = page.getByTestId('settings-token-save');
  const error = page.getByTestId('settings-token-error');
  const result = page.getByTestId('settings-token-result');
  const tokenCalls = () =>
    page.evaluate(() =>
      (globalThis as unknown as { tokenCalls: { command: string; params: unknown }[] }).tokenCalls.filter(
        (call) => call.command.endsWith('GitHubToken'),
      ),
    );
  await expect(token).toBeEnabled();
  await expect(token).toHaveAttribute('type', 'password');
  await expect(page.getByRole('group', { name: 'GitHub token' })).not.toContainText('cannot store tokens');

  await save.click();
  await expect(error).toHaveText('Paste a token first.');
  await expect(token).toHaveAttribute('aria-invalid', 'true');
  await expect(token).toBeFocused();
  await token.fill('ghp_short');
  await expect(error).toHaveCount(0);
  await save.click();
  await expect(error).toHaveText(/Too short/);
  await token.fill('ghp_with space_0123456789abcdef');
  await save.click();
  await expect(error).toHaveText('A token has no spaces or line breaks.');
  expect(await tokenCalls()).toEqual([]);

  const secret = 'ghp_e2eFakeToken0123456789abcdefABCDEF';
  await token.fill(secret);
  await token.press('Enter');
  await expect(result).toHaveAttribute('data-result', 'basic-text');
  await expect(result).toContainText('Linux basic text storage');
  await expect(token).toHaveValue(secret);
  // Uncontrolled: the token is in the input's value only, never in an attribute or the page's text.
  expect(await page.content()).not.toContain(secret);

  await save.click();
  await expect(result).toHaveAttribute('data-result', 'stored');
  await expect(result).toHaveText('Saved in the keychain. Restart CodingWorker to use it.');
  await expect(token).toHaveValue('');

  await page.getByTestId('settings-token-remove').click();
  await expect(result).toHaveAttribute('data-result', 'removed');
  expect(await tokenCalls()).toEqual([
    { command: 'setGitHubToken', params: { token: secret } },
    { command: 'setGitHubToken', params: { token: secret } },
    { command: 'clearGitHubToken', params: {} },
  ]);
  expect(await page.content()).not.toContain(secret);
});

test('runs "Check setup" and shows each result, or why it could not', async ({ page }) => {
  await openPanel(page, world(), 'settings');
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
