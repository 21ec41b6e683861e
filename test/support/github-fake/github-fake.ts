/**
 * A local stand-in for the GitHub REST API with exactly the endpoints the worker uses, on
 * 127.0.0.1. Every request is checked against GitHub's OpenAPI description (path, method,
 * parameters, body): a request GitHub would not accept is answered 400 and recorded as a
 * violation, and `assertNoViolations()` fails the test. It keeps state (repositories, issues,
 * label events, collaborators, pull requests, comments), records requests, and can fail on
 * demand: 5xx, secondary rate limits with Retry-After, permissions the token lacks.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { matchRequest } from './openapi.ts';

export type Role = 'admin' | 'maintain' | 'write' | 'triage' | 'read';

export interface FakeComment {
  readonly id: number;
  readonly author: string;
  readonly authorType: 'User' | 'Bot';
  readonly body: string;
  readonly createdAt: string;
  /** author_association; default from the repository: OWNER, COLLABORATOR or NONE. */
  readonly association?: string;
}

export interface FakeEvent {
  readonly id: number;
  readonly event: 'labeled' | 'unlabeled' | 'closed' | 'reopened';
  readonly actor: string;
  readonly label?: string;
  readonly createdAt: string;
}

export interface FakeIssue {
  readonly number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  labels: string[];
  readonly events: FakeEvent[];
  readonly comments: FakeComment[];
  readonly author: string;
}

export interface FakePull {
  readonly number: number;
  readonly title: string;
  readonly body: string;
  readonly head: string;
  readonly base: string;
  readonly draft: boolean;
  state: 'open' | 'closed';
  readonly url: string;
}

interface FakeRepo {
  readonly owner: string;
  readonly name: string;
  readonly defaultBranch: string;
  readonly collaborators: Map<string, Role>;
  readonly issues: Map<number, FakeIssue>;
  readonly pulls: FakePull[];
  nextNumber: number;
  /** Pull requests are numbered from 10000, so tests can pick issue numbers freely. */
  nextPullNumber: number;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly route: string | null;
  readonly query: Record<string, string>;
  readonly body: unknown;
  readonly status: number;
  readonly authorization: string | null;
}

export interface Failure {
  readonly method: string;
  /** OpenAPI path template, e.g. '/repos/{owner}/{repo}/pulls'. */
  readonly route: string;
  readonly status: number;
  /** How many matching requests fail (default 1). */
  times?: number;
  /** Seconds, sent as Retry-After (GitHub does for secondary rate limits). */
  readonly retryAfter?: number;
  readonly message?: string;
}

export interface GitHubFakeOptions {
  readonly token: string;
  /** Scopes for X-OAuth-Scopes on /user; null to behave like a fine-grained token (no header). */
  readonly scopes?: readonly string[] | null;
  readonly login?: string;
  /** Whether a branch exists on the remote; pull requests from missing branches are refused like GitHub does. */
  readonly branchExists?: (owner: string, repo: string, branch: string) => Promise<boolean>;
}

const DENIED_MESSAGE = 'Resource not accessible by personal access token';
const EPOCH = Date.parse('2026-11-20T09:00:00Z');

export class GitHubFake {
  readonly requests: RecordedRequest[] = [];
  readonly violations: string[] = [];
  readonly #options: GitHubFakeOptions;
  readonly #repos = new Map<string, FakeRepo>();
  readonly #failures: Failure[] = [];
  readonly #denied = new Set<string>();
  #server: ReturnType<typeof createServer> | null = null;
  #ids = 1000;
  url = '';

  constructor(options: GitHubFakeOptions) {
    this.#options = options;
  }

