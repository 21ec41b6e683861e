import { describe, expect, it } from 'vitest';
import { shellTranslator } from '../../../shared/i18n/shell-messages.ts';
import { trayMenuModel } from '../../../src-main/electron/tray-menu.ts';
import { trayStatusLine, trayTooltip } from '../../../src-main/electron/tray-text.ts';
import { paused, snapshot } from './support.ts';

const t = shellTranslator('en');
const ja = shellTranslator('ja');
const now = new Date('2026-01-10T10:00:00Z');

describe('tray: how the agent runs (issue #10)', () => {
  it('says in the tooltip which sandbox confines the agent', () => {
    const confined = snapshot({ confinement: { kind: 'confined', by: 'bubblewrap' } });
    expect(trayTooltip(confined, t, 'en', now)).toBe(
      'CodingWorker — Listening for tasks\nAgent: confined by bubblewrap\nQueue: unknown',
    );
    const seatbelt = snapshot({ confinement: { kind: 'confined', by: 'seatbelt' } });
    expect(trayTooltip(seatbelt, t, 'en', now)).toContain('Agent: confined by Seatbelt');
  });

  it('says plainly that the agent runs unconfined, and why', () => {
    const off = snapshot({ confinement: { kind: 'unconfined', reason: 'agent.sandbox is "off"' } });
    expect(trayTooltip(off, t, 'en', now)).toBe(
      'CodingWorker — Listening for tasks\nThe agent runs unconfined (agent.sandbox is "off")\nQueue: unknown',
    );
    expect(trayTooltip(off, ja, 'ja', now)).toContain('隔離なし(unconfined)');
  });

  it('says the worker takes no work while agent.sandbox is required and there is no sandbox', () => {
    const held = snapshot({
      pause: paused('sandbox-required'),
      confinement: { kind: 'refused', reason: 'bubblewrap (bwrap) is not installed' },
    });
    expect(trayStatusLine(held, t, 'en', now)).toBe(
      'Not taking work: agent.sandbox is required but bubblewrap (bwrap) is not installed',
    );
    expect(trayStatusLine(held, ja, 'ja', now)).toContain('agent.sandbox が required');
  });

  it('keeps escape codes in a reason out of the tray', () => {
    const forged = snapshot({ confinement: { kind: 'unconfined', reason: 'no\u001b[31m sandbox\u202e' } });
    const tooltip = trayTooltip(forged, t, 'en', now);
    expect(tooltip).not.toContain('\u001b');
    expect(tooltip).not.toContain('\u202e');
  });

  it('shows nothing about confinement before the app knows, or for a value that is not one', () => {
    expect(trayTooltip(snapshot(), t, 'en', now)).not.toContain('Agent');
    const bogus = snapshot({ confinement: { kind: 'confined', by: 'chroot' } as never });
    expect(trayTooltip(bogus, t, 'en', now)).not.toContain('Agent');
  });

  it('offers Resume disabled while the hold applies, enabled for a pause the user can lift', () => {
    const resume = (value: ReturnType<typeof snapshot>) =>
      trayMenuModel(value, t, 'status').find((item) => item.kind === 'action' && item.action === 'resume');
    expect(
      resume(
        snapshot({ pause: paused('sandbox-required'), confinement: { kind: 'refused', reason: 'none' } }),
      ),
    ).toMatchObject({ enabled: false });
    expect(resume(snapshot({ pause: paused('user') }))).toMatchObject({ enabled: true });
  });
});
