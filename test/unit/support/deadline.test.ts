import { describe, expect, it } from 'vitest';
import { waitAtMost, withDeadline } from '../../../src-main/engine/support/deadline.ts';
import { FakeClock } from '../../support/fake-clock.ts';

describe('withDeadline', () => {
  it('settles as the call did when it answers in time, and leaves no timer behind', async () => {
    const clock = new FakeClock();
    await expect(withDeadline(clock, 5_000, async () => 'answer')).resolves.toBe('answer');
    expect(clock.pending).toBe(0);
    await expect(
      withDeadline(clock, 5_000, async () => Promise.reject(new Error('refused'))),
    ).rejects.toThrow('refused');
    expect(clock.pending).toBe(0);
  });

  it('rejects with a TimeoutError naming the service and aborts the call when it hangs', async () => {
    const clock = new FakeClock();
    let seen: AbortSignal | undefined;
    const result = withDeadline(
      clock,
      30_000,
      (signal) => ((seen = signal), new Promise<never>(() => {})),
      'GitHub',
    );
    const outcome = result.catch((error: unknown) => error);
    await clock.advance(29_999);
    expect(seen?.aborted).toBe(false);
    await clock.advance(1);
    const error = (await outcome) as Error;
    expect(error.name).toBe('TimeoutError');
    expect(error.message).toBe('GitHub did not answer within 30 s');
    expect(seen?.aborted).toBe(true);
  });

  it('names SQS when no service is given', async () => {
    const clock = new FakeClock();
    const outcome = withDeadline(clock, 2_000, () => new Promise<never>(() => {})).catch((e: unknown) => e);
    await clock.advance(2_000);
    expect(((await outcome) as Error).message).toBe('SQS did not answer within 2 s');
  });
});

describe('waitAtMost', () => {
  it('resolves when the promise settles, even by rejecting', async () => {
    const clock = new FakeClock();
    await waitAtMost(clock, 1_000, Promise.reject(new Error('ignored')));
    expect(clock.pending).toBe(0);
  });

  it('resolves after the limit when the promise never settles', async () => {
    const clock = new FakeClock();
    let done = false;
    const waiting = waitAtMost(clock, 1_000, new Promise(() => {})).then(() => (done = true));
    await clock.advance(999);
    expect(done).toBe(false);
    await clock.advance(1);
    await waiting;
    expect(done).toBe(true);
  });
});
