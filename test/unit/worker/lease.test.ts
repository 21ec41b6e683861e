import { describe, expect, it } from 'vitest';
import { Lease, VISIBILITY_CAP_MS, type LeaseOptions } from '../../../src-main/engine/worker/lease.ts';
import { FakeClock } from '../../support/fake-clock.ts';

function sqsError(name: string, message = name): Error {
  return Object.assign(new Error(message), { name });
}

function setup(
  overrides: Partial<LeaseOptions> = {},
  extendImpl?: (seconds: number, handle: string) => Promise<void>,
  clock = new FakeClock(),
) {
  const extensions: { at: number; seconds: number; handle: string }[] = [];
  const lost: string[] = [];
  const caps: string[] = [];
  const receipt = { current: 'receipt-1' };
  const lease = new Lease({
    clock,
    leaseSeconds: 300,
    heartbeatMs: 100_000,
    receivedAt: clock.now(),
    receipt: () => receipt.current,
    extend: async (handle, seconds) => {
      extensions.push({ at: clock.now(), seconds, handle });
      await extendImpl?.(seconds, handle);
    },
    onChange: () => {},
    onLost: (reason) => lost.push(reason),
    onCapReached: (reason) => caps.push(reason),
    ...overrides,
  });
  lease.start();
  return { clock, lease, extensions, lost, caps, receipt, start: clock.now() };
}

