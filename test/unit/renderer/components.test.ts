// The React components rendered to HTML in plain Node (react-dom/server; no DOM, no effects): what
// they show first, and that they build their markup from data, never from HTML strings.
//
// Type-checked by tsconfig.renderer.json (it has JSX), not tsconfig.node.json, so every component's
// props are checked here as in the app.
import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Bridge } from '../../../shared/bridge.ts';
import type { LogLine } from '../../../shared/log-line.ts';
import { defaultSettings } from '../../../shared/settings.ts';
import { Tabs } from '../../../src-renderer/app/Tabs.tsx';
import { BridgeContext } from '../../../src-renderer/common/bridge-context.ts';
import { I18nContext, translator } from '../../../src-renderer/i18n/i18n.ts';
import { CurrentJobPanel } from '../../../src-renderer/job/CurrentJobPanel.tsx';
import { JobCard } from '../../../src-renderer/job/JobCard.tsx';
import { LogLineView } from '../../../src-renderer/log/LogLineView.tsx';
import { LogStore } from '../../../src-renderer/log/log-store.ts';
import { SettingsPanel, SettingsPanelView } from '../../../src-renderer/settings/SettingsPanel.tsx';
import { StatusHeader } from '../../../src-renderer/status/StatusHeader.tsx';
import { job, paused, snapshot } from '../electron/support.ts';

function bridge(host: 'web' | 'electron'): Bridge {
  return { host, invoke: () => new Promise(() => {}), onEvent: () => () => {}, onConnection: () => () => {} };
}

function render(
  element: ReactNode,
  options: { host?: 'web' | 'electron'; locale?: 'en' | 'ja' } = {},
): string {
  const locale = options.locale ?? 'en';
  return renderToStaticMarkup(
    createElement(
      I18nContext.Provider,
      { value: { locale, t: translator(locale), setting: locale, setSetting: () => {} } },
      createElement(BridgeContext.Provider, { value: bridge(options.host ?? 'web') }, element),
    ),
  );
}

describe('status header', () => {
  it('shows the state, the pause controls and approximate depths', () => {
    const html = render(
      createElement(StatusHeader, {
        snapshot: snapshot({
          stats: { queue: { visible: 3, inFlight: 1, delayed: 0 }, dlq: null, updatedAt: null },
        }),
        connection: 'connected',
      }),
    );
    expect(html).toContain('data-testid="worker-status"');
    expect(html).toContain('Listening for tasks');
    expect(html).toContain('data-testid="pause-button"');
    expect(html).toMatch(/data-testid="queue-depth" data-count="3"[^>]*><abbr[^>]*>≈<\/abbr> 3 waiting/);
    expect(html).toMatch(/data-testid="dlq-depth" data-count="">unknown/);
  });

  it('offers resume, and says why, when paused on battery', () => {
    const html = render(
      createElement(StatusHeader, {
        snapshot: snapshot({ pause: paused('battery') }),
        connection: 'connected',
      }),
    );
    expect(html).toContain('Paused: on battery');
    expect(html).toContain('data-testid="resume-button"');
    expect(html).not.toContain('data-testid="pause-button"');
  });

  it('speaks Japanese', () => {
    const html = render(createElement(StatusHeader, { snapshot: snapshot(), connection: 'connected' }), {
      locale: 'ja',
    });
    expect(html).toContain('タスクを待機中');
  });
});

describe('current job', () => {
  it('shows an empty state with no job', () => {
    const html = render(createElement(CurrentJobPanel, { snapshot: snapshot(), store: new LogStore() }));
    expect(html).toContain('data-testid="current-job-empty"');
    expect(html).toContain('No job running');
  });

  it('links the issue as a plain new-tab link in the browser', () => {
    const html = render(createElement(JobCard, { job: job(), snapshot: snapshot(), selected: true }));
    expect(html).toContain(
      '<a href="https://github.com/octo/app/issues/12" target="_blank" rel="noopener noreferrer" data-testid="job-issue-link">',
    );
    expect(html).toContain('data-testid="job-phase" data-phase="running-agent"');
    expect(html).toContain('data-testid="cancel-button"');
  });

  it('asks the shell to open the issue in Electron (a button, not a link)', () => {
    const html = render(createElement(JobCard, { job: job(), snapshot: snapshot(), selected: true }), {
      host: 'electron',
    });
    expect(html).not.toContain('<a ');
    expect(html).toMatch(
      /<button type="button" class="link" data-testid="job-issue-link" data-href="https:\/\/github.com\/octo\/app\/issues\/12">/,
    );
  });

  it('shows no link for an issue it cannot build a safe URL for', () => {
    const odd = job({ issue: { repository: 'javascript:alert(1)//x', number: 1, title: 'x' } });
    const html = render(createElement(JobCard, { job: odd, snapshot: snapshot(), selected: true }));
    expect(html).not.toContain('job-issue-link');
    expect(html).not.toContain('href');
  });

  it('shows a stopping job without the cancel button', () => {
    const html = render(
      createElement(JobCard, { job: job({ stopping: 'lease lost' }), snapshot: snapshot(), selected: true }),
    );
    expect(html).toContain('Stopping: lease lost');
    expect(html).not.toContain('cancel-button');
  });
});

