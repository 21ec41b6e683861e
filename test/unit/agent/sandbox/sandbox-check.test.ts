import { describe, expect, it } from 'vitest';
import type { DoctorInput } from '../../../../src-main/engine/doctor/check-result.ts';
import { checkSandbox } from '../../../../src-main/engine/doctor/sandbox-check.ts';

const input = (sandbox?: 'auto' | 'required' | 'off') =>
  ({ config: { agent: { preset: 'aider', sandbox } }, env: {} }) as unknown as DoctorInput;
const none = async () => ({ kind: 'none' as const, reason: 'bubblewrap (bwrap) is not installed' });
const bwrap = async () => ({ kind: 'bubblewrap' as const, bwrap: '/usr/bin/bwrap', socat: '/usr/bin/socat' });

describe('the doctor’s sandbox check', () => {
  it('names the sandbox that confines the agent', async () => {
    expect(await checkSandbox(input(), bwrap)).toMatchObject({
      status: 'ok',
      detail: 'the agent runs in bubblewrap (/usr/bin/bwrap)',
    });
  });

  it('says plainly that the agent runs unconfined, and how to fix it', async () => {
    const check = await checkSandbox(input('auto'), none);
    expect(check.status).toBe('warn');
    expect(check.detail).toBe('the agent runs unconfined: bubblewrap (bwrap) is not installed');
    expect(check.fix).toMatch(/bubblewrap|Seatbelt/);
  });

  it('fails when the sandbox is required and missing, and warns when it is switched off', async () => {
    expect((await checkSandbox(input('required'), none)).status).toBe('fail');
    const off = await checkSandbox(input('off'), bwrap);
    expect(off).toMatchObject({
      status: 'warn',
      detail: 'the agent runs unconfined: agent.sandbox is "off"',
    });
  });
});
