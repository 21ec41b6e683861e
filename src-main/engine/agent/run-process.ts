/**
 * Runs one agent process under watch: argument array (no shell), stdin closed, its own process
 * group, output streamed line by line (never buffered whole), and stopped — with everything it
 * started — when the signal fires, the time limit passes, or it goes quiet for too long.
 * When it exits on its own, anything it left running in its group is stopped too.
 *
 * Never rejects: a program that cannot start is reported as `spawnError`.
 */
import { execa } from 'execa';
import type { Readable } from 'node:stream';
import { systemClock, type Clock } from '../ports/clock.ts';
import { LineSplitter } from './line-splitter.ts';
import { groupAlive, stopProcessGroup } from './process-group.ts';

export type OutputStream = 'stdout' | 'stderr';
export type StopCause = 'aborted' | 'max-time' | 'idle';

export interface RunProcessOptions {
  readonly file: string;
  readonly args: readonly string[];
  readonly cwd: string;
  /** The complete environment (nothing is inherited). */
  readonly env: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
  /** Hard limit on the run. */
  readonly maxMs: number;
  /** Longest silence (no output on either stream) before the process counts as hung. */
  readonly idleMs: number;
  /** Time between SIGINT, SIGTERM and SIGKILL. Default 5 s. */
  readonly killGraceMs?: number;
  readonly maxLineChars?: number;
  readonly clock?: Clock;
  readonly onLine: (stream: OutputStream, text: string) => void;
  readonly onSpawn?: (pid: number) => void;
}

export interface ProcessOutcome {
  readonly exitCode: number | null;
  readonly exitSignal: string | null;
  /** Why the worker stopped it, or null when it exited on its own. */
  readonly stoppedBy: StopCause | null;
  readonly durationMs: number;
  /** Set when the program could not be started (e.g. not installed). */
  readonly spawnError: string | null;
  readonly pid: number | null;
}

export async function runProcess(options: RunProcessOptions): Promise<ProcessOutcome> {
  const clock = options.clock ?? systemClock;
  const started = clock.now();
  const grace = options.killGraceMs ?? 5000;
  if (options.signal?.aborted) {
    return {
      exitCode: null,
      exitSignal: null,
      stoppedBy: 'aborted',
      durationMs: 0,
      spawnError: null,
      pid: null,
    };
  }

  const child = execa(options.file, [...options.args], {
    cwd: options.cwd,
    env: options.env,
    extendEnv: false,
    stdin: 'ignore',
    stdout: 'pipe',
    stderr: 'pipe',
    buffer: false,
    encoding: 'buffer',
    detached: true,
    reject: false,
    forceKillAfterDelay: false,
  });
  // The result promise only matters for spawn errors; exit is read from the process itself.
  const settled = child.then(
    (result) => result,
    (error: unknown) => error as { code?: string; message?: string },
  );
  const pid = child.pid ?? null;
  if (pid === null) {
    const failure = (await settled) as { code?: string; shortMessage?: string; message?: string };
    const reason = failure.code === 'ENOENT' ? `${options.file} was not found on PATH` : failure.shortMessage;
    return {
      exitCode: null,
      exitSignal: null,
      stoppedBy: null,
      durationMs: clock.now() - started,
      spawnError: reason ?? failure.message ?? 'could not start',
      pid: null,
    };
  }
  options.onSpawn?.(pid);

  let lastOutput = clock.now();
  let stoppedBy: StopCause | null = null;
  let stopping: Promise<void> | null = null;
  const stop = (cause: StopCause) => {
    if (stopping) return stopping;
    stoppedBy = cause;
    stopping = stopProcessGroup(pid, grace, true);
    return stopping;
  };

  const streamsDone = [
    pump(child.stdout, 'stdout', options, () => (lastOutput = clock.now())),
    pump(child.stderr, 'stderr', options, () => (lastOutput = clock.now())),
  ];
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });

  const onAbort = () => void stop('aborted');
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const watchdog = { timer: null as { cancel(): void } | null };
  const tick = Math.max(10, Math.min(1000, Math.floor(Math.min(options.idleMs, options.maxMs) / 4)));
  const watch = () => {
    const now = clock.now();
    if (now - started >= options.maxMs) void stop('max-time');
    else if (now - lastOutput >= options.idleMs) void stop('idle');
    else watchdog.timer = clock.setTimeout(watch, tick);
  };
  watchdog.timer = clock.setTimeout(watch, tick);

  try {
    const exit = await exited;
    // The leader is gone; anything it started that is still in its group goes too.
    if (groupAlive(pid)) await stopProcessGroup(pid, Math.min(grace, 1000), false);
    if (stopping) await stopping;
    await Promise.race([Promise.all(streamsDone), delay(5000)]);
    return {
      exitCode: exit.code,
      exitSignal: exit.signal,
      stoppedBy,
      durationMs: clock.now() - started,
      spawnError: null,
      pid,
    };
  } finally {
    watchdog.timer?.cancel();
    options.signal?.removeEventListener('abort', onAbort);
    void settled;
  }
}

function pump(
  stream: Readable | null,
  name: OutputStream,
  options: RunProcessOptions,
  onActivity: () => void,
): Promise<void> {
  if (!stream) return Promise.resolve();
  const splitter = new LineSplitter((line) => options.onLine(name, line), options.maxLineChars);
  return new Promise((resolve) => {
    stream.on('data', (chunk: Uint8Array) => {
      onActivity();
      splitter.push(chunk);
    });
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      splitter.end();
      resolve();
    };
    stream.once('end', finish);
    stream.once('error', finish);
    stream.once('close', finish);
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
