/**
 * The sandbox's stand-in when Aider is not installed: clearly labelled, it makes one small, real
 * edit so the whole flow — worktree, log streaming, commit, push — is visible. It is written to the
 * sandbox folder at start because the built CLI is a bundle with no loose script beside it.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const SOURCE = String.raw`// CodingWorker sandbox demo agent — NOT Aider. It appends a note to README.md.
import { appendFileSync, readFileSync } from 'node:fs';
const prompt = readFileSync(process.argv[process.argv.length - 1], 'utf8');
const title = (/^# (.*)$/m.exec(prompt) || [])[1] || 'the issue';
const say = (line) => process.stdout.write(line + '\n');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
say('CodingWorker demo agent (not Aider: install it with "pipx install aider-chat" for real work)');
for (const step of ['Reading the issue', 'Looking at README.md', 'Writing the change']) {
  say(step + ' …');
  await sleep(700);
}
appendFileSync('README.md', '\nHello from the CodingWorker demo agent, for: ' + title + '\n');
say('Applied edit to README.md');
`;

export async function writeDemoAgent(dir: string): Promise<string> {
  const path = join(dir, 'demo-agent.mjs');
  await writeFile(path, SOURCE, { mode: 0o700 });
  return path;
}
