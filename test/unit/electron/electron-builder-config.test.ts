// electron-builder.yml, validated by electron-builder's own schema, plus what the menu-bar app needs:
// LSUIElement, hardened runtime with entitlements, notarization from the environment, the tray images.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
// Resolve through electron-builder so we use exactly the parser and validator it ships with.
const fromBuilder = createRequire(createRequire(join(root, 'package.json')).resolve('electron-builder'));
const yaml = fromBuilder('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = fromBuilder('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = fromBuilder('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

const text = readFileSync(join(root, 'electron-builder.yml'), 'utf8');
const config = yaml.load(text) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('names the app and packs only the build output, in an asar', () => {
    expect(config.appId).toBe('dev.codingworker.app');
    expect(config.productName).toBe('CodingWorker');
    expect(config.files).toEqual(['out/**', 'package.json']);
    expect(config.asar).toBe(true);
  });

  it('is a menu-bar-only, hardened, notarized Mac app', () => {
    expect(config.mac.extendInfo.LSUIElement).toBe(true);
    expect(config.mac.category).toBe('public.app-category.developer-tools');
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.entitlements).toBe('build/entitlements.mac.plist');
    expect(config.mac.notarize).toBe(true);
    expect(config.mac.target.map((t: { target: string }) => t.target)).toEqual(['dmg', 'zip']);
    expect(config.linux.target).toBe('AppImage');
  });

  it('keeps notarization credentials out of the file', () => {
    const settings = text
      .split('\n')
      .filter((line) => !line.trimStart().startsWith('#'))
      .join('\n');
    expect(settings).not.toMatch(/APPLE_|password|apiKey|teamId|keychain/i);
  });

  it('ships the tray template images where main.ts looks for them', () => {
    expect(config.extraResources).toEqual([
      { from: 'build', to: 'tray', filter: ['tray*Template.png', 'tray*Template@2x.png'] },
    ]);
    expect(readFileSync(join(root, 'src-main/electron/main.ts'), 'utf8')).toContain(
      "join(process.resourcesPath, 'tray')",
    );
  });

  it('grants the hardened runtime only what V8 and the network need', () => {
    const plist = readFileSync(join(root, 'build/entitlements.mac.plist'), 'utf8');
    const keys = [...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1]);
    expect(keys).toEqual(['com.apple.security.cs.allow-jit', 'com.apple.security.network.client']);
  });
});
