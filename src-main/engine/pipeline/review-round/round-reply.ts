/**
 * What the worker answers on the pull request after a review round: what it pushed (commits,
 * files, model, cost, duration), that nothing changed, or why it could not. Every answer carries
 * a hidden marker naming the request, so a second delivery of the same request finds it and
 * does nothing. Pure.
 */
import type { AgentUsage } from '../../../../shared/job-record.ts';
import { cleanLine, fenced, formatDuration, formatUsage, inlineCode } from '../pull-request-text.ts';

/** Starts every round marker; the worker's own comments carrying it are its round answers. */
export const ROUND_MARKER_PREFIX = '<!-- codingworker-round ';

export function roundMarker(type: 'issue_comment' | 'review', id: number): string {
  return `${ROUND_MARKER_PREFIX}${type}:${id} -->`;
}

export interface RoundPushedInput {
  readonly round: number;
  readonly author: string;
  readonly commits: readonly string[];
  readonly files: readonly string[];
  readonly agentLabel: string;
  readonly model: string | null;
  readonly usage: AgentUsage | null;
  readonly durationMs: number;
  readonly rebasedOnto: string | null;
  readonly marker: string;
}

export function roundPushedReply(input: RoundPushedInput): string {
  const parts = [
    `Round ${input.round}: CodingWorker pushed ${input.commits.length} commit(s) for @${cleanLine(input.author).replace(/[^\w-]/g, '')}'s request.`,
    '',
    fenced(input.commits.slice(0, 30).join('\n'), 'text'),
    '',
    `### Files changed (${input.files.length})`,
    '',
    fenced(input.files.slice(0, 100).join('\n'), 'text'),
  ];
  if (input.files.length > 100) parts.push(`…and ${input.files.length - 100} more.`);
  if (input.rebasedOnto) {
    parts.push(
      '',
      `The branch moved while the agent worked; its commits were placed on top of ${inlineCode(input.rebasedOnto.slice(0, 12), 20)}.`,
    );
  }
  parts.push(
    '',
    '| | |',
    '|---|---|',
    `| Agent | ${input.agentLabel} |`,
    `| Model | ${input.model ? `\`${cleanLine(input.model).replace(/`/g, '')}\`` : 'agent default'} |`,
    `| Duration | ${formatDuration(input.durationMs)} |`,
    `| Tokens and cost | ${formatUsage(input.usage) ?? 'not reported'} |`,
    '',
    input.marker,
  );
  return parts.join('\n');
}

export function roundNoChangesReply(round: number, marker: string): string {
  return [
    `Round ${round}: the agent made no changes for this request, so nothing was pushed.`,
    `It will not be retried; to ask again, post a new \`/ai-task …\` comment with more detail.`,
    '',
    marker,
  ].join('\n');
}

export function roundFailedReply(round: number, reason: string, jobId: string, marker: string): string {
  return [
    `Round ${round}: CodingWorker could not complete this request, and nothing was pushed.`,
    '',
    `Reason: ${inlineCode(reason, 300)}`,
    '',
    `Job ${inlineCode(jobId, 80)}; the full log is on the worker.`,
    '',
    marker,
  ].join('\n');
}
