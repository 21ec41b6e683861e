import { describe, expect, it } from 'vitest';
import { notPaused, parseConfinementView, type PauseState } from '../../../../shared/snapshot.ts';
import { applySandboxHold } from '../../../../src-main/engine/app/sandbox-hold.ts';
import { restorePauseState } from '../../../../src-main/engine/worker/pause-state.ts';
import {
  agentConfinementView,
  type SandboxSupport,
} from '../../../../src-main/engine/agent/sandbox/detect.ts';

const none = async (): Promise<SandboxSupport> => ({ kind: 'none', reason: 'bwrap is not installed' });
const bwrap = async (): Promise<SandboxSupport> => ({
  kind: 'bubblewrap',
  bwrap: '/usr/bin/bwrap',
  socat: '/usr/bin/socat',
});
const seatbelt = async (): Promise<SandboxSupport> => ({
  kind: 'seatbelt',
  sandboxExec: '/usr/bin/sandbox-exec',
});

describe('agentConfinementView: how the agent runs, for the snapshot', () => {
  it('names the sandbox that confines the agent', async () => {
    expect(await agentConfinementView('auto', bwrap)).toEqual({ kind: 'confined', by: 'bubblewrap' });
    expect(await agentConfinementView(undefined, seatbelt)).toEqual({ kind: 'confined', by: 'seatbelt' });
    expect(await agentConfinementView('required', bwrap)).toEqual({ kind: 'confined', by: 'bubblewrap' });
  });

  it('says unconfined, and why, when off or when there is no sandbox', async () => {
    expect(await agentConfinementView('off', bwrap)).toEqual({
      kind: 'unconfined',
      reason: 'agent.sandbox is "off"',
    });
    expect(await agentConfinementView('auto', none)).toEqual({
      kind: 'unconfined',
      reason: 'bwrap is not installed',
    });
  });

  it('refuses when the sandbox is required and missing', async () => {
    expect(await agentConfinementView('required', none)).toEqual({
      kind: 'refused',
      reason: 'bwrap is not installed',
    });
  });

  it('parses only real confinement values', () => {
    expect(parseConfinementView({ kind: 'confined', by: 'seatbelt' })).toEqual({
      kind: 'confined',
      by: 'seatbelt',
    });
    expect(parseConfinementView({ kind: 'refused', reason: 'x'.repeat(900) })?.kind).toBe('refused');
    expect(parseConfinementView({ kind: 'confined', by: 'chroot' })).toBeNull();
    expect(parseConfinementView({ kind: 'unconfined' })).toBeNull();
    expect(parseConfinementView('confined')).toBeNull();
    expect(parseConfinementView(null)).toBeNull();
  });
});

function worker(initial: PauseState) {
  let pause = initial;
  const calls: string[] = [];
  return {
    calls,
    port: {
      pause(options: { reason: PauseState['reason'] & string; until: string | null }) {
        calls.push(`pause:${options.reason}`);
        pause = { paused: true, reason: options.reason, until: options.until, since: 'now' };
      },
      resume() {
        calls.push('resume');
        pause = notPaused;
      },
      snapshot: () => ({ pause }) as never,
    },
  };
}

describe('applySandboxHold', () => {
  it('holds the worker when the sandbox is required and missing, also over a user pause', () => {
    const idle = worker(notPaused);
    applySandboxHold(idle.port, { kind: 'refused', reason: 'none' });
    expect(idle.calls).toEqual(['pause:sandbox-required']);
    const user = worker({ paused: true, reason: 'user', until: null, since: 'then' });
    applySandboxHold(user.port, { kind: 'refused', reason: 'none' });
    expect(user.calls).toEqual(['pause:sandbox-required']);
  });

  it('leaves an existing hold as it is, and lifts one an earlier run left once the agent can run', () => {
    const held = { paused: true, reason: 'sandbox-required', until: null, since: 'then' } as const;
    const again = worker(held);
    applySandboxHold(again.port, { kind: 'refused', reason: 'none' });
    expect(again.calls).toEqual([]);
    const fixed = worker(held);
    applySandboxHold(fixed.port, { kind: 'unconfined', reason: 'agent.sandbox is "off"' });
    expect(fixed.calls).toEqual(['resume']);
  });

  it("leaves the user's own pause alone when the agent can run", () => {
    const user = worker({ paused: true, reason: 'user', until: null, since: 'then' });
    applySandboxHold(user.port, { kind: 'confined', by: 'bubblewrap' });
    expect(user.calls).toEqual([]);
  });
});

describe('the hold after a restart', () => {
  it('is restored with its own reason, so a start with another setting can lift it', () => {
    const stored = {
      paused: true,
      reason: 'sandbox-required',
      until: null,
      since: '2026-12-08T01:00:00.000Z',
    };
    expect(restorePauseState(stored, Date.parse('2026-12-08T02:00:00Z'))).toMatchObject({
      paused: true,
      reason: 'sandbox-required',
    });
  });
});
