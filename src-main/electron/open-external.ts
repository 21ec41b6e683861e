/**
 * Opens a URL in the user's browser, only after the allow-check: https, the configured GitHub
 * server, a pull request or issue of an allowlisted repository. The single place the shell calls
 * shell.openExternal.
 */
import { shell } from 'electron';
import { checkExternalUrl, type LinkPolicy } from './url-allow.ts';

export async function openCheckedUrl(url: string, policy: LinkPolicy): Promise<boolean> {
  const check = checkExternalUrl(url, policy);
  if (!check.ok) {
    console.warn(`[shell] refused to open a URL: ${check.why}`);
    return false;
  }
  await shell.openExternal(check.url, { activate: true });
  return true;
}
