import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Bridge } from '../../../shared/bridge.ts';
import type { WorkerSnapshot } from '../../../shared/snapshot.ts';
import { BridgeContext } from '../../../src-renderer/common/bridge-context.ts';
import { I18nContext, translator } from '../../../src-renderer/i18n/i18n.ts';
import { StatusHeader } from '../../../src-renderer/status/StatusHeader.tsx';
import { confinementLine, headline } from '../../../src-renderer/status/status-view.ts';
import { paused, snapshot } from '../electron/support.ts';

const bridge: Bridge = {
  host: 'web',
  invoke: () => new Promise(() => {}),
  onEvent: () => () => {},
  onConnection: () => () => {},
};

function header(value: WorkerSnapshot, locale: 'en' | 'ja' = 'en'): string {
  return renderToStaticMarkup(
    createElement(
      I18nContext.Provider,
      { value: { locale, t: translator(locale), setting: locale, setSetting: () => {} } },
      createElement(
        BridgeContext.Provider,
        { value: bridge },
        createElement(StatusHeader, { snapshot: value, connection: 'connected' }),
      ),
    ),
  );
}

const held = snapshot({
  pause: paused('sandbox-required'),
  confinement: { kind: 'refused', reason: 'bubblewrap (bwrap) is not installed' },
});

describe('status header: how the agent runs (issue #10)', () => {
  it('says which sandbox confines the agent', () => {
    const html = header(snapshot({ confinement: { kind: 'confined', by: 'bubblewrap' } }));
    expect(html).toMatch(
      /data-testid="agent-confinement" data-kind="confined">The agent runs confined by bubblewrap/,
    );
    expect(header(snapshot({ confinement: { kind: 'confined', by: 'seatbelt' } }))).toContain(
      'The agent runs confined by Seatbelt',
    );
  });

  it('says plainly that the agent runs unconfined, and why, in English and Japanese', () => {
    const off = snapshot({ confinement: { kind: 'unconfined', reason: 'agent.sandbox is "off"' } });
    expect(header(off)).toContain('The agent runs unconfined: agent.sandbox is &quot;off&quot;');
    expect(header(off, 'ja')).toContain('隔離なし(unconfined)');
  });

  it('says the worker takes no work while agent.sandbox is required without a sandbox, and offers no resume', () => {
    expect(headline(held, 'connected')).toMatchObject({
      key: 'header.sandboxRequired',
      tone: 'problem',
      values: { reason: 'bubblewrap (bwrap) is not installed' },
    });
    const html = header(held);
    expect(html).toContain(
      'Not taking work: agent.sandbox is required but bubblewrap (bwrap) is not installed',
    );
    expect(html).toContain('data-reason="sandbox-required"');
    expect(html).not.toContain('data-testid="resume-button"');
    expect(html).not.toContain('data-testid="pause-button"');
    expect(header(held, 'ja')).toContain('agent.sandbox が required');
  });

  it('shows no line before the app knows, nor for a value that is not a confinement', () => {
    expect(confinementLine(snapshot())).toBeNull();
    expect(confinementLine(snapshot({ confinement: { kind: 'jailed' } as never }))).toBeNull();
    expect(header(snapshot())).not.toContain('agent-confinement');
  });
});
