import { describe, expect, it } from 'vitest';
import { redriveMessage } from '../../../src-renderer/dlq/redrive-message.ts';
import { translator } from '../../../src-renderer/i18n/i18n.ts';

describe('redrive result message', () => {
  const en = translator('en');

  it('says how many went back', () => {
    expect(redriveMessage({ moved: 3, method: 'manual', failed: 0, problems: [] }, en)).toBe(
      'Sent 3 tasks back',
    );
  });

  it('also says what stayed behind, and why', () => {
    const text = redriveMessage(
      { moved: 1, method: 'manual', failed: 2, problems: ['m-1: send failed', 'm-2: delete failed'] },
      en,
    );
    expect(text).toBe(
      'Sent 1 task back 2 tasks could not be sent back and stayed in the DLQ: m-1: send failed; m-2: delete failed',
    );
    expect(
      redriveMessage({ moved: 0, method: 'manual', failed: 1, problems: ['x'] }, translator('ja')),
    ).toContain('1 件は戻せず DLQ に残っています: x');
  });
});
