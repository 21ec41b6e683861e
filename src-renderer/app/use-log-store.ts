/** One LogStore for the window, fed by the bridge's 'log' events. */
import { useEffect, useState } from 'react';
import type { Bridge } from '../../shared/bridge.ts';
import { LogStore } from '../log/log-store.ts';

export function useLogStore(bridge: Bridge): LogStore {
  const [store] = useState(() => new LogStore());
  useEffect(
    () =>
      bridge.onEvent((event) => {
        if (event.event === 'log') store.append(event.payload.jobId, event.payload.lines);
      }),
    [bridge, store],
  );
  return store;
}
