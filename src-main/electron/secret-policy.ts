/**
 * Whether the OS can keep a secret for us. safeStorage on Linux without a keyring falls back to
 * 'basic_text', a hard-coded key: that is obfuscation, not encryption, so we refuse to store there.
 * Pure: the shell passes what Electron reports.
 */

export interface SecretStorageFacts {
  readonly platform: string;
  /** safeStorage.getSelectedStorageBackend() on Linux; null elsewhere. */
  readonly backend: string | null;
  readonly encryptionAvailable: boolean;
}

export type SecretStorageVerdict =
  { readonly ok: true } | { readonly ok: false; readonly reason: 'basic-text' | 'unavailable' };

export function secretStorageVerdict(facts: SecretStorageFacts): SecretStorageVerdict {
  if (!facts.encryptionAvailable) return { ok: false, reason: 'unavailable' };
  if (facts.platform === 'linux') {
    if (facts.backend === 'basic_text') return { ok: false, reason: 'basic-text' };
    // 'unknown' means asked before the app was ready: no keyring has been picked yet.
    if (facts.backend === null || facts.backend === 'unknown') return { ok: false, reason: 'unavailable' };
  }
  return { ok: true };
}
