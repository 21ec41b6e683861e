/**
 * What every preset's output parser makes of the agent's output, in one shape: the files it
 * edited, the commits it made, the errors it printed, whether it hit a failure no retry can fix
 * (a rejected key, a missing model), and its usage — tokens and the session's cost when the tool
 * reports one. Spend limits and the job record read usage from here the same way for every preset.
 */
import type { AgentUsage } from '../../../shared/job-record.ts';

export interface AgentCommit {
  readonly hash: string;
  readonly message: string;
}

/** A failure that another attempt cannot fix: the job fails permanently with `reason`. */
export interface AgentFatal {
  readonly kind: 'auth' | 'config';
  /** What the agent printed (first line, trimmed). */
  readonly detail: string;
}

export interface AgentReport {
  /** Files the agent said it edited, in order, without repeats. */
  readonly appliedEdits: readonly string[];
  readonly commits: readonly AgentCommit[];
  /** Lines that report a failed model call (first few kept). */
  readonly llmErrors: readonly string[];
  /** Aider gave up after the model's edits failed to apply repeatedly. */
  readonly reflectionsExhausted: boolean;
  readonly malformedResponses: number;
  /** The model API answered 429 (or the tool said it was rate-limited). */
  readonly rateLimited: boolean;
  readonly fatal: AgentFatal | null;
  /** The agent said it ended without finishing (Claude Code's error result, Codex's failed turn). */
  readonly incomplete: string | null;
  /** Token counts and the session's total cost in US dollars (null when the tool did not say). */
  readonly usage: AgentUsage;
}

/** Reads one preset's output line by line. Pure: no I/O, bounded memory however long the output. */
export interface AgentOutputParser {
  /** Takes one output line; returns the lines to show in the job log for it (none to hide it). */
  push(line: string): readonly string[];
  report(): AgentReport;
}

export const MAX_KEPT_ERRORS = 20;

export function emptyUsage(): AgentUsage {
  return { tokensSent: null, tokensReceived: null, costUsd: null };
}

/** Whether two usages differ (to call onReport only when usage changed). */
export function sameUsage(a: AgentUsage, b: AgentUsage): boolean {
  return a.tokensSent === b.tokensSent && a.tokensReceived === b.tokensReceived && a.costUsd === b.costUsd;
}

/** An HTTP status or error text that means the key (or login) was refused. */
export const AUTH_FAILURE =
  /\b401\b|Unauthorized|authentication_(?:error|failed)|AuthenticationError|invalid[ _-]?(?:x-)?api[ _-]?key|Incorrect API key|not able to authenticate/i;

export const RATE_LIMITED = /\b429\b|rate[ _-]?limit|RateLimitError|Too Many Requests/i;

/** What a parser without commits tracked (Claude Code, Codex, plain output): its report. */
export interface StreamState {
  readonly edits: ReadonlySet<string>;
  readonly errors: readonly string[];
  readonly rateLimited: boolean;
  readonly fatal: AgentFatal | null;
  readonly incomplete: string | null;
  readonly usage: AgentUsage;
}

export function streamReport(state: StreamState): AgentReport {
  return {
    appliedEdits: [...state.edits],
    commits: [],
    llmErrors: [...state.errors],
    reflectionsExhausted: false,
    malformedResponses: 0,
    rateLimited: state.rateLimited,
    fatal: state.fatal,
    incomplete: state.incomplete,
    usage: state.usage,
  };
}
