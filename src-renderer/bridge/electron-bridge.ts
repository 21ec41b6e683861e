/** The bridge in the Electron window: the verbs the preload exposed as `window.codingWorker`. */
import type { Bridge, BridgeEvent, CommandName, CommandParams, CommandResults } from '../../shared/bridge.ts';

/** Exactly what src-main/electron/preload.ts exposes. */
export type PreloadApi = {
  readonly [C in CommandName]: (params: CommandParams<C>) => Promise<CommandResults[C]>;
} & {
  readonly onEvent: (listener: (event: BridgeEvent) => void) => () => void;
};

export function createElectronBridge(api: PreloadApi): Bridge {
  return {
    host: 'electron',
    invoke<C extends CommandName>(command: C, params: CommandParams<C>) {
      const verb = api[command] as unknown as (p: CommandParams<C>) => Promise<CommandResults[C]>;
      return verb(params);
    },
    onEvent: (listener) => api.onEvent(listener),
    onConnection(listener) {
      listener('connected');
      return () => {};
    },
  };
}
