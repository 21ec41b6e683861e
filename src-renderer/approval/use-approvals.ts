/** The jobs waiting for approval: loaded on connect, then kept current by the 'approvals' event. */
import { useEffect, useState } from 'react';
import type { ApprovalView } from '../../shared/approval.ts';
import type { Bridge } from '../../shared/bridge.ts';

export function useApprovals(bridge: Bridge): readonly ApprovalView[] {
  const [views, setViews] = useState<readonly ApprovalView[]>([]);
  useEffect(() => {
    let current = true;
    const load = () =>
      bridge.invoke('listApprovals', {}).then(
        (next) => current && setViews(next),
        () => undefined,
      );
    const offEvent = bridge.onEvent((event) => {
      if (event.event === 'approvals') setViews(event.payload);
    });
    const offConnection = bridge.onConnection((state) => {
      if (state === 'connected') void load();
    });
    void load();
    return () => {
      current = false;
      offEvent();
      offConnection();
    };
  }, [bridge]);
  return views;
}
