// Playwright's own browser download is impossible on our machines; Debian's Chromium is used instead
// whenever no Playwright browser is installed.
import { chromium, type LaunchOptions } from '@playwright/test';
import { existsSync } from 'node:fs';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

export function chromiumLaunchOptions(): LaunchOptions {
  const bundled = safeExecutablePath();
  const executablePath = bundled && existsSync(bundled) ? undefined : DEBIAN_CHROMIUM;
  return {
    ...(executablePath ? { executablePath } : {}),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  };
}

function safeExecutablePath(): string | null {
  try {
    return chromium.executablePath();
  } catch {
    return null;
  }
}
