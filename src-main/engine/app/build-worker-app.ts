/**
 * The composition root of the engine: real consumer, pipeline, journal and DLQ operations from one
 * config. The CLI and the Electron shell call this; tests call it too, with local peers.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Notice } from '../../../shared/notice.ts';
import type { WorkerConfig } from '../config/worker-config.ts';
import type { UnknownKey } from '../config/unknown-keys.ts';
import { runDoctor, type DoctorCheckRunner } from '../doctor/doctor.ts';
import { DlqOperations } from '../dlq/dlq-operations.ts';
import type { GitHubTokenResolution } from '../github/resolve-token.ts';
import type { JobRunner } from '../ports/job.ts';
import { createJournal } from '../journal/journal.ts';
import { JOB_LOG_NAME } from '../journal/job-paths.ts';
import { ProcessRecords } from '../agent/process-records.ts';
import { agentConfinementView, type SandboxSupport } from '../agent/sandbox/detect.ts';
import type { ConfinementView } from '../../../shared/snapshot.ts';
import { applySandboxHold } from './sandbox-hold.ts';
import { ApprovalBoard } from '../pipeline/approval/approval-board.ts';
import { createPipeline } from '../pipeline/pipeline.ts';
import { oneJobPerIssue } from '../worker/one-job-per-issue.ts';
import type { Clock } from '../ports/clock.ts';
import type { KeyValueStore } from '../ports/key-value-store.ts';
import type { Notifier } from '../ports/notifier.ts';
import { createSqsClient } from '../queue/sqs-client.ts';
import { sendTaskMessage } from '../queue/send-task-message.ts';
import { taskFromRecord } from '../retry/retry-message.ts';
import { DailySpendLimit } from '../spend/daily-limit.ts';
import { systemClock } from '../ports/clock.ts';
import { Redactor } from '../security/redact.ts';
import { Worker, type WorkerTimings } from '../worker/worker.ts';
import { watchDlqGrowth } from './dlq-growth.ts';
import { EventHub } from './event-hub.ts';
import { createSettingsService } from './settings-service.ts';
import { createWorkerApp, type WorkerApp, type WorkerAppParts } from './worker-app.ts';

/** Environment variables whose values are secrets wherever they appear in output. */
const SECRET_VARIABLES = [
  'GITHUB_TOKEN',
  'GH_TOKEN',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'OPENAI_API_KEY',
  'ANTHROPIC_API_KEY',
  'GEMINI_API_KEY',
  'GOOGLE_API_KEY',
  'OPENROUTER_API_KEY',
  'DEEPSEEK_API_KEY',
  'GROQ_API_KEY',
  'MISTRAL_API_KEY',
  'AZURE_API_KEY',
];

/**
 * Queue stats while a UI watches: often enough to feel live, rare enough to cost little (two
 * GetQueueAttributes calls each time, and only while a window or browser tab is open).
 */
const STATS_INTERVAL_MS = 10_000;

export interface BuildWorkerAppOptions {
  readonly config: WorkerConfig;
  /** The process environment, read once here at the edge. */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly store: KeyValueStore;
  /** The shell's native notifications, or a log line headless. */
  readonly notifier: Notifier;
  readonly github: GitHubTokenResolution | null;
  /** Default: built from config (region, profile, endpoint). */
  readonly sqs?: SQSClient;
  /** Default: the real pipeline (GitHub, git, the agent). The sandbox brings its own. */
  readonly runJob?: JobRunner;
  readonly openExternal?: (url: string) => Promise<boolean>;
  /** The shell's keychain for the GitHub token. */
  readonly secrets?: WorkerAppParts['secrets'];
  readonly clock?: Clock;
  readonly timings?: Partial<WorkerTimings>;
  /** Keys of the config file and saved settings the worker ignored; "Check setup" lists them. */
  readonly unknownKeys?: readonly UnknownKey[];
  /** The checks "Check setup" runs; default the doctor's (the sandbox brings its own). */
  readonly doctorChecks?: readonly DoctorCheckRunner[];
  /** The sandbox's sample issues (the bridge's sendSampleIssue); absent in the normal modes. */
  readonly sampleIssues?: WorkerAppParts['sampleIssues'];
  /** Where issue and PR links point; default config.github.serverUrl. */
  readonly githubServerUrl?: string;
  /** Which OS sandbox this machine has; default the real detection (tests pass a machine without). */
  readonly detectSandbox?: () => Promise<SandboxSupport>;
}

export interface BuiltWorkerApp extends WorkerApp {
  readonly redactor: Redactor;
  readonly sqs: SQSClient;
}

