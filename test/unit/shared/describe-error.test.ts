import { describe, expect, it } from 'vitest';
import { describeError } from '../../../shared/describe-error.ts';

describe('describeError', () => {
  it.each([
    ['an Error', new Error('disk full'), 'disk full'],
    [
      'an SDK error object that is not an Error',
      { name: 'QueueDoesNotExist', message: 'no queue' },
      'no queue',
    ],
    ['a thrown string', 'plain text', 'plain text'],
    ['undefined', undefined, 'undefined'],
    ['null', null, 'null'],
    ['an object without a message', { code: 42 }, '[object Object]'],
  ])('reads %s', (_what, thrown, text) => {
    expect(describeError(thrown)).toBe(text);
  });
});
