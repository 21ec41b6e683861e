/**
 * Why each mutant that `npm run mutate` leaves alive may stay (read by scripts/mutation-report.ts).
 * `original` is a piece of the mutated source text; a note covers every mutant of that mutator whose
 * source contains it. Add a test rather than a note wherever a test could tell the mutant apart.
 */
export interface SurvivorNote {
  readonly file: string;
  readonly mutator: string;
  readonly original: string;
  readonly kind: 'equivalent' | 'harmless';
  readonly why: string;
}

export const survivorNotes: readonly SurvivorNote[] = [
  {
    file: 'src-main/engine/worker/offline-backoff.ts',
    mutator: 'ArithmeticOperator',
    original: '1 - Number.EPSILON',
    kind: 'equivalent',
    why: 'the result is rounded to whole milliseconds, so clamping random() to 1 - ε or to 1 gives the same delay',
  },
  {
    file: 'src-main/engine/worker/settlement/decide.ts',
    mutator: 'OptionalChaining',
    original: 'result.details?.',
    kind: 'equivalent',
    why: 'a success always carries details (JobResult makes them required), so `?.` never short-circuits',
  },
  {
    file: 'src-main/engine/worker/settlement/decide.ts',
    mutator: 'Regex',
    original: '/; the message returns .*$/',
    kind: 'equivalent',
    why: 'the clause is the last thing decideSettlement writes into the reason, so `.*` already runs to the end',
  },
  {
    file: 'src-main/engine/agent/aider-output.ts',
    mutator: 'ConditionalExpression',
    original: 'text.length === 0',
    kind: 'equivalent',
    why: 'no pattern matches an empty line, so skipping it early only saves work',
  },
  {
    file: 'src-main/engine/agent/aider-output.ts',
    mutator: 'ConditionalExpression',
    original: 'tokens || cost',
    kind: 'harmless',
    why: 'the early return only saves work: a token or cost report line never matches the reflection, format or error patterns',
  },
  {
    file: 'src-main/engine/agent/aider-output.ts',
    mutator: 'LogicalOperator',
    original: 'tokens || cost',
    kind: 'harmless',
    why: 'as above: a token or cost line that falls through matches none of the later patterns',
  },
  {
    file: 'src-main/engine/agent/aider-output.ts',
    mutator: 'Regex',
    original: '(.+)$/',
    kind: 'equivalent',
    why: 'lines arrive split at line ends, and a greedy `(.+)` runs to the end of the line with or without `$`',
  },
  {
    file: 'src-main/engine/agent/aider-output.ts',
    mutator: 'Regex',
    original: 'stopping\\.?$/',
    kind: 'harmless',
    why: 'without `$` a line that starts with Aider’s exact words and goes on would also count; Aider prints the sentence alone',
  },
  {
    file: 'src-main/engine/agent/aider-output.ts',
    mutator: 'Regex',
    original: 'argument .*)/',
    kind: 'equivalent',
    why: 'the pattern has no end anchor, so `argument .*` and `argument .` match the same lines',
  },
  {
    file: 'src-main/engine/agent/claude-output.ts',
    mutator: 'ConditionalExpression',
    original: 'this.#messageUsage.size < 10_000',
    kind: 'harmless',
    why: 'a memory bound past any real session; a test needs 10,001 messages, and each re-sums all of them (quadratic), too slow for a unit test under coverage instrumentation',
  },
  {
    file: 'src-main/engine/agent/claude-output.ts',
    mutator: 'EqualityOperator',
    original: 'this.#messageUsage.size < 10_000',
    kind: 'harmless',
    why: 'as above: one message more or less under a bound no real session reaches',
  },
  {
    file: 'src-main/engine/agent/claude-output.ts',
    mutator: 'ConditionalExpression',
    original: "typeof value === 'string'",
    kind: 'equivalent',
    why: 'str() turns a string into itself either way: String(text) is text',
  },
  {
    file: 'src-main/engine/agent/claude-output.ts',
    mutator: 'StringLiteral',
    original: "'string'",
    kind: 'equivalent',
    why: 'as above: without the string test, String(text) still gives the text',
  },
  {
    file: 'src-main/engine/agent/claude-output.ts',
    mutator: 'LogicalOperator',
    original: "typeof value === 'number' && Number.isFinite(value)",
    kind: 'equivalent',
    why: 'values come from JSON.parse, which never yields NaN or Infinity, and Number.isFinite is false for every non-number',
  },
  {
    file: 'src-main/engine/agent/claude-output.ts',
    mutator: 'ConditionalExpression',
    original: "typeof value === 'number'",
    kind: 'equivalent',
    why: 'Number.isFinite alone is already false for every non-number',
  },
  {
    file: 'src-main/engine/agent/codex-output.ts',
    mutator: 'ConditionalExpression',
    original: "typeof value === 'string'",
    kind: 'equivalent',
    why: 'str() turns a string into itself either way: String(text) is text',
  },
  {
    file: 'src-main/engine/agent/codex-output.ts',
    mutator: 'StringLiteral',
    original: "'string'",
    kind: 'equivalent',
    why: 'as above: without the string test, String(text) still gives the text',
  },
  {
    file: 'src-main/engine/agent/codex-output.ts',
    mutator: 'LogicalOperator',
    original: "typeof value === 'number' && Number.isFinite(value)",
    kind: 'equivalent',
    why: 'values come from JSON.parse, which never yields NaN or Infinity, and Number.isFinite is false for every non-number',
  },
  {
    file: 'src-main/engine/agent/codex-output.ts',
    mutator: 'ConditionalExpression',
    original: "typeof value === 'number'",
    kind: 'equivalent',
    why: 'Number.isFinite alone is already false for every non-number',
  },
  {
    file: 'src-main/engine/agent/claude-output.ts',
    mutator: 'ConditionalExpression',
    original: "typeof b === 'object'",
    kind: 'equivalent',
    why: 'a block that is not an object has no `type`, so every branch skips it anyway',
  },
  {
    file: 'src-main/engine/agent/claude-output.ts',
    mutator: 'ArrayDeclaration',
    original: '[]',
    kind: 'equivalent',
    why: 'content that is not a list yields blocks without a `type`, which every branch skips',
  },
  {
    file: 'src-main/engine/agent/codex-output.ts',
    mutator: 'StringLiteral',
    original: "''",
    kind: 'equivalent',
    why: 'split() always returns at least one element, so the empty-string fallback never applies',
  },
  {
    file: 'src-main/engine/agent/codex-output.ts',
    mutator: 'BlockStatement',
    original: 'event = null',
    kind: 'equivalent',
    why: 'event is already null when JSON.parse throws',
  },
];
