/**
 * The heartbeat's question "is this work still wanted?", asked of GitHub with one or two cheap
 * requests: the issue must be open and still labelled `ai-task`; for a review round, its pull
 * request must be open too. Everything else (who labelled it, edits) is checked again before the
 * push (publish.ts, review-round/push-round.ts). Throws a GitHubError when GitHub cannot answer.
 */
import { isReviewTask } from '../../../shared/task-message.ts';
import { getIssueState } from '../github/get-issue-state.ts';
import { getPullRequest } from '../github/get-pull-request.ts';
import type { GitHubClient } from '../github/github-client.ts';
import { parseRepository } from '../github/repository-ref.ts';
import { TASK_LABEL } from '../github/verify-issue.ts';
import type { StillWanted } from '../ports/job.ts';

export function gitHubStillWanted(client: GitHubClient): StillWanted {
  return async (task, signal) => {
    const repository = parseRepository(task.repository);
    const number = task.issue_number;
    if (isReviewTask(task)) {
      const pull = await getPullRequest(client, repository, task.pull_number, signal);
      if (!pull || pull.state !== 'open') return `pull request #${task.pull_number} was closed`;
    }
    const issue = await getIssueState(client, repository, number, signal);
    if (!issue) return `issue #${number} was deleted`;
    if (issue.state !== 'open') return `issue #${number} was closed`;
    if (!issue.labels.includes(TASK_LABEL))
      return `the ${TASK_LABEL} label was removed from issue #${number}`;
    return null;
  };
}
