import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SCRIPTS_DIR = fileURLToPath(new URL('../../../.github/scripts', import.meta.url));
const scripts = readdirSync(SCRIPTS_DIR)
  .filter((name) => name.endsWith('.sh'))
  .sort()
  .map((name) => ({ name, text: readFileSync(`${SCRIPTS_DIR}/${name}`, 'utf8') }));

describe('producer scripts', () => {
  it('are the message builders and the senders, for issues and for review rounds', () => {
    expect(scripts.map((s) => s.name)).toEqual([
      'build-review-message.sh',
      'build-task-message.sh',
      'send-review.sh',
      'send-task.sh',
    ]);
  });

  it.each(scripts)(
    '$name is a bash script that stops at the first failure, unset variable or broken pipe',
    ({ text }) => {
      expect(text.split('\n')[0]).toBe('#!/usr/bin/env bash');
      expect(text).toMatch(/^set -euo pipefail$/m);
    },
  );

  it.each(scripts)('$name never evaluates text as code (eval, source, bash -c)', ({ text }) => {
    const code = text
      .split('\n')
      .filter((line) => !line.trim().startsWith('#'))
      .join('\n');
    expect(code).not.toMatch(/\beval\b|^\s*(?:source|\.)\s|\bbash\s+-c\b/m);
  });

  it('builds the message with jq --ascii-output, so any issue text reaches every SQS implementation', () => {
    const builder = scripts.find((s) => s.name === 'build-task-message.sh')?.text ?? '';
    expect(builder).toMatch(/^jq --compact-output --ascii-output /m);
    const review = scripts.find((s) => s.name === 'build-review-message.sh')?.text ?? '';
    expect(review).toMatch(/^output=\$\(jq --compact-output --ascii-output /m);
  });
});
