/**
 * What a job would push, for the approval gate: the files with their added and removed lines, and
 * the unified diff, bounded. Read with git from the worker's own view of the worktree (see git.ts).
 */
import type { ChangedFile } from '../../../../shared/approval.ts';
import { git, type WorktreeRepository } from '../../workspace/git.ts';

/** Longest diff kept for the UI (characters); the rest is cut with a note. */
export const MAX_DIFF_CHARS = 200_000;

export interface DiffSummary {
  readonly files: readonly ChangedFile[];
  readonly linesAdded: number;
  readonly linesRemoved: number;
  readonly diff: string;
}

export async function diffSummary(
  repo: WorktreeRepository,
  baseSha: string,
  signal?: AbortSignal,
): Promise<DiffSummary> {
  const opts = { ...repo, signal };
  const numstat = await git(
    ['diff', '--no-ext-diff', '--no-textconv', '--numstat', '-z', baseSha, 'HEAD'],
    opts,
  );
  const files: ChangedFile[] = [];
  const fields = numstat.stdout.split('\0');
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    if (field.length === 0) continue;
    const [added = '-', removed = '-', path = ''] = field.split('\t');
    // A rename is "a\tr\t" followed by the old and the new path as their own fields.
    const name = path === '' ? `${fields[i + 1]} → ${fields[i + 2]}` : path;
    if (path === '') i += 2;
    files.push({
      path: name,
      added: added === '-' ? null : Number(added),
      removed: removed === '-' ? null : Number(removed),
    });
  }
  const patch = await git(
    ['diff', '--no-ext-diff', '--no-textconv', '--no-color', '--find-renames', baseSha, 'HEAD'],
    opts,
  );
  const diff =
    patch.stdout.length > MAX_DIFF_CHARS
      ? `${patch.stdout.slice(0, MAX_DIFF_CHARS)}\n… (diff cut at ${MAX_DIFF_CHARS.toLocaleString('en-US')} characters)\n`
      : patch.stdout;
  return {
    files,
    linesAdded: files.reduce((sum, f) => sum + (f.added ?? 0), 0),
    linesRemoved: files.reduce((sum, f) => sum + (f.removed ?? 0), 0),
    diff,
  };
}
