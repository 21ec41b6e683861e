/** The fake's issues API: an issue (or a pull request read as one), its events and its comments. */
import { NOT_FOUND, page, type RepoRoutes, type RouteRequest } from './route-handler.ts';
import { pullComments, type FakeComment, type FakeRepo } from './state.ts';

const issueOf = (repo: FakeRepo, request: RouteRequest) =>
  repo.issues.get(Number(request.params.issue_number));

/** The conversation of an issue, or of a pull request (GitHub serves both as issue comments). */
const conversationOf = (repo: FakeRepo, request: RouteRequest) => {
  const number = Number(request.params.issue_number);
  const pull = repo.pulls.find((p) => p.number === number);
  if (pull) return { number, comments: pullComments(pull) };
  const issue = repo.issues.get(number);
  return issue ? { number, comments: issue.comments } : undefined;
};

export const issueRoutes: RepoRoutes = {
  'GET /repos/{owner}/{repo}/issues/{issue_number}': ({ payloads }, repo, request) => {
    const issueNumber = Number(request.params.issue_number);
    const pull = repo.pulls.find((p) => p.number === issueNumber);
    if (pull) return [200, { ...payloads.pullAsIssue(pull) }];
    const issue = issueOf(repo, request);
    return issue ? [200, payloads.issue(repo, issue)] : NOT_FOUND;
  },

  'GET /repos/{owner}/{repo}/issues/{issue_number}/events': ({ payloads }, repo, request) => {
    const issue = issueOf(repo, request);
    if (!issue) return NOT_FOUND;
    return page(
      request.url,
      issue.events.map((e) => payloads.event(repo, e)),
    );
  },

  'GET /repos/{owner}/{repo}/issues/{issue_number}/comments': ({ payloads }, repo, request) => {
    const issue = conversationOf(repo, request);
    if (!issue) return NOT_FOUND;
    return page(
      request.url,
      issue.comments.map((c) => payloads.comment(repo, issue, c)),
    );
  },

  'POST /repos/{owner}/{repo}/issues/{issue_number}/comments': (
    { state, payloads, options },
    repo,
    request,
  ) => {
    const issue = conversationOf(repo, request);
    if (!issue) return NOT_FOUND;
    const comment: FakeComment = {
      id: state.nextId(),
      author: options.login ?? 'worker-bot',
      authorType: 'User',
      body: (request.body as { body: string }).body,
      createdAt: new Date().toISOString(),
    };
    issue.comments.push(comment);
    return [201, payloads.comment(repo, issue, comment)];
  },

  /** Labels on an issue or a pull request (GitHub treats a pull request as an issue here). */
  'POST /repos/{owner}/{repo}/issues/{issue_number}/labels': (_context, repo, request) => {
    const issueNumber = Number(request.params.issue_number);
    const target = repo.pulls.find((p) => p.number === issueNumber) ?? issueOf(repo, request);
    if (!target) return NOT_FOUND;
    const body = request.body as { labels?: string[] } | string[];
    const names = Array.isArray(body) ? body : (body.labels ?? []);
    for (const name of names) if (!target.labels.includes(name)) target.labels.push(name);
    return [
      200,
      target.labels.map((name, i) => ({
        id: i + 1,
        node_id: `LA_${i + 1}`,
        url: `https://api.github.test/repos/${repo.owner}/${repo.name}/labels/${encodeURIComponent(name)}`,
        name,
        description: null,
        color: 'ededed',
        default: false,
      })),
    ];
  },
};
