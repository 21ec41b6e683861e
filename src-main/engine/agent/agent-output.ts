/** The output parser for an invocation's format: one interface, one parser per preset. */
import { AiderOutputParser } from './aider-output.ts';
import type { AgentOutputFormat } from './agent-command.ts';
import { emptyUsage, streamReport, type AgentOutputParser, type AgentReport } from './agent-report.ts';
import { ClaudeOutputParser } from './claude-output.ts';
import { CodexOutputParser } from './codex-output.ts';

/** A custom command's output is shown as it is; nothing is read from it. */
class PlainOutputParser implements AgentOutputParser {
  push(line: string): readonly string[] {
    return [line];
  }
  report(): AgentReport {
    return streamReport({
      edits: new Set(),
      errors: [],
      rateLimited: false,
      fatal: null,
      incomplete: null,
      usage: emptyUsage(),
    });
  }
}

export function createOutputParser(format: AgentOutputFormat): AgentOutputParser {
  switch (format) {
    case 'aider':
      return new AiderOutputParser();
    case 'claude-stream-json':
      return new ClaudeOutputParser();
    case 'codex-json':
      return new CodexOutputParser();
    case 'plain':
      return new PlainOutputParser();
  }
}
