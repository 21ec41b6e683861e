// The real app under Electron. Runs where an Electron binary exists (the macOS CI job); elsewhere
// every test is skipped with the reason printed.
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import {
  LOCAL_CREDENTIALS,
  startLocalSqs,
  type LocalSqs,
} from '../../../src-main/engine/sandbox/local-sqs.ts';
import { electronBinary } from '../support/electron-binary.ts';

const binary = electronBinary();
if ('skip' in binary) console.log(`[electron e2e] skipped: ${binary.skip}`);
test.skip('skip' in binary, 'skip' in binary ? binary.skip : '');

let sqs: LocalSqs;
let app: ElectronApplication;

test.beforeAll(async () => {
  sqs = await startLocalSqs();
  const { queueUrl } = await sqs.createQueuePair('electron-e2e');
  app = await electron.launch({
    executablePath: 'path' in binary ? binary.path : undefined,
    args: ['out/main/main.js', '--show-window'],
    env: {
      ...process.env,
      CODINGWORKER_QUEUE_URL: queueUrl,
      AWS_ENDPOINT_URL_SQS: sqs.endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    },
  });
});

test.afterAll(async () => {
  await app?.close();
  await sqs?.stop();
});

test('launches with a locked-down window that shows the worker', async () => {
  const window = await app.firstWindow();
  await expect(window.getByTestId('connection')).toHaveAttribute('data-state', 'connected');
  // No Node in the page, and the preload exposed verbs only.
  const exposed = await window.evaluate(() => ({
    require: typeof (globalThis as { require?: unknown }).require,
    process: typeof (globalThis as { process?: unknown }).process,
    verbs: Object.keys((globalThis as { codingWorker?: object }).codingWorker ?? {}).sort(),
  }));
  expect(exposed.require).toBe('undefined');
  expect(exposed.process).toBe('undefined');
  expect(exposed.verbs).toContain('pause');
  expect(exposed.verbs).not.toContain('invoke');
});
