/**
 * A local stand-in for the GitHub REST API with exactly the endpoints the worker uses, on
 * 127.0.0.1. Every request is checked against GitHub's OpenAPI description (path, method,
 * parameters, body): a request GitHub would not accept is answered 400 and recorded as a
 * violation, and `assertNoViolations()` fails the test. It keeps state (repositories, issues,
 * label events, collaborators, pull requests, comments), records requests, and can fail on
 * demand: 5xx, secondary rate limits with Retry-After, permissions the token lacks.
 *
 * The pieces: state.ts (what it remembers), payloads.ts (how GitHub shows it), routes.ts and the
 * *-routes.ts files (the endpoints), faults.ts (failures on demand), server.ts (HTTP and the
 * OpenAPI check).
 */
import { Faults, type Failure } from './faults.ts';
import type { GitHubFakeOptions } from './options.ts';
import { Payloads } from './payloads.ts';
import { dispatch } from './routes.ts';
import { startServer, type FakeServer, type RecordedRequest } from './server.ts';
import {
  FakeState,
  type FakeComment,
  type FakeIssue,
  type FakePull,
  type FakeReaction,
  type FakeReview,
  type NewIssue,
  type Role,
} from './state.ts';

export type { Failure } from './faults.ts';
export type { GitHubFakeOptions } from './options.ts';
export type { RecordedRequest } from './server.ts';
export type { FakeComment, FakeEvent, FakeIssue, FakePull, FakeReview, Role } from './state.ts';

export class GitHubFake {
  readonly requests: RecordedRequest[] = [];
  readonly violations: string[] = [];
  readonly #options: GitHubFakeOptions;
  readonly #state = new FakeState();
  readonly #faults = new Faults();
  #server: FakeServer | null = null;
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
    await server?.stop();
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
    this.#state.addRepo(fullName, options);
  }

  addIssue(fullName: string, input: NewIssue): FakeIssue {
    return this.#state.addIssue(fullName, input);
  }

  /** Adds a comment, as someone other than the worker would. */
  addComment(fullName: string, number: number, author: string, body: string, association?: string): void {
    this.#state.addComment(fullName, number, author, body, association);
  }

  issue(fullName: string, number: number): FakeIssue {
    return this.#state.issue(fullName, number);
  }

  closeIssue(fullName: string, number: number, by = 'alice'): void {
    this.#state.closeIssue(fullName, number, by);
  }

  removeLabel(fullName: string, number: number, label: string, by = 'alice'): void {
    this.#state.removeLabel(fullName, number, label, by);
  }

  applyLabel(fullName: string, number: number, label: string, by: string): void {
    this.#state.applyLabel(fullName, number, label, by);
  }

  pulls(fullName: string): readonly FakePull[] {
    return this.#state.repo(fullName).pulls;
  }

  comments(fullName: string, number: number): readonly FakeComment[] {
    return this.#state.issue(fullName, number).comments;
  }

  pull(fullName: string, number: number): FakePull {
    return this.#state.pull(fullName, number);
  }

  /** A pull request arranged by the test (the worker opens its own through the API). */
  addPull(
    fullName: string,
    input: { head: string; base?: string; title?: string; headRepository?: string },
  ): FakePull {
    const repo = this.#state.repo(fullName);
    const number = repo.nextPullNumber++;
    const pull: FakePull = {
      number,
      title: input.title ?? `Pull request from ${input.head}`,
      body: '',
      head: input.head,
      base: input.base ?? repo.defaultBranch,
      draft: false,
      labels: [],
      state: 'open',
      url: `https://github.test/${repo.owner}/${repo.name}/pull/${number}`,
      ...(input.headRepository ? { headRepository: input.headRepository } : {}),
    };
    repo.pulls.push(pull);
    return pull;
  }

  closePull(fullName: string, number: number): void {
    this.#state.pull(fullName, number).state = 'closed';
  }

  /** A conversation comment on a pull request, as a reviewer would write it. */
  addPullComment(
    fullName: string,
    number: number,
    author: string,
    body: string,
    association?: string,
  ): FakeComment {
    return this.#state.addPullComment(fullName, number, author, body, association);
  }

  /** Changes a comment's text the way an edit on GitHub does (updated_at moves on). */
  editComment(fullName: string, id: number, body: string): void {
    const found = this.#state.findComment(this.#state.repo(fullName), id);
    if (!found) throw new Error(`no comment ${id} in ${fullName}`);
    found.comment.body = body;
    found.comment.updatedAt = new Date(Date.parse(found.comment.createdAt) + 60_000).toISOString();
  }

  /** The worker's and others' comments on a pull request's conversation. */
  pullComments(fullName: string, number: number): readonly FakeComment[] {
    return this.#state.pull(fullName, number).comments ?? [];
  }

  addReview(fullName: string, number: number, input: Parameters<FakeState['addReview']>[2]): FakeReview {
    return this.#state.addReview(fullName, number, input);
  }

  reactions(fullName: string): readonly FakeReaction[] {
    return this.#state.repo(fullName).reactions;
  }

  /** The next `times` requests to route fail with status (and Retry-After, when given). */
  failNext(failure: Failure): void {
    this.#faults.failNext(failure);
  }

  /** Requests to this route answer 403 "Resource not accessible by personal access token". */
  deny(method: string, route: string): void {
    this.#faults.deny(method, route);
  }

  /** Forgets pending failures and denied routes. */
  clearFaults(): void {
    this.#faults.clear();
  }

  requestsTo(method: string, route: string): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method.toUpperCase() && r.route === route);
  }

  async #listen(): Promise<void> {
    this.#server = await startServer({
      token: this.#options.token,
      requests: this.requests,
      violations: this.violations,
      faults: this.#faults,
      route: (method, route, request) =>
        dispatch(
          { state: this.#state, payloads: new Payloads(this.url), options: this.#options },
          method,
          route,
          request,
          this.violations,
        ),
    });
    this.url = this.#server.url;
  }
}
