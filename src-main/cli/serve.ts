/** `codingworker serve`: the worker plus the web UI on 127.0.0.1. */
import { startHeadlessServer } from '../headless/headless-server.ts';
import { consolePrinter } from './console-output.ts';
import { findRendererDir } from './renderer-dir.ts';
import type { CliOptions } from './options.ts';
import { startEngine } from './start-engine.ts';

export async function serveCommand(options: CliOptions): Promise<number> {
  const engine = await startEngine(options, { notify: () => {} });
  const print = consolePrinter(options.json);
  engine.app.service.subscribe((event) => event.event !== 'log' && print(event));
  const server = await startHeadlessServer({
    service: engine.app.service,
    rendererDir: findRendererDir(),
    port: options.port,
    ...(process.env.CODINGWORKER_UI_TOKEN ? { token: process.env.CODINGWORKER_UI_TOKEN } : {}),
  });
  console.log(`CodingWorker UI: ${server.url}`);
  await engine.stopped;
  await server.close();
  return 0;
}
