/**
 * Where git is: found once per PATH value among PATH's absolute entries, and from then on run by
 * that absolute path. Looking it up by name at each call would search PATH from the folder git
 * runs in — a worktree the agent wrote — whenever PATH holds a relative entry (or an empty one,
 * which means "."). Fails with an Error when no git is on PATH.
 */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { join } from 'node:path';

const found = new Map<string, Promise<string>>();

export function resolveGitBinary(pathValue: string): Promise<string> {
  let result = found.get(pathValue);
  if (!result) {
    result = search(pathValue);
    found.set(pathValue, result);
    // A failed search is not remembered: git may be installed while the app runs.
    result.catch(() => found.delete(pathValue));
  }
  return result;
}

async function search(pathValue: string): Promise<string> {
  for (const dir of pathValue.split(':')) {
    if (!dir.startsWith('/')) continue;
    const candidate = join(dir, 'git');
    const info = await stat(candidate).catch(() => null);
    if (!info?.isFile()) continue;
    const executable = await access(candidate, constants.X_OK).then(
      () => true,
      () => false,
    );
    if (executable) return candidate;
  }
  throw new Error('git was not found in any absolute folder on PATH');
}
