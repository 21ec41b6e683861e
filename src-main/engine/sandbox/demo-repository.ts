/** The sandbox's "remote": a bare git repository on disk with one commit on main. */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const IDENTITY = ['-c', 'user.name=CodingWorker Sandbox', '-c', 'user.email=sandbox@codingworker.invalid'];

export async function createDemoRepository(remoteDir: string, fullName: string): Promise<string> {
  const bare = join(remoteDir, `${fullName}.git`);
  if (existsSync(bare)) return bare;
  const seed = await mkdtemp(join(tmpdir(), 'codingworker-seed-'));
  try {
    await writeFile(join(seed, 'README.md'), '# Demo\n\nA repository for trying CodingWorker.\n');
    await writeFile(join(seed, 'greet.js'), 'export const greet = (name) => `Hi ${name}`;\n');
    const git = (args: string[], cwd: string) => run('git', [...IDENTITY, ...args], { cwd });
    await git(['init', '--quiet', '--initial-branch', 'main'], seed);
    await git(['add', '.'], seed);
    await git(['commit', '--quiet', '-m', 'Initial commit'], seed);
    await mkdir(join(remoteDir, fullName.split('/')[0]!), { recursive: true });
    await git(['clone', '--quiet', '--bare', seed, bare], remoteDir);
    return bare;
  } finally {
    await rm(seed, { recursive: true, force: true });
  }
}
