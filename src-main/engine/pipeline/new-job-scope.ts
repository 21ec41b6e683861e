/**
 * The one way a job — a first round or a review round — builds its scope: its signal bounded by its
 * deadline, its folder, its spend cap, and the details and log the class running it keeps.
 */
import type { WorkerConfig } from '../config/worker-config.ts';
import { jobDirectory } from '../journal/job-paths.ts';
import type { JobContext, JobDetails } from '../ports/job.ts';
import { JobSpend } from '../spend/job-spend.ts';
import type { JobDeadline } from './job-deadline.ts';
import type { JobDeps, JobScope } from './job-scope.ts';

export interface JobScopeParts {
  readonly ctx: JobContext;
  readonly deps: JobDeps;
  readonly branch: string;
  readonly agent: WorkerConfig['agent'];
  readonly deadline: JobDeadline;
  readonly details: () => JobDetails;
  readonly addDetails: (details: JobDetails) => void;
  readonly log: (text: string) => void;
}

export function newJobScope(parts: JobScopeParts): JobScope {
  const { ctx, deps, deadline } = parts;
  return {
    ctx,
    deps,
    signal: AbortSignal.any([ctx.signal, deadline.signal]),
    jobDir: jobDirectory(deps.config.dataDir, ctx.jobId),
    branch: parts.branch,
    agent: parts.agent,
    spend: JobSpend.forJob({ ...deps.config.limits, leftTodayUsd: deps.dailyBudgetUsd?.() ?? null }),
    started: deps.clock.now(),
    remainingMs: () => deadline.remainingMs(),
    holdDeadline: () => deadline.hold(),
    details: parts.details,
    addDetails: parts.addDetails,
    log: parts.log,
    redact: (text) => deps.redactor.redact(text),
  };
}
