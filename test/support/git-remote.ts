/**
 * Real remote repositories for tests: bare git repositories on disk, each with an initial commit on
 * `main`, laid out as <root>/<owner>/<repo>.git so `file://<root>` works as github.serverUrl.
 * `startGitHttpServer` serves the same repositories over git's smart HTTP protocol (git
 * http-backend) behind Basic auth, to test that pushes authenticate through GIT_ASKPASS.
 */
import { spawn } from 'node:child_process';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

const GIT_ENV = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: tmpdir(),
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Test Author',
  GIT_AUTHOR_EMAIL: 'author@example.test',
  GIT_COMMITTER_NAME: 'Test Author',
  GIT_COMMITTER_EMAIL: 'author@example.test',
  LANG: 'C',
};

export async function git(args: string[], cwd: string): Promise<string> {
  const { stdout } = await run('git', args, { cwd, env: GIT_ENV, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

export interface GitRemotes {
  readonly root: string;
  /** file://<root>, to use as github.serverUrl. */
  readonly serverUrl: string;
  /** Creates <root>/<owner>/<repo>.git with one commit on main holding `files`. */
  create(fullName: string, files?: Record<string, string>): Promise<string>;
  path(fullName: string): string;
  /** The commit a branch points at, or null when it does not exist. */
  branchSha(fullName: string, branch: string): Promise<string | null>;
  /** Subjects of the commits on `branch` that are not on main, newest first. */
  commitsAhead(fullName: string, branch: string): Promise<string[]>;
  readFile(fullName: string, branch: string, file: string): Promise<string>;
  remove(): Promise<void>;
}

export async function createGitRemotes(): Promise<GitRemotes> {
  const root = await mkdtemp(join(tmpdir(), 'cw-remotes-'));
  const path = (fullName: string) => join(root, `${fullName}.git`);
  return {
    root,
    serverUrl: `file://${root}`,
    path,
    async create(
      fullName,
      files = { 'README.md': '# Hello\n', 'src/greet.js': 'export const greet = () => "Hi";\n' },
    ) {
      const bare = path(fullName);
      const work = await mkdtemp(join(tmpdir(), 'cw-seed-'));
      try {
        await git(['init', '--quiet', '--initial-branch=main', work], tmpdir());
        for (const [name, content] of Object.entries(files)) {
          await mkdir(dirname(join(work, name)), { recursive: true });
          await writeFile(join(work, name), content);
        }
        await git(['add', '--all'], work);
        await git(['commit', '--quiet', '-m', 'Initial commit'], work);
        await mkdir(dirname(bare), { recursive: true });
        await git(['clone', '--quiet', '--bare', work, bare], tmpdir());
        await git(['symbolic-ref', 'HEAD', 'refs/heads/main'], bare);
      } finally {
        await rm(work, { recursive: true, force: true });
      }
      return bare;
    },
    async branchSha(fullName, branch) {
      try {
        return (await git(['rev-parse', '--verify', '-q', `refs/heads/${branch}`], path(fullName))).trim();
      } catch {
        return null;
      }
    },
    async commitsAhead(fullName, branch) {
      const out = await git(['log', '--format=%s', `main..refs/heads/${branch}`], path(fullName));
      return out.split('\n').filter((line) => line.length > 0);
    },
    async readFile(fullName, branch, file) {
      return git(['show', `refs/heads/${branch}:${file}`], path(fullName));
    },
    async remove() {
      await rm(root, { recursive: true, force: true });
    },
  };
}

export interface GitHttpServer {
  /** http://127.0.0.1:<port>, to use as github.serverUrl. */
  readonly url: string;
  /** Basic-auth credentials git presented, decoded, in order. */
  readonly credentials: { username: string; password: string }[];
  /** Request URLs as git sent them (to check no secret is in a URL). */
  readonly urls: string[];
  stop(): Promise<void>;
}

/**
 * Serves <root> over smart HTTP. Every request needs Basic auth with `username` and `password`,
 * like a private repository on GitHub; without it the answer is 401, which makes git ask
 * GIT_ASKPASS.
 */
export async function startGitHttpServer(input: {
  readonly root: string;
  readonly username: string;
  readonly password: string;
}): Promise<GitHttpServer> {
  const credentials: { username: string; password: string }[] = [];
  const urls: string[] = [];
  const server = createServer((req, res) => {
    urls.push(req.url ?? '');
    const header = req.headers.authorization ?? '';
    const decoded = header.startsWith('Basic ')
      ? Buffer.from(header.slice(6), 'base64').toString('utf8')
      : null;
    if (decoded !== null) {
      const colon = decoded.indexOf(':');
      credentials.push({ username: decoded.slice(0, colon), password: decoded.slice(colon + 1) });
    }
    if (decoded !== `${input.username}:${input.password}`) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="test"' });
      res.end('authentication required');
      return;
    }
    cgi(req, input.root, input.username).then(
      ({ status, headers, body }) => {
        res.writeHead(status, headers);
        res.end(body);
      },
      (error: unknown) => {
        res.writeHead(500);
        res.end(String(error));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    credentials,
    urls,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function cgi(req: IncomingMessage, root: string, user: string) {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const child = spawn('git', ['http-backend'], {
    env: {
      ...GIT_ENV,
      GIT_PROJECT_ROOT: root,
      GIT_HTTP_EXPORT_ALL: '1',
      REQUEST_METHOD: req.method ?? 'GET',
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.slice(1),
      CONTENT_TYPE: req.headers['content-type'] ?? '',
      HTTP_CONTENT_ENCODING: req.headers['content-encoding'] ?? '',
      GIT_PROTOCOL: String(req.headers['git-protocol'] ?? ''),
      REMOTE_USER: user,
      REMOTE_ADDR: '127.0.0.1',
    },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  req.pipe(child.stdin);
  const chunks: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  await new Promise((resolve) => child.on('close', resolve));
  const output = Buffer.concat(chunks);
  const split = output.indexOf('\r\n\r\n');
  const headerEnd = split >= 0 ? split : output.indexOf('\n\n');
  const headerText = output.subarray(0, headerEnd).toString('utf8');
  const body = output.subarray(headerEnd + (split >= 0 ? 4 : 2));
  const headers: Record<string, string> = {};
  let status = 200;
  for (const line of headerText.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'status') status = Number.parseInt(value, 10);
    else if (name) headers[name] = value;
  }
  return { status, headers, body };
}
