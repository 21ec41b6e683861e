/** `codingworker run`: the headless worker, logging to stdout. */
import { consolePrinter } from './console-output.ts';
import type { CliOptions } from './options.ts';
import { startEngine } from './start-engine.ts';

export async function runCommand(options: CliOptions): Promise<number> {
  const print = consolePrinter(options.json);
  // Notices reach stdout through the event stream below; there is no desktop to notify.
  const engine = await startEngine(options, { notify: () => {} });
  engine.app.service.subscribe(print);
  print({ event: 'snapshot', payload: await engine.app.service.handlers.getSnapshot({}) });
  await engine.stopped;
  return 0;
}
