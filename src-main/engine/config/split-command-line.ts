/**
 * Turns CODINGWORKER_AGENT_COMMAND into an argument array without a shell: a JSON array is taken
 * as is; otherwise words split on white space, with '…' and "…" grouping. Nothing is expanded.
 */
export function splitCommandLine(line: string): string[] {
  const trimmed = line.trim();
  if (trimmed.startsWith('[')) {
    const value: unknown = JSON.parse(trimmed);
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value;
    throw new Error('a JSON agent command must be an array of strings');
  }
  const words: string[] = [];
  let current = '';
  let quote: '"' | "'" | null = null;
  let inWord = false;
  for (const char of trimmed) {
    if (quote) {
      if (char === quote) quote = null;
      else current += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += char;
      inWord = true;
    }
  }
  if (quote) throw new Error(`unclosed ${quote} in the agent command`);
  if (inWord) words.push(current);
  return words;
}
