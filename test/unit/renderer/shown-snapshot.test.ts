import { describe, expect, it } from 'vitest';
import {
  initialWorkerState,
  workerReducer,
  type WorkerAction,
  type WorkerState,
} from '../../../src-renderer/app/shown-snapshot.ts';
import { snapshot } from '../electron/support.ts';

function run(actions: WorkerAction[], state: WorkerState = initialWorkerState): WorkerState {
  return actions.reduce(workerReducer, state);
}

describe('worker snapshot across connections', () => {
  it('keeps the newest seq within one connection', () => {
    const state = run([
      { type: 'connected' },
      { type: 'snapshot', epoch: 1, snapshot: snapshot({ seq: 5 }) },
      { type: 'snapshot', epoch: 1, snapshot: snapshot({ seq: 4 }) },
    ]);
    expect(state.snapshot?.seq).toBe(5);
    expect(run([{ type: 'snapshot', epoch: 1, snapshot: snapshot({ seq: 6 }) }], state).snapshot?.seq).toBe(
      6,
    );
  });

  it('takes the first snapshot of a new connection even when a restarted worker counts from 0', () => {
    const state = run([
      { type: 'connected' },
      { type: 'snapshot', epoch: 1, snapshot: snapshot({ seq: 900 }) },
      { type: 'connected' },
      { type: 'snapshot', epoch: 2, snapshot: snapshot({ seq: 0, status: 'starting' }) },
      { type: 'snapshot', epoch: 2, snapshot: snapshot({ seq: 1, status: 'running' }) },
    ]);
    expect(state.snapshot).toMatchObject({ seq: 1, status: 'running' });
  });

  it('drops an answer that belongs to an earlier connection', () => {
    const state = run([
      { type: 'connected' },
      { type: 'connected' },
      { type: 'snapshot', epoch: 2, snapshot: snapshot({ seq: 2 }) },
      { type: 'snapshot', epoch: 1, snapshot: snapshot({ seq: 700 }) },
    ]);
    expect(state.snapshot?.seq).toBe(2);
  });
});
