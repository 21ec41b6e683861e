/**
 * A link to GitHub. In a browser a plain link in a new tab (noopener, noreferrer); in Electron a
 * button that asks the shell to open it (the shell checks it again). Only URLs from links.ts.
 */
import type { ReactNode } from 'react';
import { useBridge } from './bridge-context.ts';

export function ExternalLink({
  href,
  children,
  testId,
}: {
  href: string;
  children: ReactNode;
  testId?: string;
}) {
  const bridge = useBridge();
  if (bridge.host === 'electron') {
    return (
      <button
        type="button"
        className="link"
        onClick={() => void bridge.invoke('openExternal', { url: href }).catch(() => {})}
        data-testid={testId}
        data-href={href}
      >
        {children}
      </button>
    );
  }
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" data-testid={testId}>
      {children}
    </a>
  );
}
