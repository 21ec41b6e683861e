/**
 * The sandbox's stand-in when Aider is not installed: clearly labelled, it works for about 24 s with
 * a progress line every second — long enough to watch the log stream in, and to try pause "stop
 * now" or cancel by hand — then makes one small, real edit so the whole flow (worktree, log,
 * commit, push) is visible. It is written out at start (the built CLI is a bundle with no loose
 * script beside it), into a folder the agent's OS sandbox leaves visible (see start-sandbox.ts).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** How long the demo agent works by default, in seconds. */
export const DEMO_AGENT_SECONDS = 24;

const SOURCE = String.raw`// CodingWorker sandbox demo agent — NOT Aider. It appends a note to README.md.
import { appendFileSync, readFileSync } from 'node:fs';
const SECONDS = __SECONDS__;
const prompt = readFileSync(process.argv[process.argv.length - 1], 'utf8');
const title = (/^# (.*)$/m.exec(prompt) || [])[1] || 'the issue';
const say = (line) => process.stdout.write(line + '\n');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const steps = ['Reading the issue', 'Looking around the repository', 'Reading README.md', 'Planning the change', 'Writing the change', 'Checking the result'];
say('CodingWorker demo agent (not Aider: install it with "pipx install aider-chat" for real work)');
say('Task: ' + title);
for (let second = 1; second <= SECONDS; second += 1) {
  const step = steps[Math.min(steps.length - 1, Math.ceil((second * steps.length) / SECONDS) - 1)];
  await sleep(1000);
  say('[' + String(Math.round((second * 100) / SECONDS)).padStart(3) + '%] ' + step + ' … (' + second + ' of ' + SECONDS + ' s)');
}
appendFileSync('README.md', '\nHello from the CodingWorker demo agent, for: ' + title + '\n');
say('Applied edit to README.md');
`;

export async function writeDemoAgent(dir: string, seconds = DEMO_AGENT_SECONDS): Promise<string> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, 'codingworker-demo-agent.mjs');
  await writeFile(path, SOURCE.replace('__SECONDS__', String(Math.max(0, Math.round(seconds)))), {
    mode: 0o700,
  });
  return path;
}
