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
import {
  AUTH_FAILURE,
  MAX_KEPT_ERRORS,
  RATE_LIMITED,
  type AgentCommit,
  type AgentFatal,
  type AgentOutputParser,
  type AgentReport,
} from './agent-report.ts';

export type { AgentCommit, AgentReport } from './agent-report.ts';

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
/** Said before Aider offers the OpenRouter login, which would wait minutes for a browser. */
const NO_MODEL = /^No LLM model was specified and no API keys were provided\.?$/;
/**
 * argparse's complaint (exit 2): an Aider older than the flags the worker passes (0.64 added
 * some), or a settings file it cannot read.
 */
const BAD_ARGUMENTS = /^aider: error: /;

/** "345" → 345, "1.2k" → 1200, "12k" → 12000, "1.5M" → 1500000 (Aider's format_tokens). */
export function parseTokenCount(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(text.trim());
  if (!match) return Number.NaN;
  const scale = match[2] === '' ? 1 : match[2]!.toLowerCase() === 'k' ? 1_000 : 1_000_000;
  return Math.round(Number(match[1]) * scale);
}

export class AiderOutputParser implements AgentOutputParser {
  readonly #edits = new Set<string>();
  readonly #commits: AgentCommit[] = [];
  readonly #errors: string[] = [];
  #reflections = false;
  #malformed = 0;
  #sent: number | null = null;
  #received: number | null = null;
  #cost: number | null = null;
  #rateLimited = false;
  #fatal: AgentFatal | null = null;

  push(line: string): readonly string[] {
    this.#read(line);
    return [line];
  }

  #read(line: string): void {
    const text = line.trim();
    if (text.length === 0 || text.length > 4000) return;
    if (NO_MODEL.test(text) || BAD_ARGUMENTS.test(text)) {
      this.#fatal ??= { kind: 'config', detail: text.slice(0, 300) };
      return;
    }
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
    if (!LLM_ERROR.some((pattern) => pattern.test(text))) return;
    if (this.#errors.length < MAX_KEPT_ERRORS) this.#errors.push(text.slice(0, 500));
    if (/AuthenticationError|not able to authenticate/.test(text) && AUTH_FAILURE.test(text)) {
      this.#fatal ??= { kind: 'auth', detail: text.slice(0, 300) };
    } else if (RATE_LIMITED.test(text)) {
      this.#rateLimited = true;
    }
  }

  report(): AgentReport {
    return {
      appliedEdits: [...this.#edits],
      commits: [...this.#commits],
      llmErrors: [...this.#errors],
      reflectionsExhausted: this.#reflections,
      malformedResponses: this.#malformed,
      rateLimited: this.#rateLimited,
      fatal: this.#fatal,
      incomplete: null,
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
