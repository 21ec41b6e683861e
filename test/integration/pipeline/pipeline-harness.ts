/**
 * Runs the real pipeline the way the consumer will: real bare repositories, the OpenAPI-checked
 * GitHub fake, the fixture agent under the project's node, the journal on disk. Builds each job's
 * context and, after it, a history record.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { JobRecord } from '../../../shared/job-record.ts';
import type { LogLine } from '../../../shared/log-line.ts';
import type { JobPhase } from '../../../shared/snapshot.ts';
import type { TaskMessage } from '../../../shared/task-message.ts';
import {
  workerConfigSchema,
  type WorkerConfig,
  type WorkerConfigInput,
} from '../../../src-main/engine/config/worker-config.ts';
import { createGitHubClient } from '../../../src-main/engine/github/github-client.ts';
import type { JobContext, JobResult, StopReason } from '../../../src-main/engine/ports/job.ts';
import { createJournal, type Journal } from '../../../src-main/engine/journal/journal.ts';
import { createPipeline, type PipelineDeps } from '../../../src-main/engine/pipeline/pipeline.ts';
import { Redactor } from '../../../src-main/engine/security/redact.ts';
import { createGitRemotes, type GitRemotes } from '../../support/git-remote.ts';
import { GitHubFake } from '../../support/github-fake/github-fake.ts';
import { sampleTask } from '../../support/sample-task.ts';

export const FAKE_AIDER = fileURLToPath(new URL('../../fixtures/agent/fake-aider.mjs', import.meta.url));
export const REPO = 'octo-org/hello-world';
/** Shaped like a classic GitHub token, so both literal and shape redaction would catch it. */
export const TOKEN = 'ghp_TestToken0123456789abcdefghijABCDEFGHIJ';
export const OPENAI_KEY = 'sk-test-openai-key-0123456789abcdef';

export interface RunOptions {
  readonly jobId?: string;
  readonly isLastAttempt?: boolean;
  readonly receiveCount?: number;
  readonly signal?: AbortSignal;
  /** Sees each line as it is written (already redacted). */
  readonly onLine?: (stream: string, text: string) => void;
}

export interface JobRun {
  readonly result: JobResult;
  readonly lines: string[];
  readonly phases: JobPhase[];
  readonly record: JobRecord;
  readonly jobId: string;
}

export interface Harness {
  readonly dataDir: string;
  readonly home: string;
  readonly remotes: GitRemotes;
  readonly fake: GitHubFake;
  readonly journal: Journal;
  readonly redactor: Redactor;
  readonly batches: { jobId: string; lines: LogLine[] }[];
  readonly environment: Record<string, string>;
  config(overrides?: Partial<WorkerConfigInput>): WorkerConfig;
  pipeline(
    overrides?: Omit<Partial<PipelineDeps>, 'config'> & { config?: Partial<WorkerConfigInput> },
  ): ReturnType<typeof createPipeline>;
  run(
    message: TaskMessage,
    options?: RunOptions & { pipeline?: ReturnType<typeof createPipeline> },
  ): Promise<JobRun>;
  /** An issue on the fake with the fixture agent's mode in its body. */
  issue(
    number: number,
    mode: string,
    extra?: { title?: string; body?: string; labeledBy?: string },
  ): TaskMessage;
  close(): Promise<void>;
}

/**
 * One harness for the enclosing describe block: started before its tests, closed after them, and
 * after each test the GitHub fake must have seen only requests GitHub's OpenAPI description allows.
 * The returned object forwards to the started harness, so tests use it as they would the harness.
 */
export function usePipelineHarness(): Harness {
  let started: Harness | undefined;
  beforeAll(async () => {
    started = await startHarness();
  });
  afterAll(async () => {
    await started?.close();
  });
  afterEach(() => {
    started?.fake.assertNoViolations();
  });
  return new Proxy({} as Harness, {
    get(_target, key) {
      if (!started) throw new Error('the pipeline harness starts in beforeAll: use it in a test or a hook');
      const value: unknown = Reflect.get(started, key, started);
      return typeof value === 'function' ? value.bind(started) : value;
    },
  });
}

let jobCounter = 0;

