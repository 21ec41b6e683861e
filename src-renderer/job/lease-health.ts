/** How a running job's lease is doing, for the "lease health" line. Pure. */
import type { LeaseView } from '../../shared/snapshot.ts';

export type LeaseState = 'ok' | 'late' | 'lost';

export interface LeaseHealth {
  readonly state: LeaseState;
  /** Milliseconds to the next heartbeat; null when none is scheduled. Negative when overdue. */
  readonly nextHeartbeatIn: number | null;
  /** Milliseconds until the message becomes visible again unless extended. */
  readonly expiresIn: number;
}

/** A heartbeat this late is worth showing: the lease may lapse. */
const LATE_AFTER_MS = 10_000;

export function leaseHealth(lease: LeaseView, now: number): LeaseHealth {
  const expiresIn = Date.parse(lease.expiresAt) - now;
  const nextHeartbeatIn = lease.nextHeartbeatAt ? Date.parse(lease.nextHeartbeatAt) - now : null;
  let state: LeaseState = 'ok';
  if (!lease.healthy || !(expiresIn > 0)) state = 'lost';
  else if (nextHeartbeatIn !== null && nextHeartbeatIn < -LATE_AFTER_MS) state = 'late';
  return { state, nextHeartbeatIn, expiresIn: Number.isNaN(expiresIn) ? 0 : expiresIn };
}
