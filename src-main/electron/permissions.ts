/**
 * Web permissions the tray window may use. Only writing to the clipboard (the log's copy button);
 * camera, notifications from the page, geolocation and the rest are denied. Pure.
 */
const ALLOWED = new Set(['clipboard-sanitized-write']);

export function isPermissionAllowed(permission: string): boolean {
  return ALLOWED.has(permission);
}