describe('lease and heartbeats', () => {
  it('extends the lease by leaseSeconds every heartbeat interval, past the original timeout', async () => {
    const { clock, lease, extensions, lost, start } = setup();
    await clock.advance(1_000_000);
    expect(extensions.map((e) => [e.at - start, e.seconds])).toEqual(
      Array.from({ length: 10 }, (_, i) => [(i + 1) * 100_000, 300]),
    );
    expect(lost).toEqual([]);
    expect(lease.expiresAt).toBe(start + 1_000_000 + 300_000);
    expect(lease.view()).toEqual({
      expiresAt: new Date(start + 1_300_000).toISOString(),
      nextHeartbeatAt: new Date(start + 1_100_000).toISOString(),
      healthy: true,
    });
    lease.close();
  });

  it('is lost at once when SQS says the message is no longer in flight', async () => {
    const { clock, lease, lost } = setup({}, async () => {
      throw sqsError(
        'MessageNotInflight',
        'Message does not exist or is not available for visibility timeout change.',
      );
    });
    await clock.advance(100_000);
    expect(lost).toHaveLength(1);
    expect(lost[0]).toMatch(/lease was lost.*MessageNotInflight/);
    expect(lease.view()).toMatchObject({ healthy: false, nextHeartbeatAt: null });
  });

  it('is lost when the receipt handle is invalid or expired', async () => {
    for (const error of [
      sqsError('ReceiptHandleIsInvalid'),
      sqsError(
        'InvalidParameterValue',
        'Value x for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.',
      ),
    ]) {
      const { clock, lost } = setup({}, async () => {
        throw error;
      });
      await clock.advance(100_000);
      expect(lost).toHaveLength(1);
    }
  });

  it('survives two failed heartbeats and is lost after the third in a row', async () => {
    let calls = 0;
    const { clock, lost, extensions } = setup({}, async () => {
      calls++;
      throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    });
    await clock.advance(100_000);
    expect(lost).toEqual([]);
    await clock.advance(100_000 / 3);
    expect(lost).toEqual([]);
    await clock.advance(100_000 / 3);
    expect(calls).toBe(3);
    expect(extensions).toHaveLength(3);
    expect(lost[0]).toMatch(/3 heartbeats failed in a row/);
  });

  it('resets the failure count after a heartbeat succeeds', async () => {
    let calls = 0;
    const { clock, lost } = setup({}, async () => {
      calls++;
      if (calls % 3 !== 0) throw new Error('flaky network');
    });
    await clock.advance(2_000_000);
    expect(calls).toBeGreaterThan(20);
    expect(lost).toEqual([]);
  });

  it('is lost when the lease lapses before a heartbeat could extend it (a hung request)', async () => {
    const { clock, lost } = setup({}, () => new Promise<void>(() => {}));
    await clock.advance(299_999);
    expect(lost).toEqual([]);
    await clock.advance(1);
    expect(lost[0]).toMatch(/lapsed before a heartbeat/);
  });

  it('is lost when the heartbeat fires only after the lease lapsed (the laptop slept)', async () => {
    const { clock, lease, lost, extensions } = setup();
    await clock.advance(50_000);
    clock.jump(400_000);
    await clock.advance(0);
    expect(extensions).toEqual([]);
    expect(lost).toHaveLength(1);
    expect(lost[0]).toMatch(/lapsed before a heartbeat.*asleep/);
    expect(lease.healthy).toBe(false);
  });

  it('never extends past the 12-hour cap and stops the job 2 heartbeats before it', async () => {
    const { clock, extensions, caps, lost, start, lease } = setup();
    expect(lease.capAt - start).toBe(VISIBILITY_CAP_MS);
    expect(lease.stopAt - start).toBe(VISIBILITY_CAP_MS - 200_000);
    await clock.advance(VISIBILITY_CAP_MS - 200_001);
    expect(caps).toEqual([]);
    await clock.advance(1);
    expect(caps).toHaveLength(1);
    expect(caps[0]).toMatch(/12-hour visibility limit/);
    // Keep heartbeating while the job winds down, but never ask beyond the cap.
    await clock.advance(199_999);
    for (const e of extensions)
      expect(e.at + e.seconds * 1000).toBeLessThanOrEqual(start + VISIBILITY_CAP_MS);
    expect(extensions.at(-1)!.seconds).toBeLessThan(300);
    expect(lost).toEqual([]);
    // A job still running at the cap has lost its message for real.
    await clock.advance(1);
    expect(lost).toHaveLength(1);
  });

  it('renews on a redelivery and stops every timer when closed', async () => {
    const { clock, lease, extensions } = setup({}, () => new Promise<void>(() => {}));
    await clock.advance(250_000);
    lease.renew(clock.now());
    expect(lease.expiresAt).toBe(clock.now() + 300_000);
    lease.close();
    await clock.advance(10_000_000);
    expect(extensions).toHaveLength(1);
    expect(clock.pending).toBe(0);
  });

  it('times the first heartbeat from when the receive was sent, not from when the job started', async () => {
    // Lease 30 s, heartbeat 15 s, and the message came 19 s into the long poll.
    const clock = new FakeClock();
    const sentAt = clock.now() - 19_000;
    const { extensions, lost } = setup(
      { leaseSeconds: 30, heartbeatMs: 15_000, receivedAt: sentAt },
      undefined,
      clock,
    );
    await clock.advance(0);
    expect(extensions.map((e) => e.at - sentAt)).toEqual([19_000]);
    await clock.advance(60_000);
    expect(lost).toEqual([]);
    // Every later beat lands well inside the lease it extends.
    extensions.slice(1).forEach((e, i) => expect(e.at - extensions[i]!.at).toBe(15_000));
  });

  it('ignores a failed heartbeat on a receipt a redelivery has replaced', async () => {
    let fail!: (error: Error) => void;
    const { clock, lease, lost, receipt, extensions } = setup({}, (_seconds, handle) =>
      handle === 'receipt-1' ? new Promise<void>((_, reject) => (fail = reject)) : Promise.resolve(),
    );
    await clock.advance(100_000);
    expect(extensions.map((e) => e.handle)).toEqual(['receipt-1']);
    // The message is delivered again while that heartbeat is on the wire; then SQS refuses the old receipt.
    receipt.current = 'receipt-2';
    lease.renew(clock.now());
    fail(Object.assign(new Error('gone'), { name: 'ReceiptHandleIsInvalid' }));
    await clock.advance(0);
    expect(lost).toEqual([]);
    expect(lease.healthy).toBe(true);
    await clock.advance(100_000);
    expect(extensions.map((e) => e.handle)).toEqual(['receipt-1', 'receipt-2']);
    expect(lost).toEqual([]);
  });

  it('hands the heartbeat on the wire to close(), so a settle can wait for it to land', async () => {
    let land!: () => void;
    const { clock, lease } = setup({}, () => new Promise<void>((resolve) => (land = resolve)));
    await clock.advance(100_000);
    expect(lease.beating).toBe(true);
    let landed = false;
    void lease.close().then(() => (landed = true));
    await clock.advance(0);
    expect(landed).toBe(false);
    land();
    await clock.advance(0);
    expect(landed).toBe(true);
    expect(lease.beating).toBe(false);
  });

  it('stops the job early enough to wind down even when heartbeats are frequent', async () => {
    const { clock, lease, caps, start } = setup({ heartbeatMs: 1_000, windDownMs: 70_000 });
    expect(lease.stopAt - start).toBe(VISIBILITY_CAP_MS - 70_000);
    await clock.advance(VISIBILITY_CAP_MS - 70_000);
    expect(caps).toHaveLength(1);
    lease.close();
    // Never more than 30 minutes early, whatever the wind-down.
    const long = setup({ windDownMs: 5 * 3_600_000 });
    expect(long.lease.capAt - long.lease.stopAt).toBe(30 * 60 * 1000);
    long.lease.close();
  });
});
