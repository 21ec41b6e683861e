/**
 * Redaction for everything the app writes or shows: log lines, comments, errors. Secrets are
 * registered once (the GitHub token, the model's API key) and also caught by shape, so a token that
 * reaches output some other way (an agent printing its environment) is still hidden.
 */

/** Shapes of well-known credentials. */
const SECRET_PATTERNS: readonly RegExp[] = [
  /\bgh[pousr]_[A-Za-z0-9]{30,255}\b/g, // GitHub tokens
  /\bgithub_pat_[A-Za-z0-9_]{40,255}\b/g,
  /\bAKIA[0-9A-Z]{16}\b/g, // AWS access key ids
  /\bASIA[0-9A-Z]{16}\b/g,
  /\bsk-(?:ant-|proj-)?[A-Za-z0-9_-]{20,}\b/g, // OpenAI / Anthropic keys
  /(?<=[?&](?:X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token)=)[^&\s]+/g,
  /(?<=\/\/[^/\s:@]+:)[^@\s/]+(?=@)/g, // password in user:password@host URLs
];

/**
 * Credentials recognisable only by what precedes them; the first group (the name) is kept. An AWS
 * secret access key is 40 characters of base64, like many ordinary hashes, so it is only caught
 * after its variable or config name (`aws_secret_access_key = …`, `"AWS_SECRET_ACCESS_KEY": "…"`).
 * Bounded quantifiers and a literal start keep these linear on hostile input.
 */
const NAMED_SECRET_PATTERNS: readonly RegExp[] = [
  /(\baws_secret_access_key["']?[ \t]{0,16}[:=][ \t]{0,16}["']?)[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/gi,
];

export const REDACTED = '***';

export class Redactor {
  readonly #secrets = new Set<string>();

  /** Register a literal secret value. Very short values are ignored: they would mangle ordinary text. */
  add(secret: string | undefined | null): void {
    if (secret && secret.length >= 8) this.#secrets.add(secret);
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.#secrets) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    }
    for (const pattern of SECRET_PATTERNS) out = out.replace(pattern, REDACTED);
    for (const pattern of NAMED_SECRET_PATTERNS) {
      out = out.replace(pattern, (_match, name: string) => `${name}${REDACTED}`);
    }
    return out;
  }
}
