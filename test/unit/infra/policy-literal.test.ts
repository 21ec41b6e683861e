import { describe, expect, it } from 'vitest';
import { parsePolicyLiteral, toPlain } from './support/policy-literal.ts';

function duplicatesIn(text: string, syntax: 'json' | 'hcl' = 'json'): string[] {
  return parsePolicyLiteral(text, { syntax }).duplicates.map(
    (d) => `${d.path} ${d.key} @${d.line} (first @${d.firstLine})`,
  );
}

describe('policy literal parser', () => {
  it('catches a key repeated in JSON, where JSON.parse would silently keep the last', () => {
    const text = '{\n "Condition": {\n  "StringEquals": {"a": "1"},\n  "StringEquals": {"b": "2"}\n }\n}';
    expect(Object.keys((JSON.parse(text) as { Condition: object }).Condition)).toEqual(['StringEquals']);
    expect(duplicatesIn(text)).toEqual(['Condition StringEquals @4 (first @3)']);
  });

  it('catches a key repeated in an HCL object literal, quoted or bare', () => {
    expect(duplicatesIn('{\n  Effect = "Allow"\n  "Effect" = "Deny"\n}', 'hcl')).toEqual([
      '(top) Effect @3 (first @2)',
    ]);
  });

  it('counts keys that differ only in case as the same, as the AWS provider does', () => {
    expect(duplicatesIn('{"Statement": [], "statement": []}')).toEqual(['(top) statement @1 (first @1)']);
  });

  it('names where the repeat sits, through lists and odd keys', () => {
    const text =
      '{"Statement": [{}, {"Condition": {"Bool": {"aws:SecureTransport": "false", "aws:SecureTransport": "true"}}}]}';
    expect(duplicatesIn(text)).toEqual(['Statement[1].Condition.Bool aws:SecureTransport @1 (first @1)']);
  });

  it('does not confuse the same key in sibling objects with a repeat', () => {
    expect(duplicatesIn('[{"Sid": "a"}, {"Sid": "b"}]')).toEqual([]);
    expect(duplicatesIn('{ a = { x = 1 }, b = { x = 2 } }', 'hcl')).toEqual([]);
  });

  it('reads HCL values it cannot evaluate as expressions, with their source text', () => {
    const text = `{
      Arn     = aws_sqs_queue.tasks.arn # trailing comment
      Count   = var.enabled ? 1 : 0
      Ids     = [for r in var.repos : "repo:\${var.org}/\${r}"]
      Tags    = merge(local.tags, { Name = "x" })
      Map     = { for k, v in var.m : k => v }
      Literal = "$\${not.interpolated}"
      Number  = 3
    }`;
    expect(toPlain(parsePolicyLiteral(text, { syntax: 'hcl' }).value)).toEqual({
      Arn: '${aws_sqs_queue.tasks.arn}',
      Count: '${var.enabled ? 1 : 0}',
      Ids: '${[for r in var.repos : "repo:${var.org}/${r}"]}',
      Tags: '${merge(local.tags, { Name = "x" })}',
      Map: '${{ for k, v in var.m : k => v }}',
      Literal: '${not.interpolated}',
      Number: 3,
    });
  });

  it('keeps braces and quotes inside strings and interpolations out of the structure', () => {
    const text = '{"Resource": "arn:${join(":", ["a", "}"])}", "Note": "a \\"{quoted}\\" brace"}';
    expect(toPlain(parsePolicyLiteral(text).value)).toEqual({
      Resource: 'arn:${join(":", ["a", "}"])}',
      Note: 'a "{quoted}" brace',
    });
  });

  it('decodes JSON escapes, including surrogate pairs', () => {
    expect(toPlain(parsePolicyLiteral('"caf\\u00e9 \\ud83d\\ude00"').value)).toBe('café 😀');
  });

  it('reads a bare template interpolation in a JSON heredoc as an expression', () => {
    const text = '{"Resource": ${jsonencode(var.arns)}, "Version": "2012-10-17"}';
    expect(toPlain(parsePolicyLiteral(text, { syntax: 'json' }).value)).toEqual({
      Resource: '${jsonencode(var.arns)}',
      Version: '2012-10-17',
    });
  });

  it('rejects text that is not a document instead of guessing', () => {
    const json = { syntax: 'json' } as const;
    expect(() => parsePolicyLiteral('{"a": "unterminated}', json)).toThrow(/unterminated string/);
    expect(() => parsePolicyLiteral('{"a" "b"}', json)).toThrow(/expected ":" after key "a"/);
    // A missing comma must not swallow the next key, or a repeat of it would go unseen.
    expect(() => parsePolicyLiteral('{"a": 1 "b": 2}', json)).toThrow(/after the value of "a"/);
    expect(() => parsePolicyLiteral('{"a": "x" "a": "y"}', json)).toThrow(/after the value of "a"/);
    expect(() => parsePolicyLiteral('{a: 1}', json)).toThrow(/expected a quoted key/);
    expect(() => parsePolicyLiteral('{"a": undefined}', json)).toThrow(/expected a JSON value/);
  });
});