export function buildWorkerApp(options: BuildWorkerAppOptions): BuiltWorkerApp {
  const { config, env } = options;
  const redactor = new Redactor();
  for (const name of SECRET_VARIABLES) redactor.add(env[name]);
  redactor.add(options.github?.token);

  const sqs = options.sqs ?? createSqsClient(config);
  const hub = new EventHub();
  const written = createJournal({
    dataDir: config.dataDir,
    redactor,
    onLines: (jobId, lines) => hub.publish({ event: 'log', payload: { jobId, lines } }),
  });
  // Every UI (and `run`) hears how a job ended as soon as its record is written.
  const journal: typeof written = {
    ...written,
    async record(record) {
      await written.record(record);
      hub.publish({ event: 'jobEnded', payload: record });
    },
  };
  const notifier: Notifier = {
    notify(notice: Notice) {
      hub.publish({ event: 'notice', payload: notice });
      options.notifier.notify(notice);
    },
  };
  // Guardrails (issue #14): the approval gate and the daily spend limit, fed by the job records.
  const clock = options.clock ?? systemClock;
  const approvals = new ApprovalBoard({ clock });
  const daily = new DailySpendLimit({ limitUsd: config.limits.perDayUsd, clock });
  const runJob = oneJobPerIssue(options.runJob ?? pipelineOrRefusal(options, redactor, { approvals, daily }));

  const worker = new Worker({
    client: sqs,
    config,
    runJob,
    journal: {
      openLog: (jobId) => journal.openLog(jobId),
      async record(record) {
        await journal.record(record);
        daily.record(record);
      },
    },
    store: options.store,
    notifier,
    redactor,
    ...(options.clock ? { clock: options.clock } : {}),
    timings: { statsIntervalMs: STATS_INTERVAL_MS, ...options.timings },
  });
  watchDlqGrowth(worker, notifier);
  approvals.onChange((views) => {
    for (const view of views.filter((v) => !announced.has(v.jobId))) {
      announced.add(view.jobId);
      notifier.notify({
        kind: 'approval-needed',
        subject: `${view.issue.repository}#${view.issue.number}`,
        title: `Approve the push for ${view.issue.repository}#${view.issue.number}?`,
        body: `${view.files.length} file(s), +${view.linesAdded} −${view.linesRemoved}; checks ${view.checks}`,
        url: null,
        jobId: view.jobId,
      });
    }
    for (const jobId of announced) if (!views.some((v) => v.jobId === jobId)) announced.delete(jobId);
  });
  const announced = new Set<string>();

  let dlqOperations: { url: string; ops: DlqOperations } | null = null;
  const dlq = (): DlqOperations | null => {
    const url = config.dlqUrl ?? worker.snapshot().dlqUrl;
    if (!url) return null;
    if (dlqOperations?.url !== url) {
      dlqOperations = {
        url,
        ops: new DlqOperations({ client: sqs, queueUrl: config.queueUrl, dlqUrl: url }),
      };
    }
    return dlqOperations.ops;
  };

  let confinement: ConfinementView | null = null;
  const app = createWorkerApp(
    {
      worker,
      confinement: () => confinement,
      dlq,
      history: {
        list: (limit) => journal.list(limit),
        readLog: (jobId, from, limit) => journal.readLog(jobId, from, limit),
        logFilePath(jobId) {
          const path = join(journal.jobDir(jobId), JOB_LOG_NAME);
          return existsSync(path) ? path : null;
        },
      },
      settings: createSettingsService(options.store, config),
      doctor: () =>
        runDoctor(
          { config, sqs, github: options.github, env, unknownKeys: options.unknownKeys ?? [] },
          options.doctorChecks,
        ),
      githubServerUrl: options.githubServerUrl ?? config.github.serverUrl,
      ...(options.sampleIssues ? { sampleIssues: options.sampleIssues } : {}),
      guardrails: {
        approvals: () => approvals.list(),
        approvalDiff: (jobId) => approvals.diff(jobId),
        decide: (jobId, answer) => approvals.decide(jobId, answer),
        onApprovals: (listener) => approvals.onChange(listener),
        spend: () => daily.view(),
        async retryJob(jobId, retry) {
          const record = (await journal.list(500)).find((r) => r.jobId === jobId);
          if (!record) return false;
          await sendTaskMessage(sqs, config.queueUrl, taskFromRecord(record, retry, clock.now()));
          return true;
        },
      },
      ...(options.secrets ? { secrets: options.secrets } : {}),
      ...(options.openExternal ? { openExternal: options.openExternal } : {}),
    },
    hub,
  );
  return {
    ...app,
    redactor,
    sqs,
    async start() {
      // An agent a crashed worker left running must not work on in a worktree the next job uses.
      await new ProcessRecords(config.dataDir).endLeftovers();
      // What today cost already (a restart), before the first message is taken.
      daily.seed(await journal.list(500).catch(() => []));
      daily.attach(worker);
      // How the agent runs here, found once; "required" without a sandbox holds the worker before
      // its first receive.
      confinement = await agentConfinementView(config.agent.sandbox, options.detectSandbox);
      applySandboxHold(worker, confinement);
      await app.start();
    },
    async stop(stopOptions) {
      await app.stop(stopOptions);
    },
  };
}

/**
 * Without a GitHub token no job can be verified or published: each one is put back with a backoff
 * and a reason that says how to fix it, rather than failing in the middle.
 */
function pipelineOrRefusal(
  options: BuildWorkerAppOptions,
  redactor: Redactor,
  guardrails: { readonly approvals: ApprovalBoard; readonly daily: DailySpendLimit },
): JobRunner {
  if (options.github) {
    return createPipeline({
      config: options.config,
      token: options.github.token,
      redactor,
      environment: options.env,
      approvals: guardrails.approvals,
      dailyBudgetUsd: () => guardrails.daily.remainingUsd(),
    });
  }
  return async () => ({
    kind: 'retry',
    reason: 'no GitHub token: run `gh auth login`, set GITHUB_TOKEN, or save a token in Settings',
  });
}
