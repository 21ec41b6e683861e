import { describe, expect, it } from 'vitest';
import type { StopReason } from '../../../src-main/engine/ports/job.ts';
import type { ReceivedMessage } from '../../../src-main/engine/queue/message-delivery.ts';
import {
  discardingJobLog,
  OUTLIVED_NOTE,
  reduceLifecycle,
  RunningJob,
  type JobLifecycle,
} from '../../../src-main/engine/worker/running-job.ts';
import type { Settlement } from '../../../src-main/engine/worker/settlement/decide.ts';
import { sampleTask } from '../../support/sample-task.ts';

const released: Settlement = {
  action: { kind: 'release' },
  outcome: 'released',
  reason: 'stopped',
  notice: null,
  noDlq: false,
};
const shutdown: StopReason = { kind: 'shutdown', message: 'the worker is stopping', disposition: 'release' };
const discard: StopReason = { kind: 'cancelled', message: 'cancelled by user', disposition: 'discard' };
const running: JobLifecycle = { kind: 'running', stop: null, leaseLost: false };

function job(): RunningJob {
  const task = sampleTask();
  const message: ReceivedMessage = {
    messageId: 'm-1',
    receiptHandle: 'r-1',
    body: JSON.stringify(task),
    receiveCount: 1,
    sentAt: null,
    attributes: {},
  };
  return new RunningJob({
    jobId: 'j-1',
    message,
    task,
    isLastAttempt: false,
    startedAt: 0,
    log: discardingJobLog(),
    now: () => 0,
  });
}

describe('a running job’s lifecycle', () => {
  it('keeps the first stop reason and aborts its signal once', () => {
    const j = job();
    expect(j.stop(shutdown)).toBe(true);
    expect(j.stop({ ...shutdown, message: 'later' })).toBe(false);
    expect(j.stopReason).toEqual(shutdown);
    expect(j.controller.signal.aborted).toBe(true);
    expect(j.controller.signal.reason).toEqual(shutdown);
    expect(j.view().stopping).toBe('the worker is stopping');
  });

  it('turns a stopping job into a discarded one without changing its signal', () => {
    const j = job();
    j.stop(shutdown);
    j.discard(discard);
    expect(j.stopReason).toEqual(discard);
    expect(j.controller.signal.reason).toEqual(shutdown);
  });

  it('settles a job that ended by itself and frees it once settled', () => {
    const j = job();
    expect(j.finish()).toBe('settle');
    expect(j.state).toMatchObject({ kind: 'settling', finished: true });
    expect(j.settlingBegun).toBe(true);
    expect(j.settlement).toBeNull();
    expect(j.settled(released)).toBe('free');
    expect(j.state).toMatchObject({ kind: 'ended', outlived: false });
    expect(j.settlement).toBe(released);
    expect(j.view().stopping).toBeNull();
  });

  it('lets a job that did not stop outlive its settled message, then frees it when it ends', () => {
    const j = job();
    j.stop(shutdown);
    expect(j.beginSettling()).toBe(true);
    expect(j.beginSettling()).toBe(false);
    expect(j.finished).toBe(false);
    expect(j.settled(released)).toBe('outliving');
    expect(j.view().stopping).toBe(OUTLIVED_NOTE);
    expect(j.finish()).toBe('free');
    expect(j.finished).toBe(true);
    expect(j.state).toMatchObject({ kind: 'ended', outlived: true });
  });

  it('leaves the slot to a settle under way when the job ends during it', () => {
    const j = job();
    j.beginSettling();
    expect(j.finish()).toBe('wait');
    expect(j.finished).toBe(true);
    expect(j.settled(released)).toBe('free');
  });

  it('refuses a stop or a discard once settling has begun, and keeps running phases out', () => {
    const j = job();
    j.beginSettling();
    expect(j.stop(shutdown)).toBe(false);
    j.discard(discard);
    expect(j.stopReason).toBeNull();
    expect(j.controller.signal.aborted).toBe(false);
    expect(j.setPhase('running-agent')).toBe(false);
    expect(j.setPhase('settling')).toBe(true);
  });

  it('records a lost lease at any stage, even while settling', () => {
    const j = job();
    j.beginSettling();
    j.loseLease();
    expect(j.leaseLost).toBe(true);
    expect(j.state.kind).toBe('settling');
  });

  it('cancels the abandon timer when settling begins', () => {
    const j = job();
    let cancelled = 0;
    j.abandonTimer = { cancel: () => (cancelled += 1) };
    j.beginSettling();
    expect(cancelled).toBe(1);
  });

  it('resolves whenRecorded once the job is recorded', async () => {
    const j = job();
    let done = false;
    void j.whenRecorded.then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    j.recorded();
    await j.whenRecorded;
    expect(done).toBe(true);
  });

  it('ignores events that cannot apply to the stage, returning the same state', () => {
    const ended: JobLifecycle = {
      kind: 'ended',
      stop: null,
      leaseLost: false,
      settlement: released,
      outlived: false,
    };
    expect(reduceLifecycle(ended, { kind: 'finish' })).toBe(ended);
    expect(reduceLifecycle(ended, { kind: 'settle' })).toBe(ended);
    expect(reduceLifecycle(running, { kind: 'settled', settlement: released })).toBe(running);
    const lost = reduceLifecycle(running, { kind: 'lease-lost' });
    expect(reduceLifecycle(lost, { kind: 'lease-lost' })).toBe(lost);
    const settling = reduceLifecycle(running, { kind: 'settle' });
    expect(reduceLifecycle(settling, { kind: 'settle' })).toBe(settling);
  });
});
