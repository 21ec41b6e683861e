/**
 * The last finished job, for the Now tab: read from the history when the tab opens, then replaced
 * by each `jobEnded` event. A freshly opened window thus shows how the last job ended (and its log)
 * instead of an empty "No job running".
 */
import { useEffect, useState } from 'react';
import type { Bridge } from '../../shared/bridge.ts';
import type { JobRecord } from '../../shared/job-record.ts';

export function useLastJob(bridge: Bridge): JobRecord | null {
  const [last, setLast] = useState<JobRecord | null>(null);
  useEffect(() => {
    let live = true;
    const off = bridge.onEvent((event) => {
      if (event.event === 'jobEnded') setLast(event.payload);
    });
    bridge.invoke('listHistory', { limit: 1 }).then(
      (records) => {
        // An event that arrived meanwhile is newer than what the history said.
        if (live) setLast((current) => current ?? records[0] ?? null);
      },
      () => undefined,
    );
    return () => {
      live = false;
      off();
    };
  }, [bridge]);
  return last;
}
