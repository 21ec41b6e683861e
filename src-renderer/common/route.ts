/**
 * The UI's location, kept in the URL fragment so the shell can open the window on a job or the DLQ
 * (#job/<id>, #dlq) and a reload keeps the panel. Pure.
 */
export const tabs = ['now', 'dlq', 'history', 'settings'] as const;
export type Tab = (typeof tabs)[number];

export interface Route {
  readonly tab: Tab;
  /** A job of the history to open. */
  readonly jobId: string | null;
}

const JOB_ID = /^[A-Za-z0-9_-]{1,100}$/;

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  const [head = '', id] = path.split('/');
  if (head === 'job' && id && JOB_ID.test(id)) return { tab: 'history', jobId: id };
  if ((tabs as readonly string[]).includes(head)) return { tab: head as Tab, jobId: null };
  return { tab: 'now', jobId: null };
}

export function formatRoute(route: Route): string {
  return route.jobId ? `#job/${route.jobId}` : `#${route.tab}`;
}