export async function startHarness(): Promise<Harness> {
  const dataDir = await mkdtemp(join(tmpdir(), 'cw-data-'));
  const home = await mkdtemp(join(tmpdir(), 'cw-home-'));
  const remotes = await createGitRemotes();
  await remotes.create(REPO);
  const fake = await GitHubFake.start({
    token: TOKEN,
    branchExists: async (owner, repo, branch) =>
      (await remotes.branchSha(`${owner}/${repo}`, branch)) !== null,
  });
  fake.addRepo(REPO, { collaborators: { alice: 'admin', mallory: 'triage', maintainer: 'maintain' } });
  const redactor = new Redactor();
  const batches: { jobId: string; lines: LogLine[] }[] = [];
  const journal = createJournal({
    dataDir,
    redactor,
    onLines: (jobId, lines) => batches.push({ jobId, lines }),
  });
  const environment: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    LANG: 'C.UTF-8',
    GITHUB_TOKEN: TOKEN,
    GH_TOKEN: TOKEN,
    AWS_SECRET_ACCESS_KEY: 'aws-secret-should-never-reach-the-agent',
    OPENAI_API_KEY: OPENAI_KEY,
  };

  const config = (overrides: Partial<WorkerConfigInput> = {}): WorkerConfig =>
    workerConfigSchema.parse({
      queueUrl: 'http://127.0.0.1:9324/000000000000/codingworker-tasks',
      dataDir,
      repositories: [REPO],
      ...overrides,
      agent: {
        preset: 'aider',
        command: [process.execPath, FAKE_AIDER],
        model: 'gpt-4o',
        ...overrides.agent,
      },
      github: { apiUrl: fake.url, serverUrl: remotes.serverUrl, ...overrides.github },
    });

  const pipeline: Harness['pipeline'] = (overrides = {}) => {
    const { config: configOverrides, ...rest } = overrides;
    return createPipeline({
      config: config(configOverrides),
      token: TOKEN,
      redactor,
      environment,
      github: createGitHubClient({ token: TOKEN, apiUrl: fake.url, waitUnitMs: 5, spaceWrites: false }),
      limits: { idleOutputMs: 10_000, killGraceMs: 300 },
      ...rest,
    });
  };
  const defaultPipeline = pipeline();

  const run: Harness['run'] = async (message, options = {}) => {
    const jobId = options.jobId ?? `job-${++jobCounter}-${message.issue_number}`;
    const log = journal.openLog(jobId);
    const lines: string[] = [];
    const phases: JobPhase[] = [];
    const startedAt = new Date().toISOString();
    const context: JobContext = {
      jobId,
      messageId: `msg-${jobId}`,
      message,
      receiveCount: options.receiveCount ?? 1,
      isLastAttempt: options.isLastAttempt ?? false,
      signal: options.signal ?? new AbortController().signal,
      log: {
        path: log.path,
        tail: (n) => log.tail(n),
        write: (stream, text) => {
          log.write(stream, text);
          const written = redactor.redact(text);
          lines.push(written);
          options.onLine?.(stream, written);
        },
      },
      setPhase: (phase) => phases.push(phase),
    };
    const result = await (options.pipeline ?? defaultPipeline)(context);
    await log.close();
    const record = toRecord(context, result, startedAt, log.path);
    await journal.record(record);
    return { result, lines, phases, record, jobId };
  };

  return {
    dataDir,
    home,
    remotes,
    fake,
    journal,
    redactor,
    batches,
    environment,
    config,
    pipeline,
    run,
    issue(number, mode, extra = {}) {
      const title = extra.title ?? `Fix the greeting (${mode})`;
      const body = extra.body ?? `Please fix it. [fake-aider:${mode}]`;
      fake.addIssue(REPO, { number, title, body, labeledBy: extra.labeledBy ?? 'alice' });
      return sampleTask({ issue_number: number, repository: REPO, title, body });
    },
    async close() {
      await fake.stop();
      await remotes.remove();
      await rm(dataDir, { recursive: true, force: true });
      await rm(home, { recursive: true, force: true });
    },
  };
}

export function stop(
  reason: StopReason['kind'],
  message: string,
): { controller: AbortController; reason: StopReason } {
  return { controller: new AbortController(), reason: { kind: reason, message, disposition: 'release' } };
}

function toRecord(
  context: JobContext,
  result: JobResult,
  startedAt: string,
  logFile: string | null,
): JobRecord {
  const outcome =
    result.kind === 'success'
      ? 'succeeded'
      : result.kind === 'noop'
        ? (result.why ?? 'cancelled-upstream')
        : result.kind === 'retry'
          ? 'retrying'
          : result.kind === 'release'
            ? 'released'
            : 'quarantined';
  const details = result.details;
  return {
    jobId: context.jobId,
    messageId: context.messageId,
    issue: details?.issue ?? null,
    outcome,
    reason: result.kind === 'success' ? null : result.reason,
    prUrl: details?.prUrl ?? null,
    branch: details?.branch ?? null,
    startedAt,
    endedAt: new Date().toISOString(),
    phases: [],
    model: details?.model ?? null,
    usage: details?.usage ?? null,
    receiveCount: context.receiveCount,
    logFile,
    ...(details?.checks ? { checks: details.checks } : {}),
    ...(details?.note ? { note: details.note } : {}),
  };
}
