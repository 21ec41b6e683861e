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
  type FakeReview,
  type FakeReviewComment,
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

  comment(repo: FakeRepo, issue: { readonly number: number }, comment: FakeComment) {
    return {
      id: comment.id,
      node_id: `IC_${comment.id}`,
      body: comment.body,
      user: { ...this.user(comment.author), type: comment.authorType },
      created_at: comment.createdAt,
      updated_at: comment.updatedAt ?? comment.createdAt,
      author_association: comment.association ?? this.#association(repo, comment.author),
      html_url: `https://github.test/${repo.owner}/${repo.name}/issues/${issue.number}#issuecomment-${comment.id}`,
      issue_url: `${this.#apiUrl}/repos/${repo.owner}/${repo.name}/issues/${issue.number}`,
      url: `${this.#apiUrl}/repos/${repo.owner}/${repo.name}/issues/comments/${comment.id}`,
    };
  }

  #association(repo: FakeRepo, login: string): string {
    if (login === repo.owner) return 'OWNER';
    return repo.collaborators.has(login) ? 'COLLABORATOR' : 'NONE';
  }

  review(repo: FakeRepo, pull: FakePull, review: FakeReview) {
    return {
      id: review.id,
      node_id: `PRR_${review.id}`,
      user: this.user(review.author),
      body: review.body,
      state: review.state,
      html_url: `${pull.url}#pullrequestreview-${review.id}`,
      pull_request_url: `${this.#apiUrl}/repos/${repo.owner}/${repo.name}/pulls/${pull.number}`,
      submitted_at: review.submittedAt,
      commit_id: '0'.repeat(40),
      author_association: this.#association(repo, review.author),
    };
  }

  reviewComment(repo: FakeRepo, pull: FakePull, review: FakeReview, comment: FakeReviewComment) {
    return {
      id: comment.id,
      node_id: `PRRC_${comment.id}`,
      pull_request_review_id: review.id,
      path: comment.path,
      line: comment.line,
      original_line: comment.line,
      start_line: comment.startLine ?? null,
      body: comment.body,
      user: this.user(review.author),
      diff_hunk: '@@ -1 +1 @@',
      commit_id: '0'.repeat(40),
      original_commit_id: '0'.repeat(40),
      created_at: review.submittedAt,
      updated_at: review.submittedAt,
      author_association: this.#association(repo, review.author),
      html_url: `${pull.url}#discussion_r${comment.id}`,
      pull_request_url: `${this.#apiUrl}/repos/${repo.owner}/${repo.name}/pulls/${pull.number}`,
    };
  }

  reaction(id: number, content: string, login: string) {
    return {
      id,
      node_id: `REA_${id}`,
      user: this.user(login),
      content,
      created_at: new Date(EPOCH).toISOString(),
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
      merged: false,
      user: this.user('worker-bot'),
      head: {
        ref: pull.head,
        label: `${(pull.headRepository ?? `${repo.owner}/${repo.name}`).split('/')[0]}:${pull.head}`,
        sha: '0'.repeat(40),
        repo: { ...this.repo(repo), full_name: pull.headRepository ?? `${repo.owner}/${repo.name}` },
      },
      base: {
        ref: pull.base,
        label: `${repo.owner}:${pull.base}`,
        sha: '0'.repeat(40),
        repo: this.repo(repo),
      },
    };
  }
}
