import { describe, expect, it } from 'vitest';
import { parseLogLine } from '../../../src-main/engine/journal/job-log-file.ts';
import { jobDirectory, safePathSegment } from '../../../src-main/engine/journal/job-paths.ts';

describe('job paths and log lines', () => {
  it('makes any job id a folder name that stays inside the data folder', () => {
    expect(safePathSegment('0f8c-uuid_1.2')).toBe('0f8c-uuid_1.2');
    for (const hostile of ['..', '../x', '.hidden', 'a/b', 'a\\b', '', 'x'.repeat(500)]) {
      const segment = safePathSegment(hostile);
      expect(segment).not.toMatch(/^\.|\.\.|[/\\]/);
      expect(segment.length).toBeGreaterThan(0);
      expect(segment.length).toBeLessThanOrEqual(120);
    }
    const dir = jobDirectory('/data', '../../etc');
    expect(dir.startsWith('/data/jobs/')).toBe(true);
    expect(dir.slice('/data/jobs/'.length)).not.toMatch(/\.\.|\//);
  });

  it('reads back the log file format', () => {
    expect(parseLogLine(3, '2026-11-20T09:00:00.000Z stderr boom: x y')).toEqual({
      n: 3,
      at: '2026-11-20T09:00:00.000Z',
      stream: 'stderr',
      text: 'boom: x y',
    });
    expect(parseLogLine(4, '2026-11-20T09:00:00.000Z stdout ')).toMatchObject({ stream: 'stdout', text: '' });
  });
});
