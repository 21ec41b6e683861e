import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The built UI: beside the built CLI (out/main → out/renderer), or out/renderer when run from source. */
export function findRendererDir(): string {
  const candidates = [
    join(import.meta.dirname, '../renderer'),
    join(import.meta.dirname, '../../out/renderer'),
  ];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? candidates[candidates.length - 1]!;
}
