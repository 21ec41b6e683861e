import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { until, useWorkerSuite } from './harness.ts';

const script = fileURLToPath(new URL('./fixtures/headless-worker.ts', import.meta.url));

interface Child {
  readonly process: ChildProcess;
  readonly lines: Record<string, unknown>[];
  readonly exited: Promise<number | null>;
  exitCode(): number | null;
}

function startChild(args: string[]): Child {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Record<string, unknown>[] = [];
  let buffered = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const parts = buffered.split('\n');
    buffered = parts.pop()!;
    for (const part of parts)
      if (part.startsWith('{')) lines.push(JSON.parse(part) as Record<string, unknown>);
  });
  child.stderr!.resume();
  let code: number | null = null;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (exitCode) => {
      code = exitCode;
      resolve(exitCode);
    }),
  );
  return { process: child, lines, exited, exitCode: () => code };
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

// `codingworker run` only awaits the worker's stop: every timer the worker waits on is unref'd, so
// the worker itself must hold the process open, in a real process, or it exits (code 13) at once.
describe('worker: a headless process stays up while paused or offline', () => {
  const suite = useWorkerSuite();
  const children: Child[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode() === null) child.process.kill('SIGKILL');
  });

  it('stays up through a stored timed pause, polls when it ends, and exits cleanly on SIGTERM', async () => {
    const { queueUrl } = await suite.queue('keep-alive-paused');
    const child = startChild([suite.sqs.endpoint, queueUrl, '1500']);
    children.push(child);
    await until(() => child.lines.some((l) => l.started) || child.exitCode() !== null, 15_000);
    expect(child.exitCode()).toBeNull();
    expect(child.lines.filter((l) => l.status).at(-1)).toMatchObject({ status: 'paused' });
    // Alive until the pause ends by itself, then polling.
    await until(() => child.lines.some((l) => l.status === 'polling') || child.exitCode() !== null, 15_000);
    expect(child.exitCode()).toBeNull();
    child.process.kill('SIGTERM');
    expect(await child.exited).toBe(0);
    expect(child.lines.at(-1)).toEqual({ stopped: true });
  });

  it('stays up while SQS cannot be reached, retrying, and exits cleanly on SIGTERM', async () => {
    const port = await closedPort();
    const child = startChild([`http://127.0.0.1:${port}`, `http://127.0.0.1:${port}/000000000000/tasks`]);
    children.push(child);
    // Three retries, each after a backoff sleep on an unref'd timer.
    const offline = () => new Set(child.lines.filter((l) => l.status === 'offline').map((l) => l.retryAt));
    await until(() => offline().size >= 3 || child.exitCode() !== null, 15_000);
    expect(child.exitCode()).toBeNull();
    child.process.kill('SIGTERM');
    expect(await child.exited).toBe(0);
    expect(child.lines.at(-1)).toEqual({ stopped: true });
  });
});
