/** The latest snapshot and connection state from the bridge, for React. */
import { useEffect, useState } from 'react';
import type { Bridge, ConnectionState } from '../../shared/bridge.ts';
import type { WorkerSnapshot } from '../../shared/snapshot.ts';

export function useWorker(bridge: Bridge): { snapshot: WorkerSnapshot | null; connection: ConnectionState } {
  const [snapshot, setSnapshot] = useState<WorkerSnapshot | null>(null);
  const [connection, setConnection] = useState<ConnectionState>('connecting');

  useEffect(() => {
    const keepNewest = (next: WorkerSnapshot) =>
      setSnapshot((current) => (current && current.seq > next.seq ? current : next));
    const offEvent = bridge.onEvent((event) => {
      if (event.event === 'snapshot') keepNewest(event.payload);
    });
    const offConnection = bridge.onConnection((state) => {
      setConnection(state);
      if (state === 'connected') bridge.invoke('getSnapshot', {}).then(keepNewest, () => {});
    });
    return () => {
      offEvent();
      offConnection();
    };
  }, [bridge]);

  return { snapshot, connection };
}
