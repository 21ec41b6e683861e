/**
 * The bridge handlers the shell serves: the worker's own, with the commands only the shell can do
 * replaced (openExternal) or observed (updateSettings: launch at login, menu language, auto-pause).
 * No Electron import, so it is unit-tested.
 */
import type { CommandHandlers } from '../../shared/bridge.ts';
import type { Settings } from '../../shared/settings.ts';
import { checkExternalUrl, type LinkPolicy } from './url-allow.ts';

export interface ShellHandlerHooks {
  readonly linkPolicy: () => LinkPolicy;
  /** Opens an already-checked URL. */
  readonly open: (url: string) => Promise<void>;
  readonly onSettingsSaved: (settings: Settings) => void;
}

export function withShellHandlers(handlers: CommandHandlers, hooks: ShellHandlerHooks): CommandHandlers {
  return {
    ...handlers,
    async openExternal({ url }) {
      const check = checkExternalUrl(url, hooks.linkPolicy());
      if (!check.ok) return { opened: false };
      await hooks.open(check.url);
      return { opened: true };
    },
    async updateSettings(params) {
      const result = await handlers.updateSettings(params);
      if (result.ok) hooks.onSettingsSaved(result.settings);
      return result;
    },
  };
}
