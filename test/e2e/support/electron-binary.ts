/**
 * Whether an Electron binary is present. It cannot be downloaded on our Linux machines, so the
 * `_electron` specs skip there, with this reason, and run on the macOS CI job.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ELECTRON_DIR = join(process.cwd(), 'node_modules', 'electron');

export function electronBinary(): { path: string } | { skip: string } {
  const pathFile = join(ELECTRON_DIR, 'path.txt');
  if (!existsSync(pathFile)) {
    return {
      skip: 'No Electron binary on this machine (node_modules/electron/path.txt missing): run `npx install-electron` where downloads work; the macOS CI job does.',
    };
  }
  const binary = join(ELECTRON_DIR, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary)
    ? { path: binary }
    : { skip: `Electron binary not downloaded (${binary} missing).` };
}
