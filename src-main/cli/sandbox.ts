/**
 * `codingworker sandbox`: the whole flow without AWS. An embedded queue (fauxqs) with its DLQ, the
 * web UI, and a sample issue sent the way the producer sends it.
 */
import { QueueMonitor } from '../engine/app/queue-monitor.ts';
import { createMonitorService } from '../engine/app/monitor-service.ts';
import { sendTaskMessage } from '../engine/queue/send-task-message.ts';
import { startLocalSqs } from '../engine/sandbox/local-sqs.ts';
import { startHeadlessServer } from '../headless/headless-server.ts';
import { findRendererDir } from './renderer-dir.ts';
import { waitForSignal } from './signals.ts';
import type { CliOptions } from './options.ts';

export async function sandboxCommand(options: CliOptions): Promise<number> {
  const sqs = await startLocalSqs();
  const { queueUrl, dlqUrl } = await sqs.createQueuePair('codingworker-tasks');
  const monitor = new QueueMonitor({ client: sqs.client, queueUrl, intervalMs: 1000 });
  const service = createMonitorService(monitor);
  const server = await startHeadlessServer({ service, rendererDir: findRendererDir(), port: options.port });

  await sendTaskMessage(sqs.client, queueUrl, {
    issue_number: 1,
    repository: 'sandbox/demo',
    title: 'Add a friendly greeting to the README',
    body: 'A sample issue sent by `codingworker sandbox`.',
    labels: ['ai-task'],
    created_at: new Date().toISOString(),
  });

  console.log(`Sandbox queue:  ${queueUrl} (DLQ ${dlqUrl}) on an embedded SQS emulator`);
  console.log(`CodingWorker UI: ${server.url}`);
  console.log('Press Ctrl+C to stop.');
  await waitForSignal();
  monitor.stop();
  await server.close();
  await sqs.stop();
  return 0;
}
