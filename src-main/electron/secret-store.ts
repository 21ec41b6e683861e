/**
 * Secrets (the GitHub token) encrypted with Electron's safeStorage (the macOS Keychain, DPAPI, or a
 * Linux keyring), each in its own file as base64 of the ciphertext, readable by the user only.
 * Refuses to store when the OS cannot really encrypt (Linux 'basic_text'), and says why.
 */
import { safeStorage } from 'electron';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretResult } from '../../shared/bridge.ts';
import type { TokenSecretStore } from '../engine/github/resolve-token.ts';
import { secretStorageVerdict, type SecretStorageVerdict } from './secret-policy.ts';

const NAME = /^[a-z0-9-]{1,64}$/;

export type StoreSecretResult = SecretResult;

export class SafeStorageSecretStore implements TokenSecretStore {
  readonly #dir: string;

  /** @param dir the app's user-data folder; files are `<name>.secret`. */
  constructor(dir: string) {
    this.#dir = dir;
  }

  async verdict(): Promise<SecretStorageVerdict> {
    return secretStorageVerdict({
      platform: process.platform,
      backend: process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null,
      encryptionAvailable: await safeStorage.isAsyncEncryptionAvailable(),
    });
  }

  async get(name: string): Promise<string | null> {
    let encoded: string;
    try {
      encoded = readFileSync(this.#file(name), 'utf8').trim();
    } catch {
      return null;
    }
    if ((await this.verdict()).ok !== true) return null;
    const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(encoded, 'base64'));
    if (shouldReEncrypt) await this.set(name, result);
    return result;
  }

  async set(name: string, value: string): Promise<StoreSecretResult> {
    const verdict = await this.verdict();
    if (!verdict.ok) return { stored: false, reason: verdict.reason };
    const encrypted = await safeStorage.encryptStringAsync(value);
    mkdirSync(this.#dir, { recursive: true, mode: 0o700 });
    const file = this.#file(name);
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, encrypted.toString('base64'), { mode: 0o600 });
    renameSync(temp, file);
    return { stored: true, reason: null };
  }

  delete(name: string): void {
    rmSync(this.#file(name), { force: true });
  }

  #file(name: string): string {
    if (!NAME.test(name)) throw new RangeError('invalid secret name');
    return join(this.#dir, `${name}.secret`);
  }
}
