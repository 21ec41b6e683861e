import { describe, expect, it } from 'vitest';
import { Redactor } from '../../../src-main/engine/security/redact.ts';

const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

describe('redaction', () => {
  it('hides an AWS secret access key after its name, in env, ini, YAML and JSON spellings', () => {
    const redactor = new Redactor();
    for (const [text, expected] of [
      [`AWS_SECRET_ACCESS_KEY=${AWS_SECRET}`, 'AWS_SECRET_ACCESS_KEY=***'],
      [`aws_secret_access_key = ${AWS_SECRET}`, 'aws_secret_access_key = ***'],
      [`aws_secret_access_key: "${AWS_SECRET}"`, 'aws_secret_access_key: "***"'],
      [`{"AWS_SECRET_ACCESS_KEY": "${AWS_SECRET}"}`, '{"AWS_SECRET_ACCESS_KEY": "***"}'],
      [`export AWS_SECRET_ACCESS_KEY='${AWS_SECRET}' done`, "export AWS_SECRET_ACCESS_KEY='***' done"],
    ]) {
      expect(redactor.redact(text!)).toBe(expected);
    }
  });

  it('leaves ordinary 40-character base64 and hex alone (commit ids, hashes)', () => {
    const redactor = new Redactor();
    for (const text of [
      `sha1 ${'a3f5'.repeat(10)}`,
      `integrity: ${AWS_SECRET}`,
      `secret_key = ${AWS_SECRET}`,
      `aws_secret_access_key = ${AWS_SECRET}extra`,
    ]) {
      expect(redactor.redact(text)).toBe(text);
    }
  });

  it('stays fast on hostile input', () => {
    const redactor = new Redactor();
    for (const text of [
      `aws_secret_access_key${' '.repeat(60_000)}`,
      'aws_secret_access_key='.repeat(3000),
      `${'aws_secret_access_key: '.repeat(2000)}${'A'.repeat(39)}`,
    ]) {
      const started = performance.now();
      redactor.redact(text);
      expect(performance.now() - started).toBeLessThan(200);
    }
  });
});
