import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { processesInGroup } from '../../../src-main/engine/agent/process-group.ts';
import { createGitHubClient } from '../../../src-main/engine/github/github-client.ts';
import { startGitHttpServer } from '../../support/git-remote.ts';
import { sampleTask } from '../../support/sample-task.ts';
import { OPENAI_KEY, REPO, TOKEN, startHarness, stop, type Harness } from './pipeline-harness.ts';

const execFileAsync = promisify(execFile);

describe('the job pipeline', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });
  afterEach(() => {
    h.fake.assertNoViolations();
  });

  it('turns a labelled issue into a pushed branch, a pull request that fixes it, a comment and a history record', async () => {
    const run = await h.run(h.issue(1, 'edit-commit'));

    expect(run.result).toMatchObject({
      kind: 'success',
      details: { branch: 'ai-task/issue-1', model: 'gpt-4o', issue: { repository: REPO, number: 1 } },
    });
    expect(run.phases).toEqual([
      'verifying',
      'checking-duplicates',
      'preparing-workspace',
      'running-agent',
      'publishing',
    ]);
    expect(await h.remotes.commitsAhead(REPO, 'ai-task/issue-1')).toEqual([
      'feat: make the change the issue asks for',
    ]);
    expect(await h.remotes.readFile(REPO, 'ai-task/issue-1', 'ai-change.txt')).toContain('Change requested');

    const [pull] = h.fake.pulls(REPO);
    expect(h.fake.pulls(REPO)).toHaveLength(1);
    expect(pull).toMatchObject({
      head: 'ai-task/issue-1',
      base: 'main',
      title: 'Fix the greeting (edit-commit) (#1)',
    });
    expect(pull!.body).toMatch(/^Fixes #1\b/);
    expect(pull!.body).toContain('Applied edit to ai-change.txt');
    expect(pull!.body).toContain('ai-change.txt');
    expect(pull!.body).toContain('2,300 tokens sent, 345 received, cost $0.05');
    const details = run.result.kind === 'success' ? run.result.details : null;
    expect(details?.prUrl).toBe(pull!.url);
    expect(details?.usage).toEqual({ tokensSent: 2300, tokensReceived: 345, costUsd: 0.0456 });

    const comments = h.fake.comments(REPO, 1);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain(pull!.url);

    const [record] = await h.journal.list(1);
    expect(record).toMatchObject({ jobId: run.jobId, outcome: 'succeeded', prUrl: pull!.url });
    expect(record!.usage).toEqual({ tokensSent: 2300, tokensReceived: 345, costUsd: 0.0456 });
    const page = await h.journal.readLog(run.jobId, 1, 1000);
    expect(page.lines.map((l) => l.text)).toContain('Applied edit to ai-change.txt');
    expect(page.totalLines).toBe(page.lines.length);
    // A successful job leaves no worktree behind.
    expect(existsSync(join(h.dataDir, 'worktrees', run.jobId))).toBe(false);
  });

  it('does the work once when the same task is delivered twice', async () => {
    const message = h.issue(2, 'edit-commit');
    const first = await h.run(message);
    const second = await h.run(message);

    expect(first.result.kind).toBe('success');
    expect(second.result).toMatchObject({ kind: 'noop', why: 'duplicate' });
    expect(second.result.kind === 'noop' && second.result.reason).toMatch(/^duplicate delivery/);
    expect(h.fake.pulls(REPO).filter((p) => p.head === 'ai-task/issue-2')).toHaveLength(1);
    expect(h.fake.comments(REPO, 2)).toHaveLength(1);
    expect(second.phases).not.toContain('running-agent');
  });

  it('does nothing for an issue that was closed before the job ran', async () => {
    const message = h.issue(3, 'edit-commit');
    h.fake.closeIssue(REPO, 3);
    const run = await h.run(message);
    expect(run.result).toMatchObject({
      kind: 'noop',
      reason: 'issue #3 is closed',
      why: 'cancelled-upstream',
    });
    expect(run.phases).toEqual(['verifying']);
    expect(await h.remotes.branchSha(REPO, 'ai-task/issue-3')).toBeNull();
  });

  it('does nothing when the ai-task label was removed', async () => {
    const message = h.issue(4, 'edit-commit');
    h.fake.removeLabel(REPO, 4, 'ai-task');
    const run = await h.run(message);
    expect(run.result).toMatchObject({ kind: 'noop', reason: 'the ai-task label was removed from issue #4' });
    expect(run.lines.some((line) => line.includes('label was removed'))).toBe(true);
    expect(h.fake.comments(REPO, 4)).toHaveLength(0);
  });

  it('refuses a repository outside the allowlist without asking GitHub anything', async () => {
    const before = h.fake.requests.length;
    const run = await h.run(sampleTask({ repository: 'someone-else/project', issue_number: 5 }));
    expect(run.result).toMatchObject({ kind: 'permanent' });
    expect(run.result.kind === 'permanent' && run.result.reason).toContain(
      'not in the list of allowed repositories',
    );
    expect(h.fake.requests.length).toBe(before);
  });

  it('refuses everything when the allowlist is empty', async () => {
    const run = await h.run(h.issue(6, 'edit-commit'), {
      pipeline: h.pipeline({ config: { repositories: [] } }),
    });
    expect(run.result.kind === 'permanent' && run.result.reason).toContain('allowlist is empty');
  });

  it('refuses a label applied by someone without write access, and one re-applied by a maintainer is fine', async () => {
    const message = h.issue(7, 'edit-commit', { labeledBy: 'mallory' });
    const refused = await h.run(message);
    expect(refused.result.kind).toBe('permanent');
    expect(refused.result.kind === 'permanent' && refused.result.reason).toContain(
      'applied by mallory, who has triage access',
    );
    expect(h.fake.comments(REPO, 7)).toHaveLength(0);

    h.fake.applyLabel(REPO, 7, 'ai-task', 'maintainer');
    const accepted = await h.run(message);
    expect(accepted.result.kind).toBe('success');
  });

  it('names the missing token permission when GitHub says 403', async () => {
    h.fake.deny('GET', '/repos/{owner}/{repo}/issues/{issue_number}/events');
    try {
      const run = await h.run(h.issue(8, 'edit-commit'));
      expect(run.result.kind).toBe('permanent');
      expect(run.result.kind === 'permanent' && run.result.reason).toMatch(
        /cannot read the events of issues in octo-org\/hello-world .*grant Issues: read/,
      );
    } finally {
      h.fake.clearFaults();
    }
  });

  it('reports "no changes" as a permanent failure and explains it on the issue with the worker’s steps', async () => {
    const run = await h.run(h.issue(9, 'nothing'));
    expect(run.result).toMatchObject({ kind: 'permanent', reason: 'the agent made no changes' });
    const [comment] = h.fake.comments(REPO, 9);
    expect(comment!.body).toContain('could not finish this issue: `the agent made no changes`');
    expect(comment!.body).toMatch(/```text\n[\s\S]*Agent ended with code 0[\s\S]*\n```/);
    // The agent's own output stays on the worker.
    expect(comment!.body).not.toContain('nothing to change');
    expect(comment!.body).toContain(`job \`${run.jobId}\``);
    expect(await h.remotes.branchSha(REPO, 'ai-task/issue-9')).toBeNull();
    const [record] = await h.journal.list(1);
    expect(record).toMatchObject({ outcome: 'quarantined', reason: 'the agent made no changes' });
  });

  it('treats an LLM error after which Aider exits 0 as a failure to retry, and pushes nothing', async () => {
    const run = await h.run(h.issue(10, 'llm-error'));
    expect(run.result.kind).toBe('retry');
    expect(run.result.kind === 'retry' && run.result.reason).toContain(
      'the model call failed: litellm.APIConnectionError',
    );
    expect(await h.remotes.branchSha(REPO, 'ai-task/issue-10')).toBeNull();
    expect(h.fake.comments(REPO, 10)).toHaveLength(0);
  });

  it('retries after the agent crashes, and says so on the issue on the last attempt', async () => {
    const message = h.issue(11, 'crash');
    const first = await h.run(message);
    expect(first.result).toMatchObject({ kind: 'retry', reason: 'the agent exited with code 1' });
    expect(h.fake.comments(REPO, 11)).toHaveLength(0);

    const last = await h.run(message, { isLastAttempt: true, receiveCount: 3 });
    expect(last.result.kind).toBe('retry');
    const [comment] = h.fake.comments(REPO, 11);
    expect(comment!.body).toContain('the agent exited with code 1');
    // Neither the agent's output nor local paths reach the public comment.
    expect(comment!.body).not.toContain('RuntimeError: simulated crash');
    expect(comment!.body).not.toContain(h.dataDir);
    expect(comment!.body).not.toContain(h.home);
    expect(comment!.body).toContain('<data folder>/worktrees/');
    // Failed worktrees are kept for inspection.
    expect(existsSync(join(h.dataDir, 'worktrees', last.jobId))).toBe(true);
  });

  it('stops a hung agent and everything it started, and retries', async () => {
    let agentPid = 0;
    let grandchildPid = 0;
    const run = await h.run(h.issue(12, 'hang'), {
      pipeline: h.pipeline({ limits: { idleOutputMs: 1000, killGraceMs: 300 } }),
      onLine: (_stream, text) => {
        const agent = /^agent (\d+)$/.exec(text);
        const grandchild = /^grandchild (\d+)$/.exec(text);
        if (agent) agentPid = Number(agent[1]);
        if (grandchild) grandchildPid = Number(grandchild[1]);
      },
    });
    expect(run.result.kind).toBe('retry');
    expect(run.result.kind === 'retry' && run.result.reason).toContain('printed nothing for 1 s');
    expect(agentPid).toBeGreaterThan(0);
    expect(grandchildPid).toBeGreaterThan(0);
    expect(processesInGroup(agentPid)).toEqual([]);
    expect(isAlive(grandchildPid)).toBe(false);
  });

  it('stops at the job time limit even while the agent keeps talking', async () => {
    const run = await h.run(h.issue(13, 'busy'), {
      pipeline: h.pipeline({ limits: { maxJobMs: 1500, killGraceMs: 200 } }),
    });
    expect(run.result.kind === 'retry' && run.result.reason).toContain('ran longer than 2 s');
  });

  it('pushes nothing and opens nothing when the lease is lost mid-run', async () => {
    const { controller, reason } = stop('lease-lost', 'the lease could not be extended');
    const run = await h.run(h.issue(14, 'slow:50'), {
      signal: controller.signal,
      onLine: (_stream, text) => {
        if (text === 'working 3') controller.abort(reason);
      },
    });
    expect(run.result).toMatchObject({
      kind: 'retry',
      reason: 'stopped before finishing: the lease could not be extended',
    });
    expect(run.lines).not.toContain('working 10');
    expect(await h.remotes.branchSha(REPO, 'ai-task/issue-14')).toBeNull();
    expect(h.fake.pulls(REPO).some((p) => p.head === 'ai-task/issue-14')).toBe(false);
    expect(h.fake.comments(REPO, 14)).toHaveLength(0);
  });

  it('does nothing at all for a job cancelled before it starts', async () => {
    const { controller, reason } = stop('cancelled', 'cancelled by the user');
    controller.abort(reason);
    const before = h.fake.requests.length;
    const run = await h.run(h.issue(24, 'edit-commit'), { signal: controller.signal });
    expect(run.result).toMatchObject({
      kind: 'retry',
      reason: 'stopped before finishing: cancelled by the user',
    });
    expect(h.fake.requests.length).toBe(before);
  });

  it('gives up on a job that reaches its time limit while waiting for GitHub', async () => {
    h.fake.failNext({ method: 'GET', route: '/repos/{owner}/{repo}', status: 502, times: 10 });
    const slowRetries = createGitHubClient({
      token: TOKEN,
      apiUrl: h.fake.url,
      waitUnitMs: 200,
      spaceWrites: false,
    });
    const run = await h.run(h.issue(25, 'edit-commit'), {
      pipeline: h.pipeline({ github: slowRetries, limits: { maxJobMs: 300 } }),
    });
    h.fake.clearFaults();
    expect(run.result).toMatchObject({ kind: 'retry', reason: 'the job reached its time limit' });
  });

  it('rides out GitHub 502s and a secondary rate limit, then completes', async () => {
    h.fake.failNext({
      method: 'GET',
      route: '/repos/{owner}/{repo}/issues/{issue_number}',
      status: 502,
      times: 2,
    });
    h.fake.failNext({ method: 'POST', route: '/repos/{owner}/{repo}/pulls', status: 429, retryAfter: 1 });
    h.fake.failNext({
      method: 'POST',
      route: '/repos/{owner}/{repo}/issues/{issue_number}/comments',
      status: 502,
    });
    const run = await h.run(h.issue(15, 'edit-commit'));
    expect(run.result.kind).toBe('success');
    const statuses = (route: string, method: string) =>
      h.fake
        .requestsTo(method, route)
        .filter((r) => r.path.includes('/15') || method === 'POST')
        .map((r) => r.status);
    // Read at the start, and again right before the push.
    expect(statuses('/repos/{owner}/{repo}/issues/{issue_number}', 'GET')).toEqual([502, 502, 200, 200]);
    expect(statuses('/repos/{owner}/{repo}/pulls', 'POST').slice(-2)).toEqual([429, 201]);
    expect(h.fake.comments(REPO, 15)).toHaveLength(1);
  });

  it('asks for a retry when GitHub keeps failing', async () => {
    h.fake.failNext({ method: 'GET', route: '/repos/{owner}/{repo}', status: 503, times: 10 });
    const run = await h.run(h.issue(16, 'edit-commit'));
    expect(run.result.kind).toBe('retry');
    expect(run.result.kind === 'retry' && run.result.reason).toContain(
      'GitHub failed to read the repository',
    );
    h.fake.clearFaults();
  });

  it('keeps the token out of logs, job files, git config, and the agent’s argv and environment', async () => {
    let procArgs = '';
    let procEnv = '';
    const run = await h.run(h.issue(17, 'env'), {
      onLine: (_stream, text) => {
        const match = /^agent (\d+)$/.exec(text);
        if (match) {
          procArgs = readFileSync(`/proc/${match[1]}/cmdline`, 'utf8');
          procEnv = readFileSync(`/proc/${match[1]}/environ`, 'utf8');
        }
      },
    });
    expect(run.result.kind).toBe('success');
    expect(procArgs).toContain('--message-file');
    expect(procArgs).not.toContain(TOKEN);
    expect(procEnv).not.toContain(TOKEN);
    expect(procEnv).not.toContain('AWS_SECRET_ACCESS_KEY');
    expect(procEnv).toContain(`OPENAI_API_KEY=${OPENAI_KEY}`);
    expect(
      run.lines.some((line) => line.startsWith('env GITHUB_TOKEN') || line.startsWith('env GH_TOKEN')),
    ).toBe(false);
    expect(run.lines).toContain('env OPENAI_API_KEY=***');

    const leaks = [...filesUnder(h.dataDir), ...filesUnder(h.remotes.root)].filter((file) => {
      const content = readFileSync(file);
      return content.includes(TOKEN) || content.includes(OPENAI_KEY);
    });
    expect(leaks).toEqual([]);
    const pull = h.fake.pulls(REPO).find((p) => p.head === 'ai-task/issue-17');
    expect(pull!.body).not.toContain(OPENAI_KEY);
  });

  it('never runs anything from hostile issue text and still makes a valid branch', async () => {
    const marker = join(h.home, 'pwned');
    const title = `"; touch ${marker}; echo " $(touch ${marker}) \`touch ${marker}\` ../../etc ✨ Ünïcödé`;
    const body = `${'$(touch ' + marker + ') `id` \'quoted\' "double" \n../../../etc/passwd\n'.repeat(100)}${'x'.repeat(60_000)}[fake-aider:edit-commit]`;
    const message = h.issue(18, 'edit-commit', { title: title.slice(0, 256), body: body.slice(-65_536) });
    const run = await h.run(message);

    expect(run.result.kind).toBe('success');
    expect(existsSync(marker)).toBe(false);
    await execFileAsync('git', ['check-ref-format', '--branch', 'ai-task/issue-18']);
    const pull = h.fake.pulls(REPO).find((p) => p.head === 'ai-task/issue-18');
    expect(pull!.title).toContain('$(touch');
    expect(pull!.title.endsWith('(#18)')).toBe(true);
    const prompt = readFileSync(join(h.journal.jobDir(run.jobId), 'prompt.md'), 'utf8');
    expect(prompt).toContain('Ünïcödé');
    expect(prompt).toContain('$(touch');
  });

  it('runs two jobs on one repository at the same time without interfering', async () => {
    const [a, b] = await Promise.all([h.run(h.issue(19, 'slow:5')), h.run(h.issue(20, 'slow:5'))]);
    expect(a.result.kind).toBe('success');
    expect(b.result.kind).toBe('success');
    expect(await h.remotes.commitsAhead(REPO, 'ai-task/issue-19')).toHaveLength(1);
    expect(await h.remotes.commitsAhead(REPO, 'ai-task/issue-20')).toHaveLength(1);
  });

  it('commits what the agent left uncommitted, but not its cache files, and opens a draft when asked', async () => {
    const run = await h.run(h.issue(21, 'edit-only'), {
      pipeline: h.pipeline({ config: { github: { openAsDraft: true } } }),
    });
    expect(run.result.kind).toBe('success');
    const commits = await h.remotes.commitsAhead(REPO, 'ai-task/issue-21');
    expect(commits).toEqual(['Fix the greeting (edit-only) (#21)']);
    const { stdout } = await execFileAsync(
      'git',
      ['ls-tree', '-r', '--name-only', 'refs/heads/ai-task/issue-21'],
      {
        cwd: h.remotes.path(REPO),
      },
    );
    expect(stdout).toContain('ai-change.txt');
    expect(stdout).not.toContain('.aider');
    expect(h.fake.pulls(REPO).find((p) => p.head === 'ai-task/issue-21')?.draft).toBe(true);
  });

  it('pushes over HTTP(S) with the token supplied only through GIT_ASKPASS', async () => {
    const server = await startGitHttpServer({
      root: h.remotes.root,
      username: 'x-access-token',
      password: TOKEN,
    });
    try {
      // A separate data folder, so the clone is made over HTTP too.
      const dataDir = await mkdtemp(join(tmpdir(), 'cw-http-'));
      const pipeline = h.pipeline({
        config: { dataDir, github: { apiUrl: h.fake.url, serverUrl: server.url } },
      });
      const message = h.issue(22, 'edit-commit');
      const run = await h.run(message, { pipeline });
      expect(run.result.kind).toBe('success');
      expect(await h.remotes.commitsAhead(REPO, 'ai-task/issue-22')).toHaveLength(1);
      expect(server.credentials.length).toBeGreaterThan(0);
      expect(server.credentials.every((c) => c.username === 'x-access-token' && c.password === TOKEN)).toBe(
        true,
      );
      expect(server.urls.some((url) => url.includes(TOKEN))).toBe(false);
      const leaks = filesUnder(dataDir).filter((file) => readFileSync(file).includes(TOKEN));
      expect(leaks).toEqual([]);
      await rm(dataDir, { recursive: true, force: true });
    } finally {
      await server.stop();
    }
  });

  it('overwrites the branch of an earlier attempt, but not work someone pushed meanwhile', async () => {
    const message = h.issue(23, 'edit-commit');
    await h.run(message);
    const pull = h.fake.pulls(REPO).find((p) => p.head === 'ai-task/issue-23')!;
    pull.state = 'closed';
    const again = await h.run(message);
    expect(again.result.kind).toBe('success');
    expect(await h.remotes.commitsAhead(REPO, 'ai-task/issue-23')).toHaveLength(1);

    // While the agent works, someone else pushes to the branch: the job must not overwrite it.
    h.fake.pulls(REPO).find((p) => p.head === 'ai-task/issue-23' && p.state === 'open')!.state = 'closed';
    h.fake.issue(REPO, 23).body = 'Please fix it. [fake-aider:slow:4]';
    const outsider = await pushOutsiderCommit(h, 'ai-task/issue-23');
    const third = await h.run(message, {
      onLine: (_stream, text) => {
        if (text === 'working 2') outsider.push();
      },
    });
    expect(third.result.kind).toBe('retry');
    expect(third.result.kind === 'retry' && third.result.reason).toMatch(
      /changed on the remote after the job fetched it/,
    );
    expect(await h.remotes.commitsAhead(REPO, 'ai-task/issue-23')).toContain('outsider change');
    await outsider.remove();
  });

  it('hides the repository’s .env and Aider config from the agent, and puts them back untouched', async () => {
    const other = 'octo-org/with-config';
    await h.remotes.create(other, {
      'README.md': '# x\n',
      '.env': 'OPENAI_API_BASE=https://evil.example\n',
      '.aider.conf.yml': 'auto-test: true\n',
    });
    h.fake.addRepo(other);
    h.fake.addIssue(other, { number: 1, title: 'Change', body: '[fake-aider:list-files]' });
    const pipeline = h.pipeline({ config: { repositories: [REPO, other] } });
    const run = await h.run(sampleTask({ repository: other, issue_number: 1, title: 'Change', body: '' }), {
      pipeline,
    });
    expect(run.result.kind).toBe('success');
    const seen = run.lines.filter((line) => line.startsWith('file ')).map((line) => line.slice(5));
    expect(seen).toContain('README.md');
    expect(seen).not.toContain('.env');
    expect(seen).not.toContain('.aider.conf.yml');
    expect(
      run.lines.some((line) => line.includes('Hid repository config from the agent: .env, .aider.conf.yml')),
    ).toBe(true);
    const { stdout } = await execFileAsync(
      'git',
      ['diff', '--name-status', 'main', 'refs/heads/ai-task/issue-1'],
      {
        cwd: h.remotes.path(other),
      },
    );
    expect(stdout.trim()).toBe('A\tai-change.txt');
  });

  it('can use a GitHub client built from the config alone', async () => {
    const client = createGitHubClient({ token: TOKEN, apiUrl: h.fake.url });
    const { data } = await client.rest.repos.get({ owner: 'octo-org', repo: 'hello-world' });
    expect(data.default_branch).toBe('main');
  });
});

/** Prepares a clone with a commit on `branch`; push() sends it (synchronously, from a log callback). */
async function pushOutsiderCommit(h: Harness, branch: string) {
  const dir = await mkdtemp(join(tmpdir(), 'cw-outsider-'));
  const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env, stdio: 'pipe' });
  git('clone', '--quiet', h.remotes.path(REPO), '.');
  git('checkout', '--quiet', '-B', branch, `origin/${branch}`);
  writeFileSync(join(dir, 'outsider.txt'), 'mine\n');
  git('add', 'outsider.txt');
  git(
    '-c',
    'user.name=Outsider',
    '-c',
    'user.email=o@example.test',
    'commit',
    '--quiet',
    '-m',
    'outsider change',
  );
  return {
    push: () => git('push', '--quiet', 'origin', `HEAD:refs/heads/${branch}`),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return !/\) [ZX] /.test(stat);
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const info = statSync(path);
    if (info.isDirectory()) out.push(...filesUnder(path));
    else if (info.isFile()) out.push(path);
  }
  return out;
}
