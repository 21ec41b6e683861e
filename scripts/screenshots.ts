/**
 * `npm run screenshots`: regenerates docs/screenshots/ on purpose (tests write theirs to the ignored
 * .cache/screenshots/). It builds the UI, runs the specs that take the pictures with
 * CODINGWORKER_SCREENSHOTS_DIR=docs/screenshots, then checks that the Japanese ones show Japanese
 * glyphs, not boxes (install fonts-noto-cjk first; .ci/run does).
 */
import { spawnSync } from 'node:child_process';
import { delimiter, join } from 'node:path';

const root = join(import.meta.dirname, '..');
const env = {
  ...process.env,
  PATH: [join(root, 'node_modules', '.bin'), join(process.execPath, '..'), process.env.PATH].join(delimiter),
  CODINGWORKER_SCREENSHOTS_DIR: join(root, 'docs', 'screenshots'),
};

const SCREENSHOT_SPECS = [
  'test/e2e/web/ui-appearance.spec.ts',
  'test/e2e/web/ui-settings.spec.ts',
  'test/e2e/web/flow.spec.ts',
];

const steps: string[][] = [
  ['electron-vite', 'build', '--logLevel', 'warn'],
  // Every spec that calls screenshot() (test/e2e/web/ui-setup.ts); a unit test keeps this list whole.
  ['playwright', 'test', ...SCREENSHOT_SPECS],
  ['playwright', 'test', 'test/e2e/web/screenshots-cjk.spec.ts'],
];
for (const [command, ...args] of steps) {
  console.log(`\n=== ${[command, ...args].join(' ')}`);
  const result = spawnSync(command!, args, { cwd: root, env, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
console.log('\ndocs/screenshots/ regenerated: review the pictures, then commit them.');
