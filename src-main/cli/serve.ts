/** `codingworker serve`: the worker plus the web UI on 127.0.0.1. */
import { loadConfig } from '../engine/config/load-config.ts';
import { createSqsClient } from '../engine/queue/sqs-client.ts';
import { QueueMonitor } from '../engine/app/queue-monitor.ts';
import { createMonitorService } from '../engine/app/monitor-service.ts';
import { startHeadlessServer } from '../headless/headless-server.ts';
import { findRendererDir } from './renderer-dir.ts';
import { waitForSignal } from './signals.ts';
import type { CliOptions } from './options.ts';

export async function serveCommand(options: CliOptions): Promise<number> {
  const config = loadConfig({ configPath: options.config, env: process.env });
  const monitor = new QueueMonitor({ client: createSqsClient(config), queueUrl: config.queueUrl });
  const service = createMonitorService(monitor);
  const server = await startHeadlessServer({
    service,
    rendererDir: findRendererDir(),
    port: options.port,
    ...(process.env.CODINGWORKER_UI_TOKEN ? { token: process.env.CODINGWORKER_UI_TOKEN } : {}),
  });
  console.log(`CodingWorker UI: ${server.url}`);
  await waitForSignal();
  monitor.stop();
  await server.close();
  return 0;
}
