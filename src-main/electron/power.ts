/**
 * Feeds powerMonitor's events through the pure power policy and applies what it decides.
 */
import { powerMonitor } from 'electron';
import type { PauseState } from '../../shared/snapshot.ts';
import { decidePowerAction, type PowerAction, type PowerEvent } from './power-policy.ts';
import { describeError } from '../../shared/describe-error.ts';

export interface PowerHooks {
  readonly autoPauseOnBattery: () => boolean;
  readonly currentPause: () => PauseState;
  readonly apply: (action: Exclude<PowerAction, { kind: 'none' }>) => Promise<unknown>;
}

export interface PowerWatch {
  /** Re-evaluate after the settings changed. */
  settingsChanged(): void;
  dispose(): void;
}

export function watchPower(hooks: PowerHooks): PowerWatch {
  const handle = (event: PowerEvent) => {
    const action = decidePowerAction(event, {
      onBattery: powerMonitor.isOnBatteryPower(),
      autoPauseOnBattery: hooks.autoPauseOnBattery(),
      pause: hooks.currentPause(),
    });
    if (action.kind === 'none') return;
    hooks.apply(action).catch((error: unknown) => {
      console.warn(`[shell] power ${event}: could not ${action.kind}: ${describeError(error)}`);
    });
  };
  const listeners = {
    'on-battery': () => handle('on-battery'),
    'on-ac': () => handle('on-ac'),
    suspend: () => handle('suspend'),
    resume: () => handle('resume'),
  } as const;
  powerMonitor.on('on-battery', listeners['on-battery']);
  powerMonitor.on('on-ac', listeners['on-ac']);
  powerMonitor.on('suspend', listeners.suspend);
  powerMonitor.on('resume', listeners.resume);
  handle('startup');
  return {
    settingsChanged: () => handle('settings-changed'),
    dispose() {
      powerMonitor.off('on-battery', listeners['on-battery']);
      powerMonitor.off('on-ac', listeners['on-ac']);
      powerMonitor.off('suspend', listeners.suspend);
      powerMonitor.off('resume', listeners.resume);
    },
  };
}
