/** One LogStore for the window, fed by the bridge's 'log' events; the running jobs' logs are kept. */
import { useEffect, useState } from 'react';
import type { Bridge } from '../../shared/bridge.ts';
import type { WorkerSnapshot } from '../../shared/snapshot.ts';
import { LogStore } from '../log/log-store.ts';

export function useLogStore(bridge: Bridge, snapshot: WorkerSnapshot | null): LogStore {
  const [store] = useState(() => new LogStore());
  useEffect(
    () =>
      bridge.onEvent((event) => {
        if (event.event === 'log') store.append(event.payload.jobId, event.payload.lines);
      }),
    [bridge, store],
  );
  const running = snapshot?.jobs.map((job) => job.jobId).join('\n') ?? '';
  useEffect(() => store.setRunning(running === '' ? [] : running.split('\n')), [store, running]);
  return store;
}
