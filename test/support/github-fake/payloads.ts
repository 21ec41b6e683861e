/**
 * The fake's state as GitHub's REST API shows it: users, repositories, issues, label events,
 * comments and pull requests, with API links under the fake's own URL.
 */
import {
  EPOCH,
  type FakeComment,
  type FakeEvent,
  type FakeIssue,
  type FakePull,
  type FakeRepo,
} from './state.ts';

export class Payloads {
  readonly #apiUrl: string;

  constructor(apiUrl: string) {
    this.#apiUrl = apiUrl;
  }

  user(login: string) {
    return {
      login,
      id: login.length * 1000 + 1,
      node_id: `U_${login}`,
      type: login.endsWith('[bot]') ? 'Bot' : 'User',
      site_admin: false,
      html_url: `https://github.test/${login}`,
      url: `${this.#apiUrl}/users/${login}`,
    };
  }

  repo(repo: FakeRepo) {
    return {
      id: 1,
      node_id: 'R_1',
      name: repo.name,
      full_name: `${repo.owner}/${repo.name}`,
      private: true,
      owner: this.user(repo.owner),
      default_branch: repo.defaultBranch,
      html_url: `https://github.test/${repo.owner}/${repo.name}`,
    };
  }

  issue(repo: FakeRepo, issue: FakeIssue) {
    return {
      id: issue.number * 10,
      node_id: `I_${issue.number}`,
      number: issue.number,
      title: issue.title,
      body: issue.body,
      state: issue.state,
      labels: issue.labels.map((name, i) => ({ id: i + 1, name, color: 'ededed' })),
      user: this.user(issue.author),
      comments: issue.comments.length,
      html_url: `https://github.test/${repo.owner}/${repo.name}/issues/${issue.number}`,
      url: `${this.#apiUrl}/repos/${repo.owner}/${repo.name}/issues/${issue.number}`,
      created_at: new Date(EPOCH).toISOString(),
      updated_at: new Date(EPOCH).toISOString(),
    };
  }

  /** A pull request read through the issues API, as GitHub allows. */
  pullAsIssue(pull: FakePull) {
    return {
      id: pull.number * 10,
      node_id: `PR_${pull.number}`,
      number: pull.number,
      title: pull.title,
      body: pull.body,
      state: pull.state,
      labels: [],
      user: this.user('worker-bot'),
      html_url: pull.url,
      pull_request: { url: pull.url, html_url: pull.url },
    };
  }

  event(repo: FakeRepo, event: FakeEvent) {
    return {
      id: event.id,
      node_id: `E_${event.id}`,
      url: `${this.#apiUrl}/repos/${repo.owner}/${repo.name}/issues/events/${event.id}`,
      actor: this.user(event.actor),
      event: event.event,
      commit_id: null,
      commit_url: null,
      created_at: event.createdAt,
      performed_via_github_app: null,
      ...(event.label ? { label: { name: event.label, color: 'ededed' } } : {}),
    };
  }

  comment(repo: FakeRepo, issue: FakeIssue, comment: FakeComment) {
    return {
      id: comment.id,
      node_id: `IC_${comment.id}`,
      body: comment.body,
      user: { ...this.user(comment.author), type: comment.authorType },
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

  pull(repo: FakeRepo, pull: FakePull) {
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
