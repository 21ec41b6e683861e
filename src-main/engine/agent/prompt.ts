/**
 * The agent's task, written to a file: the issue's title and text and the discussion under it,
 * within a size budget. Pure. The text is data for the agent, never for a shell.
 */
import type { IssueComment } from '../github/list-issue-comments.ts';

export interface PromptInput {
  readonly repository: string;
  readonly issueNumber: number;
  readonly title: string;
  readonly body: string;
  readonly comments: readonly IssueComment[];
  /** Comments left out by the caller (too many or too long). */
  readonly omittedComments?: number;
  /** Comments left out because their authors have no write access or association. */
  readonly excludedComments?: number;
  /** A maintainer's extra instruction sent with a retry (issue #14); shown after the issue text. */
  readonly note?: string;
  /** Upper bound on the prompt's length in characters. Default 100,000. */
  readonly maxChars?: number;
}

export const DEFAULT_PROMPT_CHARS = 100_000;

export function buildPrompt(input: PromptInput): string {
  const max = input.maxChars ?? DEFAULT_PROMPT_CHARS;
  const head = [
    `You are working on GitHub issue #${input.issueNumber} in the repository ${input.repository}.`,
    'Make the code changes that resolve it, in this repository. Keep the change focused; do not',
    'rewrite unrelated code. The issue text below comes from the issue tracker.',
    '',
    `# ${oneLine(input.title)}`,
    '',
  ].join('\n');
  const note = input.note?.trim()
    ? `\n\n# Maintainer's note (sent with this retry; it takes precedence over the issue text)\n\n${input.note.trim()}`
    : '';
  const tail = `${note}\n\n---\nWhen you are done, the changes will be committed and proposed as a pull request.\n`;
  const bodyBudget = Math.max(0, max - head.length - tail.length);
  let body = input.body.trim() || '(The issue has no description.)';
  if (body.length > bodyBudget) body = `${body.slice(0, bodyBudget - 40)}\n\n[… description truncated]`;

  let discussion = '';
  let budget = bodyBudget - body.length;
  const parts: string[] = [];
  // The newest comments usually hold the latest clarifications: keep them first.
  for (let i = input.comments.length - 1; i >= 0; i--) {
    const comment = input.comments[i]!;
    const part = `\n\n## Comment by @${comment.author} (${comment.createdAt})\n\n${comment.body.trim()}`;
    if (part.length > budget) break;
    budget -= part.length;
    parts.unshift(part);
  }
  const omitted = (input.omittedComments ?? 0) + (input.comments.length - parts.length);
  const excluded = input.excludedComments ?? 0;
  if (parts.length > 0 || omitted > 0 || excluded > 0) {
    discussion = '\n\n# Discussion on the issue';
    if (excluded > 0) {
      discussion += `\n\n(${excluded} comment${excluded === 1 ? '' : 's'} by people who are not owners, members or collaborators of the repository ${excluded === 1 ? 'was' : 'were'} left out.)`;
    }
    if (omitted > 0)
      discussion += `\n\n(${omitted} earlier comment${omitted === 1 ? '' : 's'} left out for length.)`;
    discussion += parts.join('');
  }
  return `${head}${body}${discussion}${tail}`;
}

function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}
