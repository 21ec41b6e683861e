/**
 * Which worker snapshot to show. `seq` only orders snapshots of one worker process, and a new
 * process (serve restarted) starts again at 0; a process can change only with a new connection. So
 * each connection is an epoch: the first snapshot of a new epoch is taken whatever its seq, and
 * within an epoch the newest seq wins. Snapshots from an earlier epoch are dropped. Pure.
 */
import type { WorkerSnapshot } from '../../shared/snapshot.ts';

export interface WorkerState {
  /** The current connection's number: bumped on every 'connected'. */
  readonly epoch: number;
  readonly snapshot: WorkerSnapshot | null;
  /** The epoch `snapshot` came in. */
  readonly snapshotEpoch: number;
}

export type WorkerAction =
  | { readonly type: 'connected' }
  | { readonly type: 'snapshot'; readonly epoch: number; readonly snapshot: WorkerSnapshot };

export const initialWorkerState: WorkerState = { epoch: 0, snapshot: null, snapshotEpoch: -1 };

export function workerReducer(state: WorkerState, action: WorkerAction): WorkerState {
  if (action.type === 'connected') return { ...state, epoch: state.epoch + 1 };
  if (action.epoch !== state.epoch) return state;
  const sameEpoch = state.snapshotEpoch === state.epoch;
  if (sameEpoch && state.snapshot && state.snapshot.seq > action.snapshot.seq) return state;
  return { ...state, snapshot: action.snapshot, snapshotEpoch: state.epoch };
}
