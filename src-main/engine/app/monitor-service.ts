/** BridgeService over the QueueMonitor: depth only, until the consumer is wired in. */
import type { CommandHandlers } from '../../../shared/bridge.ts';
import type { BridgeService } from './bridge-service.ts';
import { EventHub } from './event-hub.ts';
import type { QueueMonitor } from './queue-monitor.ts';

export function createMonitorService(monitor: QueueMonitor): BridgeService {
  const hub = new EventHub();
  monitor.onSnapshot((snapshot) => hub.publish({ event: 'snapshot', payload: snapshot }));
  const unavailable = async (): Promise<never> => {
    throw new Error('not available in this build');
  };
  const handlers: CommandHandlers = {
    getSnapshot: async () => monitor.snapshot(),
    refreshStats: async () => {
      await monitor.refreshStats();
      return monitor.snapshot();
    },
    pause: unavailable,
    resume: unavailable,
    cancelJob: unavailable,
    listDlq: unavailable,
    redriveDlqItem: unavailable,
    redriveAllDlq: unavailable,
    deleteDlqItem: unavailable,
    listHistory: unavailable,
    getJobLog: unavailable,
    getSettings: unavailable,
    updateSettings: unavailable,
    runDoctor: unavailable,
    openExternal: async () => ({ opened: false }),
  };
  return {
    handlers,
    subscribe: (listener) => hub.subscribe(listener),
    watch() {
      monitor.watchStats(true);
      return () => monitor.watchStats(false);
    },
    health: () => ({ status: monitor.snapshot().status }),
    logFilePath: () => null,
  };
}
