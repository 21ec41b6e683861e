/**
 * The bridge between the UI and the engine: the only thing the renderer knows. The Electron preload
 * exposes each command as a verb over IPC; the headless server serves the same commands over a
 * WebSocket. Both sides validate params with these schemas, because both are trust boundaries.
 */
import { z } from 'zod';
import type { ApprovalView } from './approval.ts';
import type { DlqItem } from './dead-letter-item.ts';
import type { DoctorCheck } from './doctor-check.ts';
import type { JobRecord } from './job-record.ts';
import type { LogLine } from './log-line.ts';
import type { Notice } from './notice.ts';
import { settingsSchema, type Settings } from './settings.ts';
import { MAX_NOTE_CHARS, type FieldProblem } from './task-message.ts';
import { COMMAND_NAMES } from './command-names.ts';
import type { WorkerSnapshot } from './snapshot.ts';

const none = z.object({}).strict();
const messageId = z.object({ messageId: z.string().min(1).max(200) }).strict();
const jobId = z.string().min(1).max(200);
/** Retry with a note (issue #14): the maintainer's instruction and, optionally, another model. */
const note = z.string().trim().min(1, 'note-required').max(MAX_NOTE_CHARS, 'note-too-long');
const model = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,199}$/, 'invalid-model')
  .optional();

/** Params of every command, by name. Adding a command starts here. */
export const commandParams = {
  getSnapshot: none,
  pause: z
    .object({
      /** 'after-current' lets running jobs finish; 'stop-now' cancels them and releases their messages. */
      mode: z.enum(['after-current', 'stop-now']),
      /** ISO time for a timed pause; null pauses until resumed. */
      until: z.iso.datetime({ offset: true }).nullable(),
    })
    .strict(),
  resume: none,
  cancelJob: z
    .object({
      jobId: z.string().min(1).max(200),
      /** 'release' puts the message back on the queue; 'discard' quarantines it in the DLQ. */
      disposition: z.enum(['release', 'discard']),
    })
    .strict(),
  refreshStats: none,
  listDlq: none,
  redriveDlqItem: messageId,
  redriveAllDlq: none,
  deleteDlqItem: messageId,
  listHistory: z.object({ limit: z.number().int().min(1).max(1000) }).strict(),
  getJobLog: z
    .object({
      jobId: z.string().min(1).max(200),
      /** First line number wanted (1-based). */
      from: z.number().int().min(1),
      limit: z.number().int().min(1).max(50_000),
    })
    .strict(),
  getSettings: none,
  updateSettings: z.object({ settings: settingsSchema.partial() }).strict(),
  runDoctor: none,
  /** Stores the GitHub token in the OS keychain (Electron's safeStorage); never in settings. */
  setGitHubToken: z.object({ token: z.string().regex(/^\S{20,255}$/, 'must be a GitHub token') }).strict(),
  clearGitHubToken: none,
  /** Asks the shell to open a URL the app built (a PR or issue); the shell checks it first. */
  openExternal: z.object({ url: z.string().url().max(2000) }).strict(),
  // ---- guardrails (issue #14) ----
  /** Jobs waiting for approval before push. */
  listApprovals: none,
  /** The diff a waiting job would push (null when it no longer waits). */
  getApprovalDiff: z.object({ jobId }).strict(),
  /** Push, Discard, or Retry with a note, for a job waiting at the gate. */
  decideApproval: z.discriminatedUnion('kind', [
    z.object({ jobId, kind: z.literal('push') }).strict(),
    z.object({ jobId, kind: z.literal('discard') }).strict(),
    z.object({ jobId, kind: z.literal('retry'), note, model }).strict(),
  ]),
  /** Sends a DLQ message back with the maintainer's note (and model). */
  retryDlqItemWithNote: z.object({ messageId: z.string().min(1).max(200), note, model }).strict(),
  /** Sends the issue of a job in History back to the queue with the maintainer's note (and model). */
  retryJobWithNote: z.object({ jobId, note, model }).strict(),
  /**
   * Sandbox only (`codingworker sandbox`, whose snapshot says `sandbox: true`): files a sample issue
   * on the sandbox's own forge and sends its task to the embedded queue. The normal modes (the app,
   * `serve`) refuse it with 'unavailable': there it would put a made-up task on a real queue.
   */
  sendSampleIssue: none,
} as const;

export type CommandName = keyof typeof commandParams;
export type CommandParams<C extends CommandName> = z.infer<(typeof commandParams)[C]>;

/** How a pause treats running jobs: the pause command's `mode`. Derive, never spell out. */
export type PauseMode = CommandParams<'pause'>['mode'];
/** What cancelling a job does with its message: the cancelJob command's `disposition`. */
export type CancelDisposition = CommandParams<'cancelJob'>['disposition'];

export interface RedriveResult {
  readonly moved: number;
  /** 'move-task' when SQS moved them natively; 'manual' when the worker re-sent each one. */
  readonly method: 'move-task' | 'manual';
  /** Messages that could not be moved (still in the DLQ), with one line each on why. */
  readonly failed: number;
  readonly problems: readonly string[];
}

