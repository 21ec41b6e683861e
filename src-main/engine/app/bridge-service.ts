/** What a transport (Electron IPC, the headless WebSocket) needs from the engine to serve the bridge. */
import type { CommandHandlers } from '../../../shared/bridge.ts';
import type { EventListener } from './event-hub.ts';

export interface BridgeService {
  readonly handlers: CommandHandlers;
  subscribe(listener: EventListener): () => void;
  /** A UI opened: stats are refreshed on an interval only while at least one watches. Returns the unwatch. */
  watch(): () => void;
  /** Liveness for monitoring, without any issue data. */
  health(): { readonly status: string };
  /** The full log file of a job, for the "open full log" link; null when there is none. */
  logFilePath(jobId: string): string | null;
}
