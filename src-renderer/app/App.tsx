/**
 * The window: status header, then one panel at a time behind tabs (Now, DLQ, History, Settings).
 * data-testid: app, panel (data-tab), plus those of each part (see the top of each file).
 */
import type { Bridge } from '../../shared/bridge.ts';
import { BridgeContext } from '../common/bridge-context.ts';
import type { Tab } from '../common/route.ts';
import { DlqPanel } from '../dlq/DlqPanel.tsx';
import { HistoryPanel } from '../history/HistoryPanel.tsx';
import { CurrentJobPanel } from '../job/CurrentJobPanel.tsx';
import { SettingsPanel } from '../settings/SettingsPanel.tsx';
import { StatusHeader } from '../status/StatusHeader.tsx';
import { Notices } from './Notices.tsx';
import { panelId, tabId, Tabs } from './Tabs.tsx';
import { useLogStore } from './use-log-store.ts';
import { useRoute } from './use-route.ts';
import { useWorker } from './use-worker.ts';

export function App({ bridge }: { bridge: Bridge }) {
  const { snapshot, connection } = useWorker(bridge);
  const store = useLogStore(bridge, snapshot);
  const [route, navigate] = useRoute();
  const select = (tab: Tab) => navigate({ tab, jobId: null });

  return (
    <BridgeContext.Provider value={bridge}>
      <main className="app" data-testid="app">
        <StatusHeader snapshot={snapshot} connection={connection} />
        <Tabs
          current={route.tab}
          onSelect={select}
          badges={{ now: snapshot?.jobs.length ?? 0, dlq: snapshot?.stats.dlq?.visible ?? 0 }}
        />
        <section
          className="panel"
          role="tabpanel"
          id={panelId(route.tab)}
          aria-labelledby={tabId(route.tab)}
          data-testid="panel"
          data-tab={route.tab}
        >
          {route.tab === 'now' && <CurrentJobPanel snapshot={snapshot} store={store} />}
          {route.tab === 'dlq' && <DlqPanel snapshot={snapshot} />}
          {route.tab === 'history' && (
            <HistoryPanel
              snapshot={snapshot}
              openJobId={route.jobId}
              onOpenJob={(jobId) => navigate({ tab: 'history', jobId })}
            />
          )}
          {route.tab === 'settings' && <SettingsPanel />}
        </section>
        <Notices bridge={bridge} />
      </main>
    </BridgeContext.Provider>
  );
}
