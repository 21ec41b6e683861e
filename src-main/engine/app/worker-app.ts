/**
 * The engine assembled for a UI: the consumer, the DLQ, the journal, settings and the doctor behind
 * the bridge's commands. Electron and the headless server both serve this one object.
 */
import {
  BridgeError,
  type CancelDisposition,
  type CommandHandlers,
  type PauseMode,
} from '../../../shared/bridge.ts';
import type { DlqItem } from '../../../shared/dead-letter-item.ts';
import type { DoctorCheck } from '../../../shared/doctor-check.ts';
import type { JobRecord } from '../../../shared/job-record.ts';
import type { RedriveResult, JobLogPage, SecretResult } from '../../../shared/bridge.ts';
import type { Settings } from '../../../shared/settings.ts';
import type { ConfinementView, PauseReason, WorkerSnapshot } from '../../../shared/snapshot.ts';
import type { BridgeService } from './bridge-service.ts';
import type { GuardrailsPort } from './guardrails-port.ts';
import { EventHub } from './event-hub.ts';
import type { SettingsService } from './settings-service.ts';

/** The consumer as the app uses it (src-main/engine/worker/worker.ts). */
export interface WorkerPort {
  start(): Promise<void>;
  stop(options?: { immediate?: boolean }): Promise<void>;
  pause(options: { mode: PauseMode; until: string | null; reason?: PauseReason }): void;
  resume(): void;
  cancel(jobId: string, disposition: CancelDisposition): boolean;
  snapshot(): WorkerSnapshot;
  onSnapshot(listener: (snapshot: WorkerSnapshot) => void): () => void;
  refreshStats(): Promise<void>;
  watchStats(watching: boolean): void;
}

export interface DlqPort {
  list(): Promise<readonly DlqItem[]>;
  delete(messageId: string): Promise<boolean>;
  /** With `retry`, the task goes back with the maintainer's note (and model) in it. */
  redrive(messageId: string, retry?: { note: string; model?: string }): Promise<RedriveResult>;
  redriveAll(): Promise<RedriveResult>;
}

export interface HistoryPort {
  list(limit: number): Promise<readonly JobRecord[]>;
  readLog(jobId: string, from: number, limit: number): Promise<JobLogPage>;
  logFilePath(jobId: string): string | null;
}

export interface WorkerAppParts {
  readonly worker: WorkerPort;
  /** Null when the queue has no DLQ: the DLQ commands then say so. */
  readonly dlq: () => DlqPort | null;
  readonly history: HistoryPort;
  readonly settings: SettingsService;
  readonly doctor: () => Promise<readonly DoctorCheck[]>;
  /** Opening URLs is the shell's; headless answers that it did not. */
  readonly openExternal?: (url: string) => Promise<boolean>;
  /** The OS keychain, where the shell has one; headless has none. */
  readonly secrets?: {
    setGitHubToken(token: string): Promise<SecretResult>;
    clearGitHubToken(): Promise<boolean>;
  };
  /** Where issue and pull request links point. */
  readonly githubServerUrl: string;
  /** Approval gate, spend and retry with a note (issue #14); absent in tests that do not need them. */
  readonly guardrails?: GuardrailsPort;
  /** The sandbox's "send a sample issue"; absent in the normal modes, which refuse the command. */
  readonly sampleIssues?: { send(): Promise<{ readonly issueNumber: number }> };
  /** How the agent runs here, once known (issue #10); null before the app has looked. */
  readonly confinement?: () => ConfinementView | null;
}

export interface WorkerApp {
  readonly service: BridgeService;
  /** The shell pauses with a reason (battery, suspend); the bridge's pause is always the user's. */
  pause(options: { mode: PauseMode; until: string | null; reason: PauseReason }): WorkerSnapshot;
  resume(): WorkerSnapshot;
  start(): Promise<void>;
  stop(options?: { immediate?: boolean }): Promise<void>;
  /** Events the engine publishes besides snapshots (log batches, notices) enter here. */
  readonly hub: EventHub;
}

