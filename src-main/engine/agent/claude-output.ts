/**
 * Reads Claude Code's `--output-format stream-json --verbose` output (one JSON event a line) and
 * turns it into readable log lines and an AgentReport. Events, as Claude Code 2.1 prints them:
 *   {"type":"system","subtype":"init","model":…,"claude_code_version":…}
 *   {"type":"assistant","message":{"id":…,"content":[{"type":"text"|"tool_use",…}],"usage":{…}}}
 *   {"type":"user","message":{"content":[{"type":"tool_result","tool_use_id":…,"is_error":…}]}}
 *   {"type":"system","subtype":"api_retry","attempt":1,"max_retries":10,"error_status":401,"error":"authentication_failed"}
 *   {"type":"system","subtype":"permission_denied","tool_name":…,"message":…}
 *   {"type":"result","subtype":"success"|"error_during_execution"|…,"is_error":…,"total_cost_usd":…,"usage":{…}}
 * A rejected key shows only as api_retry events (Claude Code retries it for minutes), so the first
 * one with 401/403 is reported as fatal and the worker stops the agent. Pure.
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

const EDIT_TOOLS = new Set(['Write', 'Edit', 'MultiEdit', 'NotebookEdit']);

export class ClaudeOutputParser implements AgentOutputParser {
  readonly #edits = new Set<string>();
  readonly #pendingEdits = new Map<string, string>();
  readonly #errors: string[] = [];
  readonly #messageUsage = new Map<string, { sent: number; received: number }>();
  #usage: AgentUsage = emptyUsage();
  #rateLimited = false;
  #fatal: AgentFatal | null = null;
  #incomplete: string | null = null;

  push(line: string): readonly string[] {
    const text = line.trim();
    if (!text.startsWith('{')) {
      this.#plain(text);
      return text.length > 0 ? [line] : [];
    }
    let event: Json;
    try {
      event = JSON.parse(text) as Json;
    } catch {
      this.#plain(text);
      return [line];
    }
    switch (event.type) {
      case 'system':
        return this.#system(event);
      case 'assistant':
        return this.#assistant(event);
      case 'user':
        return this.#user(event);
      case 'result':
        return this.#result(event);
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

  #plain(text: string): void {
    if (/API Error|Invalid API key|authentication/i.test(text)) {
      this.#error(text);
      if (AUTH_FAILURE.test(text)) this.#fatal ??= { kind: 'auth', detail: text.slice(0, 300) };
    }
  }

  #error(text: string): void {
    if (this.#errors.length < MAX_KEPT_ERRORS) this.#errors.push(text.slice(0, 500));
  }

  #system(event: Json): string[] {
    switch (event.subtype) {
      case 'init':
        return [
          `Claude Code ${str(event.claude_code_version)} · model ${str(event.model)} · permission mode ${str(event.permissionMode)}`,
        ];
      case 'api_retry': {
        const status = typeof event.error_status === 'number' ? event.error_status : null;
        const what = `${status ?? ''} ${str(event.error)}`.trim();
        const line = `Model API error (${what}); retry ${str(event.attempt)} of ${str(event.max_retries)} in ${seconds(event.retry_delay_ms)}`;
        this.#error(line);
        if (status === 401 || status === 403 || /authentication/.test(str(event.error))) {
          this.#fatal ??= { kind: 'auth', detail: what };
        } else if (status === 429 || RATE_LIMITED.test(str(event.error))) {
          this.#rateLimited = true;
        }
        return [line];
      }
      case 'permission_denied':
        return [`Permission denied: ${str(event.message)}`];
      default:
        return [];
    }
  }

  #assistant(event: Json): string[] {
    const message = (event.message ?? {}) as Json;
    this.#countUsage(str(message.id), (message.usage ?? {}) as Json);
    const lines: string[] = [];
    for (const block of blocks(message.content)) {
      if (block.type === 'text') {
        lines.push(
          ...str(block.text)
            .split('\n')
            .filter((l) => l.trim().length > 0),
        );
      } else if (block.type === 'tool_use') {
        const input = (block.input ?? {}) as Json;
        const name = str(block.name);
        const target = str(
          input.file_path ?? input.notebook_path ?? input.command ?? input.pattern ?? input.url ?? '',
        );
        if (EDIT_TOOLS.has(name) && typeof (input.file_path ?? input.notebook_path) === 'string') {
          this.#pendingEdits.set(str(block.id), str(input.file_path ?? input.notebook_path));
        }
        lines.push(`→ ${name}${target ? ` ${target.split('\n')[0]!.slice(0, 200)}` : ''}`);
      }
    }
    return lines;
  }

  #user(event: Json): string[] {
    const lines: string[] = [];
    for (const block of blocks(((event.message ?? {}) as Json).content)) {
      if (block.type !== 'tool_result') continue;
      const id = str(block.tool_use_id);
      const file = this.#pendingEdits.get(id);
      this.#pendingEdits.delete(id);
      if (block.is_error === true) {
        const content = typeof block.content === 'string' ? block.content : JSON.stringify(block.content);
        lines.push(`  tool error: ${content.split('\n')[0]!.slice(0, 300)}`);
      } else if (file !== undefined && this.#edits.size < 1000) {
        this.#edits.add(file);
        lines.push(`  edited ${file}`);
      }
    }
    return lines;
  }

  #result(event: Json): string[] {
    const usage = (event.usage ?? {}) as Json;
    const sent = sumOf(usage, ['input_tokens', 'cache_creation_input_tokens', 'cache_read_input_tokens']);
    const received = num(usage.output_tokens);
    const cost = num(event.total_cost_usd);
    this.#usage = {
      tokensSent: sent ?? this.#usage.tokensSent,
      tokensReceived: received ?? this.#usage.tokensReceived,
      costUsd: cost ?? this.#usage.costUsd,
    };
    const subtype = str(event.subtype);
    if (event.is_error === true || subtype !== 'success') {
      const why = typeof event.result === 'string' && event.result ? event.result : subtype;
      this.#incomplete = why.split('\n')[0]!.slice(0, 300);
      if (AUTH_FAILURE.test(why)) this.#fatal ??= { kind: 'auth', detail: this.#incomplete };
    }
    const turns = typeof event.num_turns === 'number' ? `, ${event.num_turns} turn(s)` : '';
    const costText = cost === null ? '' : `, $${cost.toFixed(4)}`;
    return [`Result: ${subtype}${turns}${costText}`];
  }

  #countUsage(id: string, usage: Json): void {
    const sent = sumOf(usage, ['input_tokens', 'cache_creation_input_tokens', 'cache_read_input_tokens']);
    const received = num(usage.output_tokens);
    if (sent === null && received === null) return;
    if (this.#messageUsage.size < 10_000)
      this.#messageUsage.set(id, { sent: sent ?? 0, received: received ?? 0 });
    let totalSent = 0;
    let totalReceived = 0;
    for (const entry of this.#messageUsage.values()) {
      totalSent += entry.sent;
      totalReceived += entry.received;
    }
    this.#usage = { ...this.#usage, tokensSent: totalSent, tokensReceived: totalReceived };
  }
}

function blocks(content: unknown): Json[] {
  return Array.isArray(content) ? content.filter((b): b is Json => typeof b === 'object' && b !== null) : [];
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function sumOf(usage: Json, keys: readonly string[]): number | null {
  const values = keys.map((key) => num(usage[key])).filter((v): v is number => v !== null);
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0);
}

function seconds(ms: unknown): string {
  return typeof ms === 'number' ? `${(ms / 1000).toFixed(1)} s` : '?';
}
