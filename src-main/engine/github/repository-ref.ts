/** "owner/name" split once, so no code builds paths or URLs from an unchecked string. */
export interface RepositoryRef {
  readonly owner: string;
  readonly repo: string;
  /** "owner/name" as given. */
  readonly fullName: string;
}

const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const NAME = /^(?!\.\.?$)[A-Za-z0-9._-]{1,100}$/;

/** Parses "owner/name"; throws on anything GitHub would not accept (no "..", slashes, spaces). */
export function parseRepository(fullName: string): RepositoryRef {
  const [owner = '', repo = '', ...rest] = fullName.split('/');
  if (rest.length > 0 || !OWNER.test(owner) || !NAME.test(repo)) {
    throw new Error(`"${fullName.slice(0, 120)}" is not a repository name of the form owner/name`);
  }
  return { owner, repo, fullName: `${owner}/${repo}` };
}

/** Whether the allowlist holds the repository. GitHub names are case-insensitive; empty holds none. */
export function isAllowed(allowlist: readonly string[], fullName: string): boolean {
  const wanted = fullName.toLowerCase();
  return allowlist.some((entry) => entry.toLowerCase() === wanted);
}