export interface JobLogPage {
  readonly lines: readonly LogLine[];
  readonly totalLines: number;
  readonly logFile: string | null;
}

export type UpdateSettingsResult =
  | { readonly ok: true; readonly settings: Settings }
  | { readonly ok: false; readonly problems: readonly FieldProblem[] };

/** What each command answers. */
export interface CommandResults {
  getSnapshot: WorkerSnapshot;
  pause: WorkerSnapshot;
  resume: WorkerSnapshot;
  cancelJob: WorkerSnapshot;
  refreshStats: WorkerSnapshot;
  listDlq: readonly DlqItem[];
  redriveDlqItem: RedriveResult;
  redriveAllDlq: RedriveResult;
  deleteDlqItem: { readonly deleted: boolean };
  listHistory: readonly JobRecord[];
  getJobLog: JobLogPage;
  getSettings: Settings;
  updateSettings: UpdateSettingsResult;
  runDoctor: readonly DoctorCheck[];
  setGitHubToken: SecretResult;
  clearGitHubToken: { readonly cleared: boolean };
  openExternal: { readonly opened: boolean };
  listApprovals: readonly ApprovalView[];
  getApprovalDiff: { readonly diff: string | null };
  decideApproval: { readonly decided: boolean };
  retryDlqItemWithNote: RedriveResult;
  retryJobWithNote: { readonly sent: boolean };
  sendSampleIssue: { readonly issueNumber: number };
}

/** Whether a secret was stored, and why not: the OS has no secure store, or this host has none. */
export interface SecretResult {
  readonly stored: boolean;
  readonly reason: 'basic-text' | 'unavailable' | null;
}

export const commandNames: readonly CommandName[] = COMMAND_NAMES;

// Compile-time proof that the preload's plain list names exactly the commands above.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _namesMatch: Same<(typeof COMMAND_NAMES)[number], CommandName> = true;
void _namesMatch;

/** Events the engine pushes to every UI. */
export interface BridgeEvents {
  snapshot: WorkerSnapshot;
  /** Log lines of one job, batched so a chatty agent costs few messages. */
  log: { readonly jobId: string; readonly lines: readonly LogLine[] };
  notice: Notice;
  /** The jobs waiting for approval, whenever they change. */
  approvals: readonly ApprovalView[];
  /** A job's history record, once written: how it ended (the Now tab's "last job", `run`'s line). */
  jobEnded: JobRecord;
}

export type EventName = keyof BridgeEvents;
export type BridgeEvent = {
  [E in EventName]: { readonly event: E; readonly payload: BridgeEvents[E] };
}[EventName];

/** Errors cross the bridge as data, never as stack traces. */
export interface BridgeErrorData {
  readonly code: 'invalid-params' | 'unknown-command' | 'failed' | 'unauthorized' | 'unavailable';
  readonly message: string;
}

export class BridgeError extends Error {
  readonly code: BridgeErrorData['code'];
  constructor(data: BridgeErrorData) {
    super(data.message);
    this.name = 'BridgeError';
    this.code = data.code;
  }
}

/** The API the renderer holds, the same in Electron and in a browser. */
export interface Bridge {
  invoke<C extends CommandName>(command: C, params: CommandParams<C>): Promise<CommandResults[C]>;
  /** Subscribe to every event; returns the unsubscribe. */
  onEvent(listener: (event: BridgeEvent) => void): () => void;
  /** The transport's own state: a browser's socket can drop; Electron's IPC is always connected. */
  onConnection(listener: (state: ConnectionState) => void): () => void;
  /** Where the bridge is running: the shell can open files, the browser cannot. */
  readonly host: 'electron' | 'web';
}

export type ConnectionState = 'connecting' | 'connected' | 'disconnected';

/** Validate a command's params at a trust boundary. */
export function parseCommand(
  command: unknown,
  params: unknown,
): { ok: true; command: CommandName; params: unknown } | { ok: false; error: BridgeErrorData } {
  if (typeof command !== 'string' || !Object.hasOwn(commandParams, command)) {
    return {
      ok: false,
      error: { code: 'unknown-command', message: `unknown command ${String(command).slice(0, 60)}` },
    };
  }
  const name = command as CommandName;
  const parsed = commandParams[name].safeParse(params ?? {});
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'params'}: ${i.message}`).join('; ');
    return { ok: false, error: { code: 'invalid-params', message: `${name}: ${detail}` } };
  }
  return { ok: true, command: name, params: parsed.data };
}

/** Wire format of the headless WebSocket. */
export type WireRequest = { readonly id: number; readonly command: string; readonly params: unknown };
export type WireResponse =
  | { readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly id: number; readonly ok: false; readonly error: BridgeErrorData };
export type WireMessage = WireResponse | ({ readonly type: 'event' } & BridgeEvent);

/** What serves the bridge: one async function per command. The engine's app implements it. */
export type CommandHandlers = {
  readonly [C in CommandName]: (params: CommandParams<C>) => Promise<CommandResults[C]>;
};
