/**
 * The words the worker writes on GitHub: pull request title and body, the issue comments, the
 * commit message for leftovers. Pure. Agent output goes inside code fences (the pull request) or
 * stays out (the failure comment), so nothing it prints can mention people or inject markup;
 * everything passes the caller's redactor first.
 */
import { plainLabel } from '../../../shared/untrusted-text.ts';
import type { AgentUsage } from '../../../shared/job-record.ts';
import { formatCost } from '../support/format-cost.ts';

export const MAX_TITLE_CHARS = 256;
const MAX_BODY_CHARS = 60_000;

export function cleanLine(text: string): string {
  // Also drops bidi controls and zero-width characters, which would make a title read differently.
  return plainLabel(text);
}

export function pullRequestTitle(issueTitle: string, issueNumber: number): string {
  const suffix = ` (#${issueNumber})`;
  const title = cleanLine(issueTitle) || `Issue ${issueNumber}`;
  return title.length + suffix.length > MAX_TITLE_CHARS
    ? `${title.slice(0, MAX_TITLE_CHARS - suffix.length - 1)}…${suffix}`
    : `${title}${suffix}`;
}

export function commitMessage(issueTitle: string, issueNumber: number): string {
  return `${pullRequestTitle(issueTitle, issueNumber)}\n\nRemaining changes of the coding agent for #${issueNumber}, committed by CodingWorker.`;
}

/** A fence longer than any run of backticks in the text. */
export function fenced(text: string, info = ''): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${text}\n${fence}`;
}

export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export { formatCost };

export function formatUsage(usage: AgentUsage | null | undefined): string | null {
  if (!usage) return null;
  const parts: string[] = [];
  if (usage.tokensSent !== null) parts.push(`${usage.tokensSent.toLocaleString('en-US')} tokens sent`);
  if (usage.tokensReceived !== null) parts.push(`${usage.tokensReceived.toLocaleString('en-US')} received`);
  if (usage.costUsd !== null) parts.push(`cost ${formatCost(usage.costUsd)}`);
  return parts.length > 0 ? parts.join(', ') : null;
}

export interface PullRequestBodyInput {
  readonly issueNumber: number;
  readonly agentLabel: string;
  readonly model: string | null;
  readonly durationMs: number;
  readonly usage: AgentUsage | null;
  /** "Applied edit to …" and commit lines from the agent. */
  readonly summary: readonly string[];
  readonly files: readonly string[];
  readonly warnings: readonly string[];
  readonly jobId: string;
  /** The "### Checks" section (checks/checks-text.ts), when the repository has checks. */
  readonly checksSection?: string;
}

export function pullRequestBody(input: PullRequestBodyInput): string {
  const parts: string[] = [`Fixes #${input.issueNumber}`, ''];
  parts.push(
    `Opened by CodingWorker: ${input.agentLabel} worked on issue #${input.issueNumber}. Review before merging.`,
  );
  if (input.summary.length > 0) {
    parts.push('', '### What the agent did', '', fenced(capLines(input.summary, 60).join('\n'), 'text'));
  }
  parts.push('', `### Files changed (${input.files.length})`, '');
  const shown = input.files.slice(0, 100);
  parts.push(fenced(shown.join('\n'), 'text'));
  if (input.files.length > shown.length) parts.push(`…and ${input.files.length - shown.length} more.`);
  if (input.checksSection) parts.push('', input.checksSection);
  if (input.warnings.length > 0) {
    parts.push('', '### Warnings', '', fenced(capLines(input.warnings, 10).join('\n'), 'text'));
  }
  const usage = formatUsage(input.usage);
  parts.push(
    '',
    '| | |',
    '|---|---|',
    `| Agent | ${input.agentLabel} |`,
    `| Model | ${input.model ? `\`${cleanLine(input.model).replace(/`/g, '')}\`` : 'agent default'} |`,
    `| Duration | ${formatDuration(input.durationMs)} |`,
    `| Tokens and cost | ${usage ?? 'not reported'} |`,
    `| Job | \`${cleanLine(input.jobId).replace(/`/g, '')}\` |`,
  );
  return capText(parts.join('\n'), MAX_BODY_CHARS);
}

export function successComment(pullRequestUrl: string, pullRequestNumber: number): string {
  return `CodingWorker opened pull request #${pullRequestNumber} for this issue: ${pullRequestUrl}`;
}

export interface FailureCommentInput {
  /** Why the job failed, as the worker put it (it may quote a tool's error message). */
  readonly reason: string;
  /** The worker's own log lines, oldest first — never the agent's output. */
  readonly workerLines: readonly string[];
  readonly jobId: string;
  /** Local folders replaced by placeholders, in order (the data folder before the home folder). */
  readonly hidePaths?: readonly { readonly path: string; readonly placeholder: string }[];
}

/** Longest reason shown in a public comment. */
export const MAX_PUBLIC_REASON_CHARS = 300;

/**
 * The failure comment on the issue, which anyone who can read the issue sees: the reason as inline
 * code (no backticks inside, no mention, nothing rendered), the worker's last steps in a code
 * block, and local paths replaced by placeholders. The agent's own output stays in the job log
 * on the worker.
 */
export function failureComment(input: FailureCommentInput): string {
  const hide = (text: string) => hidePaths(text, input.hidePaths ?? []);
  const lines = capLines(input.workerLines.map(hide), 25);
  const joined = lines.join('\n');
  const steps = joined.length > 4000 ? `…${joined.slice(-4000)}` : joined;
  const parts = [
    `CodingWorker could not finish this issue: ${inlineCode(hide(input.reason), MAX_PUBLIC_REASON_CHARS)}`,
  ];
  if (steps.trim().length > 0) {
    parts.push(
      '',
      "<details><summary>The worker's last steps</summary>",
      '',
      fenced(steps, 'text'),
      '',
      '</details>',
    );
  }
  parts.push(
    '',
    `The full log, with the agent's output, is on the machine that ran the job (job ${inlineCode(input.jobId, 120)}). To try again, re-apply the \`ai-task\` label or send the task back from CodingWorker's dead-letter list.`,
  );
  return parts.join('\n');
}

/**
 * Text as a one-line inline code span that cannot end early or mention anyone: control characters
 * and backticks removed, "@" followed by a zero-width space, at most `max` characters.
 */
export function inlineCode(text: string, max: number): string {
  let clean = cleanLine(text.replace(/`/g, ''));
  if (clean.length > max) clean = `${clean.slice(0, max - 1)}…`;
  clean = clean.replace(/@/g, '@\u200b');
  return `\`${clean || ' '}\``;
}

/** Replaces each path (as a whole path segment prefix) by its placeholder. */
export function hidePaths(
  text: string,
  paths: readonly { readonly path: string; readonly placeholder: string }[],
): string {
  let out = text;
  for (const { path, placeholder } of paths) {
    const trimmed = path.replace(/\/+$/, '');
    if (trimmed.length < 2) continue;
    const escaped = trimmed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out.replace(new RegExp(`${escaped}(?![A-Za-z0-9._-])`, 'g'), placeholder);
  }
  return out;
}

function capLines(lines: readonly string[], max: number): string[] {
  const capped = lines.slice(-max).map((line) => (line.length > 500 ? `${line.slice(0, 500)}…` : line));
  return lines.length > max ? [`… ${lines.length - max} earlier lines left out`, ...capped] : capped;
}

function capText(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 20)}\n…(truncated)` : text;
}
