/**
 * Retry with a note (issue #14): a task sent back — from the DLQ or from History — with the
 * maintainer's extra instruction and, optionally, another model. The note travels in the message
 * (validated and size-limited by the message schema), the job shows it in the agent's prompt as the
 * maintainer's note and records it in history. Fails with an Error saying what is wrong.
 */
import type { JobRecord } from '../../../shared/job-record.ts';
import {
  isReviewTask,
  parseTaskMessage,
  validateTaskMessage,
  type TaskMessage,
} from '../../../shared/task-message.ts';
import { asciiJson } from '../queue/send-task-message.ts';

export interface RetryNote {
  readonly note: string;
  /** Another model for this retry; absent keeps the configured one. */
  readonly model?: string;
}

/** A raw task body with the note (and model) set; refuses a body that is not a valid task. */
export function withRetryNote(body: string, retry: RetryNote): string {
  const parsed = parseTaskMessage(body);
  if (!parsed.ok) throw new Error(`only a valid task can be retried with a note (${parsed.summary})`);
  return asciiJson(retryTask(parsed.value, retry));
}

/** A task for a job in History: the issue it worked on, with the note. */
export function taskFromRecord(record: JobRecord, retry: RetryNote, now: number): TaskMessage {
  if (!record.issue) throw new Error(`job ${record.jobId} has no issue to retry`);
  if (record.review) throw new Error(REVIEW_ROUND_RETRY);
  return retryTask(
    {
      issue_number: record.issue.number,
      repository: record.issue.repository,
      title: record.issue.title,
      // The worker reads the issue's text from GitHub before any work; the body here is only a claim.
      body: '',
      labels: ['ai-task'],
      created_at: new Date(now).toISOString(),
    },
    retry,
  );
}

/** A review round's request is its prompt: asking again is a new comment, not a note. */
export const REVIEW_ROUND_RETRY =
  'a review round is not retried with a note: comment `/ai-task …` on its pull request to ask again';

function retryTask(task: TaskMessage, retry: RetryNote): TaskMessage {
  if (isReviewTask(task)) throw new Error(REVIEW_ROUND_RETRY);
  const { note: _oldNote, model: _oldModel, ...rest } = task;
  const next = { ...rest, note: retry.note, ...(retry.model ? { model: retry.model } : {}) };
  const checked = validateTaskMessage(next);
  if (!checked.ok) throw new Error(`the retry is not valid: ${checked.summary}`);
  return checked.value;
}
