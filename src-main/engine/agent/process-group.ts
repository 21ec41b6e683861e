/**
 * Stopping a whole process tree: the agent runs as the leader of its own process group, so one
 * signal to the negative pid reaches it and everything it started (unless something moved itself
 * into a new session). Escalates SIGINT → SIGTERM → SIGKILL with a grace period between.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Whether any live (non-zombie) process is left in the group. */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // kill(0) also succeeds for zombies nobody has reaped yet; on Linux, look closer.
  if (process.platform !== 'linux') return true;
  return processesInGroup(pgid).length > 0;
}

/** Live members of a process group, from /proc (Linux only; empty elsewhere). */
export function processesInGroup(pgid: number): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const members: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // Fields after the command name "(…)": state ppid pgrp …
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) === pgid && fields[0] !== 'Z' && fields[0] !== 'X') members.push(Number(entry));
  }
  return members;
}

function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

async function waitForGroupExit(pgid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!groupAlive(pgid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return !groupAlive(pgid);
}

/**
 * Stops every process in the group. `gentle` starts with SIGINT (lets an agent save its state);
 * otherwise SIGTERM. Resolves once the group is gone or SIGKILL has been sent and settled.
 */
export async function stopProcessGroup(pgid: number, graceMs: number, gentle = true): Promise<void> {
  const steps: NodeJS.Signals[] = gentle ? ['SIGINT', 'SIGTERM', 'SIGKILL'] : ['SIGTERM', 'SIGKILL'];
  for (const signal of steps) {
    if (!groupAlive(pgid)) return;
    if (!signalGroup(pgid, signal)) return;
    if (await waitForGroupExit(pgid, signal === 'SIGKILL' ? 2000 : graceMs)) return;
  }
}
