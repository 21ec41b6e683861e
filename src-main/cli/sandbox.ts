/**
 * `codingworker sandbox`: the whole flow without AWS or GitHub — an embedded queue with its DLQ, a
 * demo repository, the real worker and the web UI, and a sample issue sent as the producer sends it.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '../engine/sandbox/start-sandbox.ts';
import { startHeadlessServer } from '../headless/headless-server.ts';
import { consolePrinter } from './console-output.ts';
import { findRendererDir } from './renderer-dir.ts';
import type { CliOptions } from './options.ts';
import { waitForSignal } from './signals.ts';

export async function sandboxCommand(options: CliOptions): Promise<number> {
  const dataDir =
    process.env.CODINGWORKER_DATA_DIR || (await mkdtemp(join(tmpdir(), 'codingworker-sandbox-')));
  // Listen for Ctrl-C before anything is printed: a user (or a script) may press it at once.
  const signalled = waitForSignal();
  const sandbox = await startSandbox({ dataDir, env: process.env, notifier: { notify: () => {} } });
  const print = consolePrinter(options.json);
  sandbox.app.service.subscribe((event) => event.event !== 'log' && print(event));
  const server = await startHeadlessServer({
    service: sandbox.app.service,
    rendererDir: findRendererDir(),
    port: options.port,
  });

  console.log('CodingWorker sandbox: an embedded SQS emulator, a demo repository, no AWS and no GitHub.');
  console.log(`  data:   ${dataDir}`);
  console.log(`  queue:  ${sandbox.config.queueUrl}`);
  console.log(
    sandbox.agent === 'aider'
      ? '  agent:  Aider (installed); it needs a model API key in the environment, e.g. OPENAI_API_KEY'
      : '  agent:  the DEMO agent — Aider is not installed (pipx install aider-chat); the demo makes one small edit',
  );
  console.log(
    '  pull requests: none — the sandbox pushes the branch to the demo repository and says where the PR would go',
  );
  console.log(`CodingWorker UI: ${server.url}`);
  console.log('Press Ctrl+C to stop.');

  await sandbox.sendIssue(
    1,
    'Add a friendly greeting to the README',
    'Say hello to people who open the README.',
  );
  await signalled;
  await sandbox.stop({ immediate: true });
  await server.close();
  return 0;
}
