/**
 * Reads Aider's console output (with --no-pretty) line by line and keeps what the worker needs:
 * the edits it applied, the commits it made, LLM errors it printed (Aider exits 0 after them), and
 * the token/cost report. Pure: no I/O, bounded memory however long the output.
 *
 * Formats, from aider/coders/base_coder.py and aider/repo.py:
 *   "Applied edit to src/app.py"
 *   "Commit 1a2b3c4 fix: greet the world"
 *   "Tokens: 2.3k sent, 1.0k cache write, 500 cache hit, 345 received. Cost: $0.01 message, $0.02 session."
 *   "litellm.AuthenticationError: AnthropicException - …"   "Only 3 reflections allowed, stopping."
 */
import type { AgentUsage } from '../../../shared/records.ts';

export interface AgentCommit {
  readonly hash: string;
  readonly message: string;
}

export interface AgentReport {
  /** Files Aider said it edited, in order, without repeats. */
  readonly appliedEdits: readonly string[];
  readonly commits: readonly AgentCommit[];
  /** Lines that report a failed LLM call (first few kept). */
  readonly llmErrors: readonly string[];
  /** Aider gave up after the model's edits failed to apply repeatedly. */
  readonly reflectionsExhausted: boolean;
  readonly malformedResponses: number;
  readonly usage: AgentUsage;
}

const APPLIED = /^Applied edit to (.+)$/;
const COMMIT = /^Commit ([0-9a-f]{7,40}) (.+)$/;
const COUNT = String.raw`(\d+(?:\.\d+)?[kKmM]?)`;
const TOKENS = new RegExp(
  String.raw`Tokens: ${COUNT} sent(?:, ${COUNT} cache write)?(?:, ${COUNT} cache hit)?, ${COUNT} received\.`,
);
const COST = /Cost: \$(\d+(?:\.\d+)?) message, \$(\d+(?:\.\d+)?) session\./;
const REFLECTIONS = /^Only \d+ reflections allowed, stopping\.?$/;
const MALFORMED = /The LLM did not conform to the edit format/;
const LLM_ERROR = [
  /\blitellm\.[A-Za-z]*(?:Error|Exception)\b/,
  /^(?:API Error|Unexpected error):/,
  /The API provider is not able to authenticate you/,
  /The API provider's servers are down or overloaded/,
  /has hit a token limit!/,
  /exceeds the .* context window/i,
];
const MAX_KEPT = 20;

/** "345" → 345, "1.2k" → 1200, "12k" → 12000, "1.5M" → 1500000 (Aider's format_tokens). */
export function parseTokenCount(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(text.trim());
  if (!match) return Number.NaN;
  const scale = match[2] === '' ? 1 : match[2]!.toLowerCase() === 'k' ? 1_000 : 1_000_000;
  return Math.round(Number(match[1]) * scale);
}

export class AiderOutputParser {
  readonly #edits = new Set<string>();
  readonly #commits: AgentCommit[] = [];
  readonly #errors: string[] = [];
  #reflections = false;
  #malformed = 0;
  #sent: number | null = null;
  #received: number | null = null;
  #cost: number | null = null;

  push(line: string): void {
    const text = line.trim();
    if (text.length === 0 || text.length > 4000) return;
    const applied = APPLIED.exec(text);
    if (applied) {
      if (this.#edits.size < 1000) this.#edits.add(applied[1]!.trim());
      return;
    }
    const commit = COMMIT.exec(text);
    if (commit) {
      if (this.#commits.length < 200) this.#commits.push({ hash: commit[1]!, message: commit[2]! });
      return;
    }
    const tokens = TOKENS.exec(text);
    if (tokens) {
      this.#sent = (this.#sent ?? 0) + parseTokenCount(tokens[1]!);
      this.#received = (this.#received ?? 0) + parseTokenCount(tokens[4]!);
    }
    const cost = COST.exec(text);
    if (cost) this.#cost = Number(cost[2]);
    if (tokens || cost) return;
    if (REFLECTIONS.test(text)) {
      this.#reflections = true;
      return;
    }
    if (MALFORMED.test(text)) {
      this.#malformed++;
      return;
    }
    if (LLM_ERROR.some((pattern) => pattern.test(text)) && this.#errors.length < MAX_KEPT) {
      this.#errors.push(text.slice(0, 500));
    }
  }

  report(): AgentReport {
    return {
      appliedEdits: [...this.#edits],
      commits: [...this.#commits],
      llmErrors: [...this.#errors],
      reflectionsExhausted: this.#reflections,
      malformedResponses: this.#malformed,
      usage: { tokensSent: this.#sent, tokensReceived: this.#received, costUsd: this.#cost },
    };
  }
}

/** Parses a whole transcript at once (for tests and tools). */
export function parseAiderOutput(text: string): AgentReport {
  const parser = new AiderOutputParser();
  for (const line of text.split(/\r?\n/)) parser.push(line);
  return parser.report();
}
