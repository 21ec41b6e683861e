/**
 * What the GitHub fake remembers: repositories with their collaborators, issues (with label
 * events and comments) and pull requests, and the mutators tests use to arrange them.
 */
export type Role = 'admin' | 'maintain' | 'write' | 'triage' | 'read';

export interface FakeComment {
  readonly id: number;
  readonly author: string;
  readonly authorType: 'User' | 'Bot';
  body: string;
  readonly createdAt: string;
  /** Set when the comment was edited after it was made. */
  updatedAt?: string;
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
  /** Conversation comments (GitHub keeps them as issue comments of the pull request). */
  readonly comments?: FakeComment[];
  readonly reviews?: FakeReview[];
  /** owner/name of the head's repository when it is a fork; absent: the same repository. */
  readonly headRepository?: string;
  /** Labels added after it was opened (POST …/issues/{number}/labels). */
  readonly labels: string[];
}

/** An inline comment of a review. */
export interface FakeReviewComment {
  readonly id: number;
  readonly path: string;
  readonly line: number;
  readonly startLine?: number;
  readonly body: string;
}

export interface FakeReview {
  readonly id: number;
  readonly author: string;
  state: 'CHANGES_REQUESTED' | 'COMMENTED' | 'APPROVED' | 'DISMISSED';
  body: string;
  readonly submittedAt: string;
  readonly comments: FakeReviewComment[];
}

/** A reaction on a conversation comment. */
export interface FakeReaction {
  readonly commentId: number;
  readonly content: string;
  readonly user: string;
}

export interface FakeRepo {
  readonly owner: string;
  readonly name: string;
  readonly defaultBranch: string;
  readonly collaborators: Map<string, Role>;
  readonly issues: Map<number, FakeIssue>;
  readonly pulls: FakePull[];
  readonly reactions: FakeReaction[];
  nextNumber: number;
  /** Pull requests are numbered from 10000, so tests can pick issue numbers freely. */
  nextPullNumber: number;
}

export interface NewIssue {
  number?: number;
  title: string;
  body?: string | null;
  labels?: string[];
  labeledBy?: string;
  state?: 'open' | 'closed';
  comments?: { author: string; body: string; bot?: boolean; association?: string }[];
}

/** Timestamps of arranged events and comments count up from here, one second per id. */
export const EPOCH = Date.parse('2026-11-20T09:00:00Z');

export class FakeState {
  readonly #repos = new Map<string, FakeRepo>();
  #ids = 1000;

  /** A fresh id for a comment or event. */
  nextId(): number {
    return this.#ids++;
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
      reactions: [],
      nextNumber: 1,
      nextPullNumber: 10_000,
    });
  }

  /** The repository, or undefined (as GitHub answers 404). */
  findRepo(owner: string | undefined, name: string | undefined): FakeRepo | undefined {
    return this.#repos.get(`${owner}/${name}`.toLowerCase());
  }

  repo(fullName: string): FakeRepo {
    const repo = this.#repos.get(fullName.toLowerCase());
    if (!repo) throw new Error(`no repository ${fullName} in the fake`);
    return repo;
  }

  addIssue(fullName: string, input: NewIssue): FakeIssue {
    const repo = this.repo(fullName);
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
        ...this.#stamped(),
        author: c.author,
        authorType: c.bot ? 'Bot' : 'User',
        body: c.body,
        ...(c.association ? { association: c.association } : {}),
      })),
      author: 'alice',
    };
    repo.issues.set(number, issue);
    return issue;
  }

  addComment(fullName: string, number: number, author: string, body: string, association?: string): void {
    this.issue(fullName, number).comments.push({
      ...this.#stamped(),
      author,
      authorType: 'User',
      body,
      ...(association ? { association } : {}),
    });
  }

  issue(fullName: string, number: number): FakeIssue {
    const issue = this.repo(fullName).issues.get(number);
    if (!issue) throw new Error(`no issue ${fullName}#${number}`);
    return issue;
  }

  closeIssue(fullName: string, number: number, by: string): void {
    const issue = this.issue(fullName, number);
    issue.state = 'closed';
    issue.events.push(this.#event('closed', by));
  }

  removeLabel(fullName: string, number: number, label: string, by: string): void {
    const issue = this.issue(fullName, number);
    issue.labels = issue.labels.filter((l) => l !== label);
    issue.events.push(this.#event('unlabeled', by, label));
  }

  applyLabel(fullName: string, number: number, label: string, by: string): void {
    const issue = this.issue(fullName, number);
    if (!issue.labels.includes(label)) issue.labels.push(label);
    issue.events.push(this.#event('labeled', by, label));
  }

  pull(fullName: string, number: number): FakePull {
    const pull = this.repo(fullName).pulls.find((p) => p.number === number);
    if (!pull) throw new Error(`no pull request ${fullName}#${number}`);
    return pull;
  }

  /** A conversation comment on a pull request, as someone other than the worker. Returns its id. */
  addPullComment(
    fullName: string,
    number: number,
    author: string,
    body: string,
    association?: string,
  ): FakeComment {
    const pull = this.pull(fullName, number);
    const comment: FakeComment = {
      ...this.#stamped(),
      author,
      authorType: 'User',
      body,
      ...(association ? { association } : {}),
    };
    pullComments(pull).push(comment);
    return comment;
  }

  addReview(
    fullName: string,
    number: number,
    input: {
      author: string;
      state?: FakeReview['state'];
      body?: string;
      comments?: { path: string; line: number; startLine?: number; body: string }[];
    },
  ): FakeReview {
    const pull = this.pull(fullName, number);
    const stamp = this.#stamped();
    const review: FakeReview = {
      id: stamp.id,
      author: input.author,
      state: input.state ?? 'CHANGES_REQUESTED',
      body: input.body ?? '',
      submittedAt: stamp.createdAt,
      comments: (input.comments ?? []).map((c) => ({ ...c, id: this.nextId() })),
    };
    const reviews = pull.reviews ?? [];
    reviews.push(review);
    (pull as { reviews?: FakeReview[] }).reviews = reviews;
    return review;
  }

  /** A conversation comment anywhere in the repository (issue or pull request), by id. */
  findComment(repo: FakeRepo, id: number): { comment: FakeComment; number: number } | undefined {
    for (const issue of repo.issues.values()) {
      const comment = issue.comments.find((c) => c.id === id);
      if (comment) return { comment, number: issue.number };
    }
    for (const pull of repo.pulls) {
      const comment = pull.comments?.find((c) => c.id === id);
      if (comment) return { comment, number: pull.number };
    }
    return undefined;
  }

  #event(event: FakeEvent['event'], actor: string, label?: string): FakeEvent {
    return { ...this.#stamped(), event, actor, label };
  }

  /** A new id, and a timestamp one second per id after EPOCH. */
  #stamped(): { id: number; createdAt: string } {
    const id = this.#ids++;
    return { id, createdAt: new Date(EPOCH + this.#ids * 1000).toISOString() };
  }
}

/** The pull request's conversation comments, created on first use. */
export function pullComments(pull: FakePull): FakeComment[] {
  if (!pull.comments) (pull as { comments?: FakeComment[] }).comments = [];
  return pull.comments!;
}
