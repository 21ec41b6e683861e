/**
 * Telling the issue why a job failed, when it will not be retried (a permanent failure, or the
 * last attempt). The comment is public: it carries the worker's reason and its own last steps,
 * with the data folder and the home folder replaced by placeholders — never the agent's output,
 * which stays in the job log on the worker. Best effort: a failure to comment is only logged.
 */
import { parseRepository } from '../github/repository-ref.ts';
import type { JobResult } from '../ports/job.ts';
import type { JobScope } from './job-scope.ts';
import { failureComment } from './pull-request-text.ts';
import { describeError } from '../../../shared/describe-error.ts';

export async function reportFailure(
  scope: JobScope,
  result: Extract<JobResult, { kind: 'retry' | 'permanent' }>,
  workerLines: readonly string[],
): Promise<void> {
  const { ctx } = scope;
  if (result.kind === 'retry' && !ctx.isLastAttempt) return;
  try {
    const repository = parseRepository(ctx.message.repository);
    const home = scope.deps.environment.HOME;
    const body = failureComment({
      reason: result.reason,
      workerLines,
      jobId: ctx.jobId,
      hidePaths: [
        { path: scope.deps.config.dataDir, placeholder: '<data folder>' },
        ...(home?.startsWith('/') ? [{ path: home, placeholder: '~' }] : []),
      ],
    });
    const commented = await scope.deps.forge.comment(
      repository,
      ctx.message.issue_number,
      scope.redact(body),
      ctx.signal,
    );
    if (commented) scope.log(`Reported the failure on issue #${ctx.message.issue_number}`);
  } catch (error) {
    scope.log(`Could not report the failure on the issue: ${describeError(error)}`);
  }
}