describe('log line', () => {
  const line = (text: string): LogLine => ({ n: 7, at: '', stream: 'stdout', text });

  it('renders colours as classes and markup as text', () => {
    const html = render(
      createElement(LogLineView, {
        line: line('\u001b[31m<img src=x onerror=alert(1)>\u001b[0m ok'),
        query: '',
        current: false,
        top: 0,
      }),
    );
    expect(html).toContain('<span class="ansi-fg-1">&lt;img src=x onerror=alert(1)&gt;</span>');
    expect(html).not.toContain('<img');
  });

  it('highlights search matches', () => {
    const html = render(
      createElement(LogLineView, { line: line('an Error here'), query: 'error', current: true, top: 18 }),
    );
    expect(html).toContain('<mark>Error</mark>');
    expect(html).toContain('current-match');
    expect(html).toContain('data-n="7"');
  });
});

describe('tabs', () => {
  it('are a tablist with one tab stop on the selected tab', () => {
    const html = render(createElement(Tabs, { current: 'dlq', onSelect: () => {}, badges: { dlq: 2 } }));
    expect(html).toContain('role="tablist"');
    expect(html.match(/role="tab"/g)).toHaveLength(4);
    expect(html).toMatch(/aria-selected="true" aria-controls="panel-dlq" tabindex="0"/);
    expect(html.match(/tabindex="-1"/g)).toHaveLength(3);
  });
});

describe('settings', () => {
  const loadedView = () =>
    createElement(SettingsPanelView, {
      loaded: { status: 'ready', value: { ...defaultSettings, queueUrl: 'https://sqs.example/q' } },
      onRetry: () => {},
    });

  it('shows no form until the saved settings arrive, so nothing typed is overwritten', () => {
    const html = render(createElement(SettingsPanel, {}));
    expect(html).toContain('data-testid="panel-loading"');
    expect(html).not.toContain('data-testid="settings-form"');
    expect(html).not.toContain('data-testid="settings-save"');
    expect(html).toContain('data-testid="check-setup"');
  });

  it('shows the error with a Retry, and no form to save defaults, when loading fails', () => {
    const html = render(
      createElement(SettingsPanelView, {
        loaded: { status: 'error', error: { key: 'error.disconnected', detail: 'socket closed' } },
        onRetry: () => {},
      }),
    );
    expect(html).toMatch(/data-testid="settings-load-error" data-kind="error.disconnected"/);
    expect(html).toContain('data-testid="panel-error"');
    expect(html).toContain('data-testid="panel-retry"');
    expect(html).not.toContain('data-testid="settings-form"');
    expect(html).not.toContain('data-testid="settings-save"');
  });

  it('shows the form with the loaded settings', () => {
    const html = render(loadedView());
    expect(html).not.toContain('data-testid="panel-loading"');
    expect(html).toContain('value="https://sqs.example/q"');
    for (const id of [
      'settings-queue-url',
      'settings-repositories',
      'settings-lease',
      'settings-language',
      'settings-save',
      'check-setup',
    ]) {
      expect(html).toContain(`data-testid="${id}"`);
    }
    expect(html).not.toContain('settings-launch-at-login');
  });

  it('offers launch at login in Electron only', () => {
    expect(render(loadedView(), { host: 'electron' })).toContain('settings-launch-at-login');
  });

  it('offers a GitHub token field in Electron: a password input that starts empty', () => {
    const html = render(createElement(SettingsPanel, {}), { host: 'electron' });
    const input = /<input[^>]*data-testid="settings-token"[^>]*>/.exec(html)?.[0] ?? '';
    expect(input).toContain('type="password"');
    expect(input).toContain('autoComplete="off"');
    expect(input).toContain('spellCheck="false"');
    expect(input).toContain('value=""');
    expect(input).not.toContain('disabled');
    expect(html).toMatch(/<button type="submit"[^>]*data-testid="settings-token-save">Save token</);
    expect(html).toMatch(/data-testid="settings-token-remove">Remove token</);
    expect(html).toContain('Kept in the system keychain');
    expect(html).not.toContain('settings-token-result');
    expect(html).not.toContain('settings-token-error');
  });

  it('disables the GitHub token section in a browser and says why', () => {
    const html = render(createElement(SettingsPanel, {}));
    expect(html).toMatch(/<fieldset disabled="">\s*<legend>GitHub token<\/legend>/);
    expect(html).toContain('cannot store tokens');
    expect(html).not.toContain('Kept in the system keychain');
    const ja = render(createElement(SettingsPanel, {}), { locale: 'ja' });
    expect(ja).toContain('<legend>GitHub トークン</legend>');
    expect(ja).toContain('トークンを保存できません');
  });
});
