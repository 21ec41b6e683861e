import { expect, test } from '@playwright/test';
import { sendTaskMessage } from '../../../src-main/engine/queue/send-task-message.ts';
import {
  LOCAL_CREDENTIALS,
  startLocalSqs,
  type LocalSqs,
} from '../../../src-main/engine/sandbox/local-sqs.ts';
import { sampleTask } from '../../support/sample-task.ts';
import { startServe, type ServeProcess } from '../support/serve-process.ts';

let sqs: LocalSqs;
let serve: ServeProcess;
let queueUrl: string;

test.beforeAll(async () => {
  sqs = await startLocalSqs();
  ({ queueUrl } = await sqs.createQueuePair('e2e-depth'));
  serve = await startServe({
    CODINGWORKER_QUEUE_URL: queueUrl,
    AWS_ENDPOINT_URL_SQS: sqs.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    CODINGWORKER_DATA_DIR: `/tmp/codingworker-e2e-depth-${process.pid}`,
    CODINGWORKER_REPOSITORIES: 'octo/app',
    // No job runs here (the worker is paused first): a placeholder token, an API that refuses at once.
    GITHUB_TOKEN: 'ghp_placeholder_token_for_the_depth_spec_00',
    GITHUB_API_URL: 'http://127.0.0.1:9',
  });
});

test.afterAll(async () => {
  await serve?.stop();
  await sqs?.stop();
});

test('shows the queue depth and follows it as messages arrive', async ({ page }) => {
  await page.goto(serve.url);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'connected');
  await expect(page.getByTestId('queue-depth')).toHaveAttribute('data-count', '0');
  // Paused, the worker takes nothing, so the depth is the queue's own.
  await page.getByTestId('pause-button').click();
  await expect(page.getByTestId('worker-status')).toHaveAttribute('data-paused', 'true');

  await sendTaskMessage(sqs.client, queueUrl, sampleTask({ issue_number: 1 }));
  await sendTaskMessage(sqs.client, queueUrl, sampleTask({ issue_number: 2 }));

  await expect(page.getByTestId('queue-depth')).toHaveAttribute('data-count', '2', { timeout: 25_000 });
});

test('refuses the UI without the token', async ({ page }) => {
  const response = await page.goto(serve.origin);
  expect(response?.status()).toBe(401);
  await expect(page.getByText('missing or wrong token')).toBeVisible();
});
