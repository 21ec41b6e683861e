/**
 * The agent's task for a review round: the issue (what the pull request is for), the reviewer's
 * request, and a review's inline comments with their file and line. Pure. All of it is text from
 * GitHub — data for the agent, never for a shell.
 */
import type { ReviewComment } from '../../github/list-review-comments.ts';

export interface RoundPromptInput {
  readonly repository: string;
  readonly issueNumber: number;
  readonly issueTitle: string;
  readonly issueBody: string;
  readonly pullNumber: number;
  readonly branch: string;
  readonly round: number;
  readonly author: string;
  readonly kind: 'issue_comment' | 'review';
  readonly request: string;
  readonly inline: readonly ReviewComment[];
  /** Upper bound on the prompt's length in characters. */
  readonly maxChars: number;
  /** A maintainer's note from the approval gate's "Retry with a note", if any. */
  readonly note?: string | null;
}

export function buildRoundPrompt(input: RoundPromptInput): string {
  const head = [
    `You are continuing work on pull request #${input.pullNumber} (branch ${input.branch}) in the`,
    `repository ${input.repository}, which resolves GitHub issue #${input.issueNumber}. This is review`,
    `round ${input.round}: a reviewer asked for changes. Make the changes they ask for, on top of the`,
    'code as it is in this branch now. Keep the change focused; do not rewrite unrelated code.',
    'The texts below come from the issue tracker.',
    '',
  ].join('\n');
  const tail = '\n\n---\nWhen you are done, the changes will be committed and pushed to the pull request.\n';
  const inline = input.inline.map(
    (c) => `\n\n### ${c.path}${lineLabel(c)} (@${c.author})\n\n${c.body.trim()}`,
  );
  const request = stripCommand(input.request) || '(No summary: see the inline comments below.)';
  const requestPart = `# Review request by @${input.author}\n\n${request}`;
  const inlinePart =
    (inline.length > 0 ? `\n\n# Inline review comments (${inline.length})${inline.join('')}` : '') +
    (input.note ? `\n\n# Note from the maintainer\n\n${input.note.trim()}` : '');
  const issueHeading = `\n\n# The issue: ${oneLine(input.issueTitle)}\n\n`;
  // The request and the inline comments matter most: the issue's text gives way first.
  const fixed = head.length + requestPart.length + inlinePart.length + issueHeading.length + tail.length;
  const room = Math.max(0, input.maxChars - fixed);
  let issue = input.issueBody.trim() || '(The issue has no description.)';
  if (issue.length > room) issue = `${issue.slice(0, Math.max(0, room - 40))}\n\n[… description truncated]`;
  const prompt = `${head}${requestPart}${inlinePart}${issueHeading}${issue}${tail}`;
  return prompt.length > input.maxChars
    ? `${prompt.slice(0, input.maxChars - 30)}\n\n[… truncated]\n`
    : prompt;
}

function lineLabel(comment: ReviewComment): string {
  if (comment.line === null) return ' (on an earlier version of the file)';
  if (comment.startLine !== null && comment.startLine !== comment.line) {
    return `, lines ${comment.startLine}-${comment.line}`;
  }
  return `, line ${comment.line}`;
}

/** The `/ai-task` command itself is for the worker, not the agent. */
function stripCommand(text: string): string {
  return text
    .trim()
    .replace(/^\/ai-task\b[ \t]*/, '')
    .trim();
}

function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}
