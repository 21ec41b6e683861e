/**
 * `codingworker sandbox`: the whole flow without AWS or GitHub — an embedded queue with its DLQ, a
 * demo repository, the real worker and the web UI, and a sample issue sent as the producer sends it.
 * Its temporary folder is removed on exit (a folder named by CODINGWORKER_DATA_DIR is kept).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_AGENT_SECONDS } from '../engine/sandbox/demo-agent.ts';
import { startSandbox } from '../engine/sandbox/start-sandbox.ts';
import { startHeadlessServer } from '../headless/headless-server.ts';
import { consolePrinter } from './console-output.ts';
import { findRendererDir } from './renderer-dir.ts';
import type { CliOptions } from './options.ts';
import { waitForSignal } from './signals.ts';

export async function sandboxCommand(options: CliOptions): Promise<number> {
  const kept = process.env.CODINGWORKER_DATA_DIR || null;
  const dataDir = kept ?? (await mkdtemp(join(tmpdir(), 'codingworker-sandbox-')));
  // Listen for Ctrl-C before anything is printed: a user (or a script) may press it at once.
  const signalled = waitForSignal();
  try {
    const sandbox = await startSandbox({ dataDir, env: process.env, notifier: { notify: () => {} } });
    try {
      const print = consolePrinter(options.json);
      sandbox.app.service.subscribe((event) => event.event !== 'log' && print(event));
      const server = await startHeadlessServer({
        service: sandbox.app.service,
        rendererDir: findRendererDir(),
        port: options.port,
      });
      try {
        printIntro(dataDir, kept !== null, sandbox.config.queueUrl, sandbox.agent);
        console.log(`CodingWorker UI: ${server.url}`);
        console.log('Press Ctrl+C to stop.');
        await sandbox.sendSample();
        await signalled;
      } finally {
        await server.close();
      }
    } finally {
      await sandbox.stop({ immediate: true });
    }
  } finally {
    if (!kept) await rm(dataDir, { recursive: true, force: true });
  }
  return 0;
}

function printIntro(dataDir: string, kept: boolean, queueUrl: string, agent: 'aider' | 'demo'): void {
  console.log('CodingWorker sandbox: an embedded SQS emulator, a demo repository, no AWS and no GitHub.');
  console.log(`  data:   ${dataDir}${kept ? '' : ' (removed on exit)'}`);
  console.log(`  queue:  ${queueUrl}`);
  console.log(
    agent === 'aider'
      ? '  agent:  Aider (installed); it needs a model API key in the environment, e.g. OPENAI_API_KEY'
      : `  agent:  the DEMO agent — Aider is not installed (pipx install aider-chat); the demo works for about ${DEMO_AGENT_SECONDS} s, then makes one small edit`,
  );
  console.log(
    '  pull requests: none — the sandbox pushes the branch to the demo repository and says where the PR would go',
  );
  console.log('  A sample issue is sent now; the UI\'s "Send a sample issue" button sends another.');
}
