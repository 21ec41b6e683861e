/**
 * What a power event means for the worker, as a pure function: pause on battery (when the user
 * asked for it) and on sleep, and resume only a pause the power state itself caused. A pause the
 * user chose is never lifted here.
 */
import type { PauseState } from '../../shared/snapshot.ts';

export type PowerEvent = 'startup' | 'on-battery' | 'on-ac' | 'suspend' | 'resume' | 'settings-changed';

export interface PowerFacts {
  readonly onBattery: boolean;
  readonly autoPauseOnBattery: boolean;
  readonly pause: PauseState;
}

export type PowerAction =
  | { readonly kind: 'none' }
  | { readonly kind: 'pause'; readonly reason: 'battery' | 'suspend' }
  | { readonly kind: 'resume' };

const none: PowerAction = { kind: 'none' };

export function decidePowerAction(event: PowerEvent, facts: PowerFacts): PowerAction {
  const { pause } = facts;
  const batteryWantsPause = facts.autoPauseOnBattery && facts.onBattery;
  const powerPaused = pause.paused && (pause.reason === 'battery' || pause.reason === 'suspend');

  switch (event) {
    case 'suspend':
      return pause.paused ? none : { kind: 'pause', reason: 'suspend' };
    case 'on-battery':
      return batteryWantsPause && !pause.paused ? { kind: 'pause', reason: 'battery' } : none;
    case 'on-ac':
      return pause.paused && pause.reason === 'battery' ? { kind: 'resume' } : none;
    case 'resume':
      if (!pause.paused || pause.reason !== 'suspend') return none;
      return batteryWantsPause ? { kind: 'pause', reason: 'battery' } : { kind: 'resume' };
    case 'startup':
    case 'settings-changed':
      // Reconcile: a stale power pause (left by a crash, or a setting turned off) ends; a needed one starts.
      if (batteryWantsPause) {
        if (!pause.paused) return { kind: 'pause', reason: 'battery' };
        return pause.reason === 'suspend' ? { kind: 'pause', reason: 'battery' } : none;
      }
      return powerPaused ? { kind: 'resume' } : none;
  }
}