  static async start(options: GitHubFakeOptions): Promise<GitHubFake> {
    const fake = new GitHubFake(options);
    await fake.#listen();
    return fake;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Fails the test when any request did not match GitHub's description. */
  assertNoViolations(): void {
    if (this.violations.length > 0) {
      throw new Error(`Requests GitHub would reject:\n${this.violations.join('\n')}`);
    }
  }

  addRepo(
    fullName: string,
    options: { defaultBranch?: string; collaborators?: Record<string, Role> } = {},
  ): void {
    const [owner = '', name = ''] = fullName.split('/');
    this.#repos.set(fullName.toLowerCase(), {
      owner,
      name,
      defaultBranch: options.defaultBranch ?? 'main',
      collaborators: new Map(Object.entries(options.collaborators ?? { alice: 'admin' })),
      issues: new Map(),
      pulls: [],
      nextNumber: 1,
      nextPullNumber: 10_000,
    });
  }

  addIssue(
    fullName: string,
    input: {
      number?: number;
      title: string;
      body?: string | null;
      labels?: string[];
      labeledBy?: string;
      state?: 'open' | 'closed';
      comments?: { author: string; body: string; bot?: boolean; association?: string }[];
    },
  ): FakeIssue {
    const repo = this.#repo(fullName);
    const number = input.number ?? repo.nextNumber;
    if (repo.issues.has(number)) throw new Error(`issue ${fullName}#${number} exists already`);
    repo.nextNumber = Math.max(repo.nextNumber, number + 1);
    const labels = input.labels ?? ['ai-task'];
    const issue: FakeIssue = {
      number,
      title: input.title,
      body: input.body ?? null,
      state: input.state ?? 'open',
      labels: [...labels],
      events: labels.map((label) => this.#event('labeled', input.labeledBy ?? 'alice', label)),
      comments: (input.comments ?? []).map((c) => ({
        id: this.#ids++,
        author: c.author,
        authorType: c.bot ? 'Bot' : 'User',
        body: c.body,
        createdAt: new Date(EPOCH + this.#ids * 1000).toISOString(),
        ...(c.association ? { association: c.association } : {}),
      })),
      author: 'alice',
    };
    repo.issues.set(number, issue);
    return issue;
  }

  /** Adds a comment, as someone other than the worker would. */
  addComment(fullName: string, number: number, author: string, body: string, association?: string): void {
    this.issue(fullName, number).comments.push({
      id: this.#ids++,
      author,
      authorType: 'User',
      body,
      createdAt: new Date(EPOCH + this.#ids * 1000).toISOString(),
      ...(association ? { association } : {}),
    });
  }

  issue(fullName: string, number: number): FakeIssue {
    const issue = this.#repo(fullName).issues.get(number);
    if (!issue) throw new Error(`no issue ${fullName}#${number}`);
    return issue;
  }

  closeIssue(fullName: string, number: number, by = 'alice'): void {
    const issue = this.issue(fullName, number);
    issue.state = 'closed';
    issue.events.push(this.#event('closed', by));
  }

  removeLabel(fullName: string, number: number, label: string, by = 'alice'): void {
    const issue = this.issue(fullName, number);
    issue.labels = issue.labels.filter((l) => l !== label);
    issue.events.push(this.#event('unlabeled', by, label));
  }

  applyLabel(fullName: string, number: number, label: string, by: string): void {
    const issue = this.issue(fullName, number);
    if (!issue.labels.includes(label)) issue.labels.push(label);
    issue.events.push(this.#event('labeled', by, label));
  }

  pulls(fullName: string): readonly FakePull[] {
    return this.#repo(fullName).pulls;
  }

  comments(fullName: string, number: number): readonly FakeComment[] {
    return this.issue(fullName, number).comments;
  }

  /** The next `times` requests to route fail with status (and Retry-After, when given). */
  failNext(failure: Failure): void {
    this.#failures.push({ times: 1, ...failure });
  }

  /** Requests to this route answer 403 "Resource not accessible by personal access token". */
  deny(method: string, route: string): void {
    this.#denied.add(`${method.toUpperCase()} ${route}`);
  }

  /** Forgets pending failures and denied routes. */
  clearFaults(): void {
    this.#failures.length = 0;
    this.#denied.clear();
  }

  requestsTo(method: string, route: string): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method.toUpperCase() && r.route === route);
  }

  async #listen(): Promise<void> {
    const server = createServer((req, res) => {
      this.#handle(req, res).catch((error: unknown) => {
        this.violations.push(`fake crashed on ${req.method} ${req.url}: ${String(error)}`);
        send(res, 500, { message: 'fake error' });
      });
    });
    this.#server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const method = (req.method ?? 'GET').toUpperCase();
    const raw = await readBody(req);
    let body: unknown;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
    }
    const matched = matchRequest(method, url.pathname, url.searchParams, body);
    const authorization = req.headers.authorization ?? null;
    const record = (status: number) =>
      this.requests.push({
        method,
        path: url.pathname,
        route: matched?.route ?? null,
        query: Object.fromEntries(url.searchParams),
        body,
        status,
        authorization,
      });

    if (!matched) {
      this.violations.push(`${method} ${url.pathname}: no such operation in GitHub's REST description`);
      record(404);
      return send(res, 404, { message: 'Not Found (no such GitHub endpoint)' });
    }
    if (matched.problems.length > 0) {
      this.violations.push(
        `${method} ${url.pathname} (${matched.operationId}): ${matched.problems.join('; ')}`,
      );
      record(400);
      return send(res, 400, {
        message: `Request does not match GitHub's description: ${matched.problems.join('; ')}`,
      });
    }
    const token = /^(?:token|bearer) (.+)$/i.exec(authorization ?? '')?.[1];
    if (token !== this.#options.token) {
      record(401);
      return send(res, 401, { message: 'Bad credentials' });
    }
    const failure = this.#failures.find(
      (f) => f.method === method && f.route === matched.route && (f.times ?? 0) > 0,
    );
    if (failure) {
      failure.times = (failure.times ?? 1) - 1;
      record(failure.status);
      const headers: Record<string, string> =
        failure.retryAfter !== undefined ? { 'retry-after': String(failure.retryAfter) } : {};
      const message =
        failure.message ??
        (failure.status === 429 || failure.status === 403
          ? 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.'
          : 'Server Error');
      return send(res, failure.status, { message }, headers);
    }
    if (this.#denied.has(`${method} ${matched.route}`)) {
      record(403);
      return send(res, 403, { message: DENIED_MESSAGE });
    }
    const [status, payload, headers] = await this.#route(method, matched.route, matched.params, url, body);
    record(status);
    send(res, status, payload, headers);
  }

  async #route(
    method: string,
    route: string,
    params: Record<string, string>,
    url: URL,
    body: unknown,
  ): Promise<[number, unknown, Record<string, string>?]> {
    if (route === '/user' && method === 'GET') {
      const login = this.#options.login ?? 'worker-bot';
      const scopes = this.#options.scopes === undefined ? ['repo'] : this.#options.scopes;
      return [200, this.#user(login), scopes === null ? {} : { 'x-oauth-scopes': scopes.join(', ') }];
    }
    const repo = this.#repos.get(`${params.owner}/${params.repo}`.toLowerCase());
    if (!repo) return [404, { message: 'Not Found' }];
    const issueNumber = Number(params.issue_number);
    const issue = repo.issues.get(issueNumber);
    const key = `${method} ${route}`;
    switch (key) {
      case 'GET /repos/{owner}/{repo}':
        return [200, this.#repoJson(repo)];
      case 'GET /repos/{owner}/{repo}/issues/{issue_number}': {
        const pull = repo.pulls.find((p) => p.number === issueNumber);
        if (pull) return [200, { ...this.#pullAsIssue(repo, pull) }];
        return issue ? [200, this.#issueJson(repo, issue)] : [404, { message: 'Not Found' }];
      }
      case 'GET /repos/{owner}/{repo}/issues/{issue_number}/events':
        if (!issue) return [404, { message: 'Not Found' }];
        return this.#page(
          url,
          issue.events.map((e) => this.#eventJson(repo, e)),
        );
      case 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments':
        if (!issue) return [404, { message: 'Not Found' }];
        return this.#page(
          url,
          issue.comments.map((c) => this.#commentJson(repo, issue, c)),
        );
      case 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments': {
        if (!issue) return [404, { message: 'Not Found' }];
        const comment: FakeComment = {
          id: this.#ids++,
          author: this.#options.login ?? 'worker-bot',
          authorType: 'User',
          body: (body as { body: string }).body,
          createdAt: new Date().toISOString(),
        };
        issue.comments.push(comment);
        return [201, this.#commentJson(repo, issue, comment)];
      }
      case 'GET /repos/{owner}/{repo}/collaborators/{username}/permission': {
        const role = repo.collaborators.get(params.username ?? '');
        if (!role) return [404, { message: 'Not Found' }];
        const permission = role === 'maintain' ? 'write' : role === 'triage' ? 'read' : role;
        return [200, { permission, role_name: role, user: this.#user(params.username ?? '') }];
      }
      case 'GET /repos/{owner}/{repo}/pulls': {
        const state = url.searchParams.get('state') ?? 'open';
        const head = url.searchParams.get('head');
        const pulls = repo.pulls.filter(
          (p) => (state === 'all' || p.state === state) && (!head || `${repo.owner}:${p.head}` === head),
        );
        return this.#page(
          url,
          pulls.map((p) => this.#pullJson(repo, p)),
        );
      }
      case 'POST /repos/{owner}/{repo}/pulls': {
        const input = body as { title?: string; head: string; base: string; body?: string; draft?: boolean };
        const exists = (await this.#options.branchExists?.(repo.owner, repo.name, input.head)) ?? true;
        if (!exists) {
          return [
            422,
            {
              message: 'Validation Failed',
              errors: [{ resource: 'PullRequest', field: 'head', code: 'invalid' }],
            },
          ];
        }
        if (repo.pulls.some((p) => p.head === input.head && p.state === 'open')) {
          return [
            422,
            {
              message: 'Validation Failed',
              errors: [{ message: `A pull request already exists for ${repo.owner}:${input.head}.` }],
            },
          ];
        }
        const number = repo.nextPullNumber++;
        const pull: FakePull = {
          number,
          title: input.title ?? '',
          body: input.body ?? '',
          head: input.head,
          base: input.base,
          draft: input.draft ?? false,
          state: 'open',
          url: `https://github.test/${repo.owner}/${repo.name}/pull/${number}`,
        };
        repo.pulls.push(pull);
        return [201, this.#pullJson(repo, pull)];
      }
      default:
        this.violations.push(`${key}: described by GitHub but not implemented by the fake`);
        return [501, { message: 'Not implemented in the fake' }];
    }
  }

  #page(url: URL, items: unknown[]): [number, unknown, Record<string, string>] {
    const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30));
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
    const slice = items.slice((page - 1) * perPage, page * perPage);
    const headers: Record<string, string> = {};
    if (page * perPage < items.length) {
      const next = new URL(url);
      next.searchParams.set('page', String(page + 1));
      next.searchParams.set('per_page', String(perPage));
      headers.link = `<${next.toString()}>; rel="next"`;
    }
    return [200, slice, headers];
  }

  #repo(fullName: string): FakeRepo {
    const repo = this.#repos.get(fullName.toLowerCase());
    if (!repo) throw new Error(`no repository ${fullName} in the fake`);
    return repo;
  }

  #event(event: FakeEvent['event'], actor: string, label?: string): FakeEvent {
    return {
      id: this.#ids++,
      event,
      actor,
      label,
      createdAt: new Date(EPOCH + this.#ids * 1000).toISOString(),
    };
  }

  #user(login: string) {
    return {
      login,
      id: login.length * 1000 + 1,
      node_id: `U_${login}`,
      type: login.endsWith('[bot]') ? 'Bot' : 'User',
      site_admin: false,
      html_url: `https://github.test/${login}`,
      url: `${this.url}/users/${login}`,
    };
  }

  #repoJson(repo: FakeRepo) {
    return {
      id: 1,
      node_id: 'R_1',
      name: repo.name,
      full_name: `${repo.owner}/${repo.name}`,
      private: true,
      owner: this.#user(repo.owner),
      default_branch: repo.defaultBranch,
      html_url: `https://github.test/${repo.owner}/${repo.name}`,
    };
  }

  #issueJson(repo: FakeRepo, issue: FakeIssue) {
    return {
      id: issue.number * 10,
      node_id: `I_${issue.number}`,
      number: issue.number,
      title: issue.title,
      body: issue.body,
      state: issue.state,
      labels: issue.labels.map((name, i) => ({ id: i + 1, name, color: 'ededed' })),
      user: this.#user(issue.author),
      comments: issue.comments.length,
      html_url: `https://github.test/${repo.owner}/${repo.name}/issues/${issue.number}`,
      url: `${this.url}/repos/${repo.owner}/${repo.name}/issues/${issue.number}`,
      created_at: new Date(EPOCH).toISOString(),
      updated_at: new Date(EPOCH).toISOString(),
    };
  }

  #pullAsIssue(repo: FakeRepo, pull: FakePull) {
    return {
      id: pull.number * 10,
      node_id: `PR_${pull.number}`,
      number: pull.number,
      title: pull.title,
      body: pull.body,
      state: pull.state,
      labels: [],
      user: this.#user('worker-bot'),
      html_url: pull.url,
      pull_request: { url: pull.url, html_url: pull.url },
    };
  }

  #eventJson(repo: FakeRepo, event: FakeEvent) {
    return {
      id: event.id,
      node_id: `E_${event.id}`,
      url: `${this.url}/repos/${repo.owner}/${repo.name}/issues/events/${event.id}`,
      actor: this.#user(event.actor),
      event: event.event,
      commit_id: null,
      commit_url: null,
      created_at: event.createdAt,
      performed_via_github_app: null,
      ...(event.label ? { label: { name: event.label, color: 'ededed' } } : {}),
    };
  }

  #commentJson(repo: FakeRepo, issue: FakeIssue, comment: FakeComment) {
    return {
      id: comment.id,
      node_id: `IC_${comment.id}`,
      body: comment.body,
      user: { ...this.#user(comment.author), type: comment.authorType },
      created_at: comment.createdAt,
      updated_at: comment.createdAt,
      author_association:
        comment.association ??
        (comment.author === repo.owner
          ? 'OWNER'
          : repo.collaborators.has(comment.author)
            ? 'COLLABORATOR'
            : 'NONE'),
      html_url: `https://github.test/${repo.owner}/${repo.name}/issues/${issue.number}#issuecomment-${comment.id}`,
    };
  }

  #pullJson(repo: FakeRepo, pull: FakePull) {
    return {
      id: pull.number * 10,
      node_id: `PR_${pull.number}`,
      number: pull.number,
      state: pull.state,
      title: pull.title,
      body: pull.body,
      draft: pull.draft,
      html_url: pull.url,
      head: { ref: pull.head, label: `${repo.owner}:${pull.head}`, sha: '0'.repeat(40) },
      base: { ref: pull.base, label: `${repo.owner}:${pull.base}`, sha: '0'.repeat(40) },
    };
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(
  res: ServerResponse,
  status: number,
  payload: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': '4999',
    'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
    'x-github-request-id': `FAKE:${Date.now()}`,
    ...headers,
  });
  res.end(text);
}
