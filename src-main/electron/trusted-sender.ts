/**
 * Whether an IPC message comes from our own UI: the top frame of our window, showing our own page.
 * Pure, so it is unit-tested without Electron.
 */
export function isTrustedSenderUrl(senderUrl: string | undefined, appUrl: string): boolean {
  if (!senderUrl) return false;
  let sender: URL;
  let app: URL;
  try {
    sender = new URL(senderUrl);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  if (sender.protocol !== app.protocol) return false;
  if (sender.protocol === 'file:') return sender.pathname === app.pathname;
  return sender.origin === app.origin;
}
