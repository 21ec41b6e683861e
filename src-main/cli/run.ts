/** `codingworker run`: the headless worker, logging to stdout. */
import { agentSandboxStatus } from '../engine/agent/sandbox/detect.ts';
import { consolePrinter } from './console-output.ts';
import type { CliOptions } from './options.ts';
import { startEngine } from './start-engine.ts';

export async function runCommand(options: CliOptions): Promise<number> {
  const print = consolePrinter(options.json);
  // Notices reach stdout through the event stream below; there is no desktop to notify.
  const engine = await startEngine(options, { notify: () => {} });
  engine.app.service.subscribe(print);
  print({ event: 'snapshot', payload: await engine.app.service.handlers.getSnapshot({}) });
  // Said once at start, plainly, whether the agent is confined here.
  const sandbox = await agentSandboxStatus(engine.config.agent.sandbox);
  const at = new Date().toISOString();
  console.log(
    options.json
      ? JSON.stringify({ at, kind: 'status', message: `sandbox: ${sandbox}` })
      : `${at} status sandbox: ${sandbox}`,
  );
  await engine.stopped;
  return 0;
}
