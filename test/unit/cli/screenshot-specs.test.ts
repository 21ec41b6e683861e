// `npm run screenshots` must run every spec that takes a picture for docs/screenshots, or some
// pictures would silently stay stale while the others are regenerated.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');

describe('npm run screenshots', () => {
  it('runs every spec that takes a screenshot', () => {
    const script = readFileSync(join(root, 'scripts', 'screenshots.ts'), 'utf8');
    const dir = join(root, 'test', 'e2e', 'web');
    const takers = readdirSync(dir).filter(
      (name) =>
        name.endsWith('.spec.ts') && /\bscreenshot\(page,/.test(readFileSync(join(dir, name), 'utf8')),
    );
    expect(takers.length).toBeGreaterThanOrEqual(3);
    for (const name of takers) expect(script, name).toContain(`'test/e2e/web/${name}'`);
  });
});
