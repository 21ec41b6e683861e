import { describe, expect, it } from 'vitest';
import { isAllowed, parseRepository } from '../../../src-main/engine/github/repository-ref.ts';

describe('repository names', () => {
  it('splits owner/name', () => {
    expect(parseRepository('octo-org/hello.world_1')).toEqual({
      owner: 'octo-org',
      repo: 'hello.world_1',
      fullName: 'octo-org/hello.world_1',
    });
  });

  it('rejects anything that could climb out of a folder or a URL path', () => {
    for (const bad of ['o/..', 'o/.', '../r', 'o/r/x', 'o r/x', 'o/', '/r', '-o/r', 'o/r?x']) {
      expect(() => parseRepository(bad)).toThrow(/not a repository name/);
    }
  });

  it('matches the allowlist without regard to case, and an empty list allows nothing', () => {
    expect(isAllowed(['Octo-Org/Hello'], 'octo-org/hello')).toBe(true);
    expect(isAllowed(['octo-org/hello'], 'octo-org/other')).toBe(false);
    expect(isAllowed([], 'octo-org/hello')).toBe(false);
  });
});
