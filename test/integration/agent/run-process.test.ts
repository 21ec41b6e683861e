import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { processesInGroup } from '../../../src-main/engine/agent/process-group.ts';
import { runProcess, type RunProcessOptions } from '../../../src-main/engine/agent/run-process.ts';

const FAKE_AIDER = fileURLToPath(new URL('../../fixtures/agent/fake-aider.mjs', import.meta.url));

function node(script: string, overrides: Partial<RunProcessOptions> = {}) {
  const lines: { stream: string; text: string }[] = [];
  const promise = runProcess({
    file: process.execPath,
    args: ['-e', script],
    cwd: process.cwd(),
    env: { PATH: process.env.PATH ?? '' },
    maxMs: 20_000,
    idleMs: 10_000,
    killGraceMs: 300,
    onLine: (stream, text) => lines.push({ stream, text }),
    ...overrides,
  });
  return { promise, lines };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  return !/\) [ZX] /.test(readStat(pid));
}

function readStat(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return ') X ';
  }
}

describe('running an agent process', () => {
  it('streams stdout and stderr line by line and reports the exit code', async () => {
    const { promise, lines } = node(
      'console.log("one"); console.error("two"); process.stdout.write("three\\r\\nfour"); process.exitCode = 3',
    );
    const outcome = await promise;
    expect(outcome).toMatchObject({ exitCode: 3, stoppedBy: null, spawnError: null });
    expect(lines.filter((l) => l.stream === 'stdout').map((l) => l.text)).toEqual(['one', 'three', 'four']);
    expect(lines.filter((l) => l.stream === 'stderr').map((l) => l.text)).toEqual(['two']);
  });

  it('gives the agent a closed stdin, so it can never wait for input', async () => {
    const { promise, lines } = node(
      'let n = 0; process.stdin.on("data", (d) => (n += d.length)); process.stdin.on("end", () => console.log("stdin ended after", n))',
    );
    await promise;
    expect(lines.map((l) => l.text)).toEqual(['stdin ended after 0']);
  });

  it('keeps the start of a line longer than the limit instead of holding it whole', async () => {
    const { promise, lines } = node('process.stdout.write("y".repeat(100000))', { maxLineChars: 8192 });
    await promise;
    expect(lines.map((l) => l.text)).toEqual([`${'y'.repeat(8192)} … [line cut: 91808 more characters]`]);
  });

  it('reports a program that is not installed instead of throwing', async () => {
    const outcome = await runProcess({
      file: 'definitely-not-an-agent-xyz',
      args: [],
      cwd: process.cwd(),
      env: { PATH: process.env.PATH ?? '' },
      maxMs: 1000,
      idleMs: 1000,
      onLine: () => undefined,
    });
    expect(outcome.spawnError).toContain('not found');
  });

  it('interrupts the agent with SIGINT first when the job is cancelled', async () => {
    const controller = new AbortController();
    const { promise, lines } = node(
      'process.on("SIGINT", () => { console.log("saving state"); process.exit(130) }); console.log("ready"); setInterval(() => {}, 1000)',
      {
        signal: controller.signal,
        onLine: (_s, text) => {
          lines.push({ stream: 'stdout', text });
          if (text === 'ready') controller.abort();
        },
      },
    );
    const outcome = await promise;
    expect(outcome.stoppedBy).toBe('aborted');
    expect(lines.map((l) => l.text)).toContain('saving state');
    expect(outcome.exitCode).toBe(130);
  });

  it('kills an agent that ignores SIGINT and SIGTERM, and its grandchild, leaving no process in the group', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cw-stubborn-'));
    const prompt = join(dir, 'prompt.md');
    await writeFile(prompt, 'Do nothing, forever. [fake-aider:hang-stubborn]');
    const controller = new AbortController();
    let grandchild = 0;
    let started = 0;
    const outcome = await runProcess({
      file: process.execPath,
      args: [
        FAKE_AIDER,
        '--message-file',
        prompt,
        '--yes-always',
        '--no-pretty',
        '--auto-commits',
        '--no-dirty-commits',
      ],
      cwd: dir,
      env: { PATH: process.env.PATH ?? '' },
      maxMs: 20_000,
      idleMs: 20_000,
      killGraceMs: 200,
      signal: controller.signal,
      onSpawn: (pid) => (started = pid),
      onLine: (_s, text) => {
        const match = /^grandchild (\d+)$/.exec(text);
        if (match) grandchild = Number(match[1]);
        if (text.startsWith('agent ')) controller.abort();
      },
    });
    await rm(dir, { recursive: true, force: true });
    expect(outcome.stoppedBy).toBe('aborted');
    expect(outcome.exitSignal).toBe('SIGKILL');
    expect(grandchild).toBeGreaterThan(0);
    expect(processesInGroup(started)).toEqual([]);
    expect(alive(grandchild)).toBe(false);
  });

  it('stops an agent that goes quiet, with everything it started', async () => {
    let grandchild = 0;
    const { promise } = node(
      'const c = require("child_process").spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" }); console.log("grandchild " + c.pid); setInterval(() => {}, 1000)',
      {
        idleMs: 400,
        onLine: (_s, text) => {
          const match = /^grandchild (\d+)$/.exec(text);
          if (match) grandchild = Number(match[1]);
        },
      },
    );
    const outcome = await promise;
    expect(outcome.stoppedBy).toBe('idle');
    expect(grandchild).toBeGreaterThan(0);
    expect(processesInGroup(outcome.pid!)).toEqual([]);
    expect(alive(grandchild)).toBe(false);
  });

  it('stops what an agent left running after it exited on its own', async () => {
    let grandchild = 0;
    const { promise } = node(
      'const c = require("child_process").spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" }); c.unref(); console.log("grandchild " + c.pid)',
      {
        onLine: (_s, text) => {
          const match = /^grandchild (\d+)$/.exec(text);
          if (match) grandchild = Number(match[1]);
        },
      },
    );
    const outcome = await promise;
    expect(outcome).toMatchObject({ exitCode: 0, stoppedBy: null });
    expect(processesInGroup(outcome.pid!)).toEqual([]);
    expect(alive(grandchild)).toBe(false);
  });

  it('enforces the time limit on an agent that keeps printing', async () => {
    const { promise } = node('setInterval(() => console.log("tick"), 20)', { maxMs: 500, idleMs: 5000 });
    const outcome = await promise;
    expect(outcome.stoppedBy).toBe('max-time');
    expect(outcome.durationMs).toBeLessThan(3000);
  });

  it('passes every one of many lines through, in order', async () => {
    const count = 50_000;
    let seen = 0;
    let ordered = true;
    const { promise } = node(
      `let i = 0; function w() { while (i < ${count}) { i++; if (!process.stdout.write("line " + i + " " + "z".repeat(80) + "\\n")) return process.stdout.once("drain", w) } } w()`,
      {
        onLine: (_s, text) => {
          seen++;
          if (!text.startsWith(`line ${seen} `)) ordered = false;
        },
      },
    );
    await promise;
    expect(seen).toBe(count);
    expect(ordered).toBe(true);
  });
});
