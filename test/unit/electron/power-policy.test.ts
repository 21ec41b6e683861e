import { describe, expect, it } from 'vitest';
import { notPaused } from '../../../shared/snapshot.ts';
import { decidePowerAction, type PowerFacts } from '../../../src-main/electron/power-policy.ts';
import { paused } from './support.ts';

const facts = (change: Partial<PowerFacts>): PowerFacts => ({
  onBattery: false,
  autoPauseOnBattery: true,
  pause: notPaused,
  ...change,
});

describe('power policy', () => {
  it('pauses on battery when the user turned auto-pause on', () => {
    expect(decidePowerAction('on-battery', facts({ onBattery: true }))).toEqual({
      kind: 'pause',
      reason: 'battery',
    });
  });

  it('ignores the battery when auto-pause is off', () => {
    expect(decidePowerAction('on-battery', facts({ onBattery: true, autoPauseOnBattery: false }))).toEqual({
      kind: 'none',
    });
  });

  it('does not replace a pause the user chose with a battery pause', () => {
    expect(decidePowerAction('on-battery', facts({ onBattery: true, pause: paused('user') }))).toEqual({
      kind: 'none',
    });
  });

  it('resumes on AC only when the battery caused the pause', () => {
    expect(decidePowerAction('on-ac', facts({ pause: paused('battery') }))).toEqual({ kind: 'resume' });
    expect(decidePowerAction('on-ac', facts({ pause: paused('user') }))).toEqual({ kind: 'none' });
    expect(decidePowerAction('on-ac', facts({ pause: paused('suspend') }))).toEqual({ kind: 'none' });
    expect(decidePowerAction('on-ac', facts({}))).toEqual({ kind: 'none' });
  });

  it('pauses with reason suspend when the machine goes to sleep', () => {
    expect(decidePowerAction('suspend', facts({ autoPauseOnBattery: false }))).toEqual({
      kind: 'pause',
      reason: 'suspend',
    });
  });

  it('keeps an existing pause through sleep', () => {
    expect(decidePowerAction('suspend', facts({ pause: paused('user') }))).toEqual({ kind: 'none' });
    expect(decidePowerAction('suspend', facts({ pause: paused('battery') }))).toEqual({ kind: 'none' });
  });

  it('resumes after waking only a pause that sleep caused', () => {
    expect(decidePowerAction('resume', facts({ pause: paused('suspend') }))).toEqual({ kind: 'resume' });
    expect(decidePowerAction('resume', facts({ pause: paused('user') }))).toEqual({ kind: 'none' });
    expect(decidePowerAction('resume', facts({ pause: paused('battery'), onBattery: true }))).toEqual({
      kind: 'none',
    });
  });

  it('turns a sleep pause into a battery pause when waking on battery with auto-pause on', () => {
    expect(decidePowerAction('resume', facts({ pause: paused('suspend'), onBattery: true }))).toEqual({
      kind: 'pause',
      reason: 'battery',
    });
    expect(
      decidePowerAction(
        'resume',
        facts({ pause: paused('suspend'), onBattery: true, autoPauseOnBattery: false }),
      ),
    ).toEqual({ kind: 'resume' });
  });

  it('on startup, pauses when already on battery and clears a stale power pause', () => {
    expect(decidePowerAction('startup', facts({ onBattery: true }))).toEqual({
      kind: 'pause',
      reason: 'battery',
    });
    expect(decidePowerAction('startup', facts({ pause: paused('suspend') }))).toEqual({ kind: 'resume' });
    expect(decidePowerAction('startup', facts({ pause: paused('battery') }))).toEqual({ kind: 'resume' });
    expect(decidePowerAction('startup', facts({ pause: paused('user') }))).toEqual({ kind: 'none' });
    expect(decidePowerAction('startup', facts({ onBattery: true, pause: paused('user') }))).toEqual({
      kind: 'none',
    });
  });

  it('resumes a battery pause when the user turns auto-pause off', () => {
    expect(
      decidePowerAction(
        'settings-changed',
        facts({ autoPauseOnBattery: false, onBattery: true, pause: paused('battery') }),
      ),
    ).toEqual({ kind: 'resume' });
    expect(decidePowerAction('settings-changed', facts({ onBattery: true }))).toEqual({
      kind: 'pause',
      reason: 'battery',
    });
    expect(
      decidePowerAction('settings-changed', facts({ onBattery: true, pause: paused('battery') })),
    ).toEqual({
      kind: 'none',
    });
  });
});