export function createWorkerApp(parts: WorkerAppParts, hub = new EventHub()): WorkerApp {
  const { worker } = parts;
  const guardrails = parts.guardrails;
  const withLinks = (raw: WorkerSnapshot): WorkerSnapshot => ({
    ...raw,
    githubServerUrl: parts.githubServerUrl,
    ...(guardrails ? { spend: guardrails.spend() } : {}),
    ...(parts.sampleIssues ? { sandbox: true } : {}),
    ...confinementOf(parts),
  });
  guardrails?.onApprovals((views) => hub.publish({ event: 'approvals', payload: views }));
  const gate = (): GuardrailsPort => {
    if (!guardrails) throw new Error('approvals and retries are not available here');
    return guardrails;
  };
  const snapshot = () => withLinks(worker.snapshot());
  let watchers = 0;
  let jobIds = '';
  worker.onSnapshot((next) => {
    hub.publish({ event: 'snapshot', payload: withLinks(next) });
    // A job starting or ending changes the depth: show it now, not at the next interval.
    const ids = next.jobs.map((job) => job.jobId).join(',');
    if (ids !== jobIds && watchers > 0) void worker.refreshStats().catch(() => undefined);
    jobIds = ids;
  });

  const dlq = (): DlqPort => {
    const port = parts.dlq();
    if (!port)
      throw new Error('this queue has no dead-letter queue (no RedrivePolicy); see `codingworker doctor`');
    return port;
  };

  const handlers: CommandHandlers = {
    getSnapshot: async () => snapshot(),
    pause: async ({ mode, until }) => pause({ mode, until, reason: 'user' }),
    resume: async () => resume(),
    cancelJob: async ({ jobId, disposition }) => {
      if (!worker.cancel(jobId, disposition)) throw new Error(`no running job ${jobId}`);
      return snapshot();
    },
    refreshStats: async () => {
      await worker.refreshStats();
      return snapshot();
    },
    listDlq: () => dlq().list(),
    redriveDlqItem: async ({ messageId }) => afterDlqChange(await dlq().redrive(messageId)),
    redriveAllDlq: async () => afterDlqChange(await dlq().redriveAll()),
    deleteDlqItem: async ({ messageId }) => afterDlqChange({ deleted: await dlq().delete(messageId) }),
    listHistory: ({ limit }) => parts.history.list(limit),
    getJobLog: ({ jobId, from, limit }) => parts.history.readLog(jobId, from, limit),
    getSettings: async () => parts.settings.get(),
    updateSettings: async ({ settings }) => parts.settings.update(settings as Partial<Settings>),
    runDoctor: () => parts.doctor(),
    setGitHubToken: async ({ token }) =>
      parts.secrets ? parts.secrets.setGitHubToken(token) : { stored: false, reason: 'unavailable' },
    clearGitHubToken: async () => ({
      cleared: parts.secrets ? await parts.secrets.clearGitHubToken() : false,
    }),
    openExternal: async ({ url }) => ({ opened: parts.openExternal ? await parts.openExternal(url) : false }),
    listApprovals: async () => guardrails?.approvals() ?? [],
    getApprovalDiff: async ({ jobId }) => ({ diff: guardrails?.approvalDiff(jobId) ?? null }),
    decideApproval: async (answer) => {
      const { jobId, ...decision } = answer;
      return { decided: gate().decide(jobId, decision) };
    },
    retryDlqItemWithNote: async ({ messageId, note, model }) =>
      afterDlqChange(await dlq().redrive(messageId, { note, ...(model ? { model } : {}) })),
    retryJobWithNote: async ({ jobId, note, model }) => ({
      sent: await gate().retryJob(jobId, { note, ...(model ? { model } : {}) }),
    }),
    sendSampleIssue: async () => {
      if (!parts.sampleIssues)
        throw new BridgeError({
          code: 'unavailable',
          message: 'only `codingworker sandbox` sends sample issues; use `codingworker send-test-issue` here',
        });
      return parts.sampleIssues.send();
    },
  };

  function pause(options: { mode: PauseMode; until: string | null; reason: PauseReason }) {
    // Another pause (the user's, battery) must not replace the hold, or a resume would then lift it.
    if (!held()) worker.pause(options);
    return snapshot();
  }

  function resume() {
    // agent.sandbox "required" without a sandbox: no resume lifts that hold, only the setting.
    if (held())
      throw new BridgeError({
        code: 'unavailable',
        message:
          'agent.sandbox is "required" and this machine has no usable sandbox: change the setting or install one',
      });
    worker.resume();
    return snapshot();
  }

  /** agent.sandbox "required" without a sandbox holds the worker (app/sandbox-hold.ts). */
  function held(): boolean {
    const { pause } = worker.snapshot();
    return pause.paused && pause.reason === 'sandbox-required' && parts.confinement?.()?.kind === 'refused';
  }

  /** Depth shown right after the user acted, not at the next interval. */
  async function afterDlqChange<T>(result: T): Promise<T> {
    await worker.refreshStats().catch(() => undefined);
    return result;
  }

  const service: BridgeService = {
    handlers,
    subscribe: (listener) => hub.subscribe(listener),
    watch() {
      worker.watchStats(true);
      watchers += 1;
      let watching = true;
      return () => {
        if (watching) {
          worker.watchStats(false);
          watchers -= 1;
        }
        watching = false;
      };
    },
    health: () => ({ status: worker.snapshot().status }),
    logFilePath: (jobId) => parts.history.logFilePath(jobId),
  };

  return {
    service,
    hub,
    pause,
    resume,
    start: () => worker.start(),
    stop: (options) => worker.stop(options),
  };
}

function confinementOf(parts: WorkerAppParts): { confinement?: ConfinementView } {
  const view = parts.confinement?.() ?? null;
  return view ? { confinement: view } : {};
}
