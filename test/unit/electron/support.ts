/** Snapshots for the shell's pure functions. */
import {
  emptyStats,
  notPaused,
  type JobView,
  type PauseState,
  type WorkerSnapshot,
} from '../../../shared/snapshot.ts';

export function snapshot(change: Partial<WorkerSnapshot> = {}): WorkerSnapshot {
  return {
    seq: 1,
    status: 'polling',
    queueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/codingworker-tasks',
    dlqUrl: null,
    concurrency: 1,
    pause: notPaused,
    jobs: [],
    stats: emptyStats,
    lastError: null,
    retryAt: null,
    ...change,
  };
}

export function job(change: Partial<JobView> = {}): JobView {
  return {
    jobId: 'job-1',
    messageId: 'm-1',
    issue: { repository: 'octo/app', number: 12, title: 'Fix the flaky login test' },
    phase: 'running-agent',
    startedAt: '2026-01-10T10:00:00.000Z',
    receiveCount: 1,
    lease: {
      expiresAt: '2026-01-10T10:05:00.000Z',
      nextHeartbeatAt: '2026-01-10T10:01:40.000Z',
      healthy: true,
    },
    stopping: null,
    ...change,
  };
}

export function paused(reason: PauseState['reason'], until: string | null = null): PauseState {
  return { paused: true, reason, until, since: '2026-01-10T09:00:00.000Z' };
}
