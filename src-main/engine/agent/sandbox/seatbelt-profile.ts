/**
 * The Seatbelt (sandbox-exec) profile for a policy (macOS). Everything the user may do stays
 * allowed except: writing anywhere but the writable folders (and the few devices a CLI writes),
 * reading the hidden paths, looking at other processes (their environment included), and any
 * network but the worker's proxy port on loopback. Later rules win in SBPL, so re-allowing a
 * writable folder inside a hidden one and re-denying read-only paths inside writable ones come
 * after the rules they override.
 */
import type { SandboxPolicy } from './policy.ts';

export interface SeatbeltInput {
  readonly policy: Omit<SandboxPolicy, 'hidden'> & {
    readonly hidden: readonly { readonly path: string; readonly kind: 'dir' | 'file' }[];
  };
  /** The proxy's loopback port; null: no network at all. */
  readonly proxyPort: number | null;
}

export function seatbeltProfile(input: SeatbeltInput): string {
  const { policy, proxyPort } = input;
  const lines = [
    '(version 1)',
    '(allow default)',
    '(deny file-write*)',
    '(allow file-write* (literal "/dev/null") (literal "/dev/zero") (literal "/dev/tty") (literal "/dev/dtracehelper") (regex #"^/dev/fd/") (regex #"^/dev/ttys[0-9]+$"))',
  ];
  for (const path of policy.writable) lines.push(`(allow file-write* (subpath ${quote(path)}))`);
  for (const hidden of policy.hidden)
    lines.push(
      `(deny file-read* file-write* (${hidden.kind === 'dir' ? 'subpath' : 'literal'} ${quote(hidden.path)}))`,
    );
  for (const path of policy.writable) {
    if (policy.hidden.some((hidden) => hidden.kind === 'dir' && isInside(path, hidden.path)))
      lines.push(`(allow file-read* file-write* (subpath ${quote(path)}))`);
  }
  for (const path of policy.readOnly) lines.push(`(deny file-write* (subpath ${quote(path)}))`);
  lines.push(
    '(deny process-info*)',
    '(allow process-info* (target same-sandbox))',
    '(deny mach-lookup (global-name "com.apple.SecurityServer"))',
    '(deny network*)',
  );
  if (proxyPort !== null) lines.push(`(allow network-outbound (remote ip "localhost:${proxyPort}"))`);
  return `${lines.join('\n')}\n`;
}

/** An SBPL string literal; refuses what it cannot quote safely. */
function quote(path: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (!path.startsWith('/') || /[\u0000-\u001f\u007f]/.test(path))
    throw new Error(`cannot put ${JSON.stringify(path)} in a Seatbelt profile`);
  return `"${path.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function isInside(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith('/') ? folder : `${folder}/`);
}
