/**
 * Reads `codex exec --json` output (one JSON event a line, Codex 0.17x) into readable log lines
 * and an AgentReport. Events:
 *   {"type":"thread.started","thread_id":…}   {"type":"turn.started"}
 *   {"type":"item.started"|"item.completed","item":{"type":"agent_message"|"reasoning"|
 *     "command_execution"|"file_change"|"error"|…,…}}
 *   {"type":"turn.completed","usage":{"input_tokens","cached_input_tokens","output_tokens",…}}
 *   {"type":"turn.failed","error":{"message":…}}   {"type":"error","message":…}
 * Codex reports tokens but no cost. Pure.
 */
import {
  AUTH_FAILURE,
  emptyUsage,
  MAX_KEPT_ERRORS,
  RATE_LIMITED,
  streamReport,
  type AgentFatal,
  type AgentOutputParser,
  type AgentReport,
} from './agent-report.ts';
import type { AgentUsage } from '../../../shared/job-record.ts';

type Json = Record<string, unknown>;

export class CodexOutputParser implements AgentOutputParser {
  readonly #edits = new Set<string>();
  readonly #errors: string[] = [];
  #usage: AgentUsage = emptyUsage();
  #rateLimited = false;
  #fatal: AgentFatal | null = null;
  #incomplete: string | null = null;

  push(line: string): readonly string[] {
    const text = line.trim();
    let event: Json | null = null;
    if (text.startsWith('{')) {
      try {
        event = JSON.parse(text) as Json;
      } catch {
        event = null;
      }
    }
    if (!event) {
      if (/\bERROR\b/.test(text)) this.#problem(text);
      return text.length > 0 ? [line] : [];
    }
    switch (event.type) {
      case 'thread.started':
        return [`Codex session ${str(event.thread_id)}`];
      case 'item.started':
      case 'item.completed':
        return this.#item(event.type === 'item.completed', (event.item ?? {}) as Json);
      case 'turn.completed':
        this.#addUsage((event.usage ?? {}) as Json);
        return [
          `Turn completed (${this.#usage.tokensSent ?? 0} tokens in, ${this.#usage.tokensReceived ?? 0} out)`,
        ];
      case 'turn.failed': {
        const message = str(((event.error ?? {}) as Json).message);
        this.#incomplete = firstLine(message);
        this.#problem(message);
        return [`Turn failed: ${firstLine(message)}`];
      }
      case 'error': {
        const message = str(event.message);
        this.#problem(message);
        return [`Error: ${firstLine(message)}`];
      }
      default:
        return [];
    }
  }

  report(): AgentReport {
    return streamReport({
      edits: this.#edits,
      errors: this.#errors,
      rateLimited: this.#rateLimited,
      fatal: this.#fatal,
      incomplete: this.#incomplete,
      usage: this.#usage,
    });
  }

  #problem(message: string): void {
    const line = firstLine(message);
    if (this.#errors.length < MAX_KEPT_ERRORS) this.#errors.push(line);
    if (AUTH_FAILURE.test(message)) this.#fatal ??= { kind: 'auth', detail: line };
    else if (RATE_LIMITED.test(message)) this.#rateLimited = true;
  }

  #item(done: boolean, item: Json): string[] {
    switch (item.type) {
      case 'agent_message':
        return done
          ? str(item.text)
              .split('\n')
              .filter((l) => l.trim().length > 0)
          : [];
      case 'reasoning':
        return done && str(item.text) ? [`(thinking) ${firstLine(str(item.text))}`] : [];
      case 'command_execution':
        return done
          ? [`  exit ${str(item.exit_code)}: ${firstLine(str(item.command))}`]
          : [`$ ${firstLine(str(item.command))}`];
      case 'file_change': {
        if (!done) return [];
        const changes = Array.isArray(item.changes) ? (item.changes as Json[]) : [];
        const ok = item.status === 'completed';
        return changes.map((change) => {
          const path = str(change.path);
          if (ok && this.#edits.size < 1000) this.#edits.add(path);
          return `${ok ? 'edited' : 'failed to edit'} ${path} (${str(change.kind)})`;
        });
      }
      case 'error':
        return done ? [`Warning: ${firstLine(str(item.message))}`] : [];
      default:
        return done && item.type ? [`(${str(item.type)})`] : [];
    }
  }

  #addUsage(usage: Json): void {
    const sent = num(usage.input_tokens);
    const received = num(usage.output_tokens);
    this.#usage = {
      tokensSent: sent === null ? this.#usage.tokensSent : (this.#usage.tokensSent ?? 0) + sent,
      tokensReceived:
        received === null ? this.#usage.tokensReceived : (this.#usage.tokensReceived ?? 0) + received,
      costUsd: null,
    };
  }
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').slice(0, 300);
}
