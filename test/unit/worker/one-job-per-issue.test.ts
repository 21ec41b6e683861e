import { describe, expect, it } from 'vitest';
import type { JobRunner, StillWanted } from '../../../src-main/engine/ports/job.ts';
import { oneJobPerIssue } from '../../../src-main/engine/worker/one-job-per-issue.ts';

describe('one job per issue', () => {
  it("keeps the wrapped runner's heartbeat re-check, so dropped work still stops", () => {
    const stillWanted: StillWanted = async () => 'issue #1 was closed';
    const runner: JobRunner = Object.assign(async () => ({ kind: 'success' as const, details: {} }), {
      stillWanted,
    });
    expect(oneJobPerIssue(runner).stillWanted).toBe(stillWanted);
  });

  it('has no re-check when the wrapped runner has none', () => {
    const runner: JobRunner = async () => ({ kind: 'success', details: {} });
    expect(oneJobPerIssue(runner).stillWanted).toBeUndefined();
  });
});
