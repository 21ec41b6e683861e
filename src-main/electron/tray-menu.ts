/**
 * The tray's context menu as data: which items, labelled how, enabled when. Pure; tray.ts turns it
 * into an Electron Menu and wires each id to an action.
 */
import type { WorkerSnapshot } from '../../shared/snapshot.ts';
import type { ShellTranslate } from '../../shared/i18n/shell-messages.ts';

export type TrayMenuAction =
  'pause-one-hour' | 'pause-until-tomorrow' | 'resume' | 'stop-job' | 'open' | 'quit';

export type TrayMenuItem =
  | { readonly kind: 'status'; readonly label: string }
  | { readonly kind: 'separator' }
  | {
      readonly kind: 'action';
      readonly action: TrayMenuAction;
      readonly label: string;
      readonly enabled: boolean;
    };

export function trayMenuModel(
  snapshot: WorkerSnapshot | null,
  t: ShellTranslate,
  statusLine: string,
): TrayMenuItem[] {
  const paused = snapshot?.pause.paused ?? false;
  const running = (snapshot?.jobs.length ?? 0) > 0;
  const connected = snapshot !== null;
  const items: TrayMenuItem[] = [{ kind: 'status', label: statusLine }, { kind: 'separator' }];
  if (paused) {
    // agent.sandbox "required" without a sandbox: only the setting lifts that hold, not a resume.
    const held = snapshot?.pause.reason === 'sandbox-required';
    items.push({ kind: 'action', action: 'resume', label: t('menu.resume'), enabled: connected && !held });
  } else {
    items.push(
      { kind: 'action', action: 'pause-one-hour', label: t('menu.pauseOneHour'), enabled: connected },
      {
        kind: 'action',
        action: 'pause-until-tomorrow',
        label: t('menu.pauseUntilTomorrow'),
        enabled: connected,
      },
    );
  }
  items.push(
    { kind: 'action', action: 'stop-job', label: t('menu.stopJob'), enabled: running },
    { kind: 'separator' },
    { kind: 'action', action: 'open', label: t('menu.open'), enabled: true },
    { kind: 'action', action: 'quit', label: t('menu.quit'), enabled: true },
  );
  return items;
}
