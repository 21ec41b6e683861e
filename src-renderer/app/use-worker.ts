/** The latest snapshot and connection state from the bridge, for React (see worker-state.ts). */
import { useEffect, useReducer, useRef, useState } from 'react';
import type { Bridge, ConnectionState } from '../../shared/bridge.ts';
import type { WorkerSnapshot } from '../../shared/snapshot.ts';
import { initialWorkerState, workerReducer } from './shown-snapshot.ts';

export function useWorker(bridge: Bridge): { snapshot: WorkerSnapshot | null; connection: ConnectionState } {
  const [state, dispatch] = useReducer(workerReducer, initialWorkerState);
  const [connection, setConnection] = useState<ConnectionState>('connecting');
  const epoch = useRef(0);

  useEffect(() => {
    const offEvent = bridge.onEvent((event) => {
      if (event.event === 'snapshot') {
        dispatch({ type: 'snapshot', epoch: epoch.current, snapshot: event.payload });
      }
    });
    const offConnection = bridge.onConnection((next) => {
      setConnection(next);
      if (next !== 'connected') return;
      epoch.current += 1;
      const current = epoch.current;
      dispatch({ type: 'connected' });
      bridge.invoke('getSnapshot', {}).then(
        (snapshot) => dispatch({ type: 'snapshot', epoch: current, snapshot }),
        () => {},
      );
    });
    return () => {
      offEvent();
      offConnection();
    };
  }, [bridge]);

  return { snapshot: state.snapshot, connection };
}
