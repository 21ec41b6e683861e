/**
 * Records of running agents in the data folder (<dataDir>/processes/<job>.json), so that a worker
 * starting after a crash ends what the crashed one left running before it does anything else.
 * bubblewrap's --die-with-parent already ends a confined agent with its worker; these records
 * cover an unconfined agent and macOS.
 *
 * Each agent also carries a random mark in its environment (CODINGWORKER_PROCESS_MARK): on Linux
 * a process that left the agent's process group (setsid) is still found by it in /proc, both when
 * the job ends and after a crash. A process that scrubs its own environment is out of reach of
 * that; the OS sandbox's PID namespace is the real boundary.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { safePathSegment } from '../journal/job-paths.ts';
import { processesInGroup } from './process-group.ts';

export const PROCESS_MARK_VARIABLE = 'CODINGWORKER_PROCESS_MARK';

const recordSchema = z.object({
  jobId: z.string(),
  pid: z.number().int().positive(),
  /** The leader's start time (Linux: /proc stat field 22), so a reused pid is never signalled. */
  startTime: z.string().nullable(),
  mark: z.string().regex(/^[0-9a-f]{32}$/),
  workerPid: z.number().int().positive(),
  workerStartTime: z.string().nullable(),
});
export type ProcessRecord = z.infer<typeof recordSchema>;

export function newProcessMark(): string {
  return randomBytes(16).toString('hex');
}

export class ProcessRecords {
  readonly #dir: string;

  constructor(dataDir: string) {
    this.#dir = join(dataDir, 'processes');
  }

  async add(jobId: string, pid: number, mark: string): Promise<void> {
    await mkdir(this.#dir, { recursive: true, mode: 0o700 });
    const record: ProcessRecord = {
      jobId,
      pid,
      startTime: processStartTime(pid),
      mark,
      workerPid: process.pid,
      workerStartTime: processStartTime(process.pid),
    };
    await writeFile(this.#file(jobId), JSON.stringify(record), { mode: 0o600 });
  }

  async remove(jobId: string): Promise<void> {
    await rm(this.#file(jobId), { force: true });
  }

  /**
   * Ends every recorded agent whose worker is gone (a live worker's are left alone), and forgets
   * the records. Returns what it ended, for the log.
   */
  async endLeftovers(): Promise<ProcessRecord[]> {
    const ended: ProcessRecord[] = [];
    for (const name of await readdir(this.#dir).catch(() => [] as string[])) {
      const file = join(this.#dir, name);
      const record = await readFile(file, 'utf8')
        .then((text) => recordSchema.parse(JSON.parse(text)))
        .catch(() => null);
      if (record && record.workerPid !== process.pid && sameProcess(record.workerPid, record.workerStartTime))
        continue;
      if (record) {
        endRecorded(record);
        ended.push(record);
      }
      await rm(file, { force: true });
    }
    return ended;
  }

  #file(jobId: string): string {
    return join(this.#dir, `${safePathSegment(jobId)}.json`);
  }
}

/** SIGKILLs everything of one recorded agent: its process group and (Linux) its marked processes. */
function endRecorded(record: ProcessRecord): void {
  if (sameProcess(record.pid, record.startTime)) kill(-record.pid);
  for (const pid of processesInGroup(record.pid)) kill(pid);
  endMarkedProcesses(record.mark);
}

/** SIGKILLs every process (Linux) whose environment carries the mark; returns how many. */
export function endMarkedProcesses(mark: string): number {
  const pids = processesWithMark(mark);
  for (const pid of pids) kill(pid);
  return pids.length;
}

export function processesWithMark(mark: string): number[] {
  if (process.platform !== 'linux') return [];
  const needle = `${PROCESS_MARK_VARIABLE}=${mark}\0`;
  const found: number[] = [];
  for (const entry of safeReaddir('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, 'latin1').includes(needle)) found.push(Number(entry));
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}

/** The start time of a process (Linux), or null where it cannot be read. */
export function processStartTime(pid: number): string | null {
  return statFields(pid)?.[19] ?? null;
}

/** Fields of /proc/<pid>/stat after the command name (state first); null when unreadable. */
function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** Whether the process that was `pid` at `startTime` still runs (a zombie does not). */
function sameProcess(pid: number, startTime: string | null): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  if (process.platform !== 'linux') return true;
  const fields = statFields(pid);
  if (!fields || fields[0] === 'Z' || fields[0] === 'X') return false;
  return startTime === null || fields[19] === startTime;
}

function kill(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
