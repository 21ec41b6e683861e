/**
 * The peers every assembled-app test needs — fauxqs, bare repositories with one repository, the
 * GitHub fake with alice as its admin — started once per file, with the apps a test starts stopped
 * after it and the fake's OpenAPI violations checked.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { BuiltWorkerApp } from '../../../src-main/engine/app/build-worker-app.ts';
import { createGitRemotes, type GitRemotes } from '../../support/git-remote.ts';
import { GitHubFake } from '../../support/github-fake/github-fake.ts';
import type { GitHubFakeOptions } from '../../support/github-fake/options.ts';
import { startLocalSqs, type LocalSqs } from '../../support/local-sqs.ts';

export interface AppWorld {
  readonly sqs: LocalSqs;
  readonly remotes: GitRemotes;
  readonly github: GitHubFake;
  /** Apps started by the running test; each is stopped at once after it. */
  readonly apps: BuiltWorkerApp[];
}

export function useAppWorld(
  repository: string,
  github: GitHubFakeOptions | ((remotes: GitRemotes) => GitHubFakeOptions),
): AppWorld {
  let peers: Omit<AppWorld, 'apps'> | undefined;
  const apps: BuiltWorkerApp[] = [];
  beforeAll(async () => {
    const sqs = await startLocalSqs();
    const remotes = await createGitRemotes();
    await remotes.create(repository);
    const fake = await GitHubFake.start(typeof github === 'function' ? github(remotes) : github);
    fake.addRepo(repository, { collaborators: { alice: 'admin' } });
    peers = { sqs, remotes, github: fake };
  });
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.stop({ immediate: true })));
    peers?.github.assertNoViolations();
  });
  afterAll(async () => {
    await peers?.github.stop();
    await peers?.sqs.stop();
    await peers?.remotes.remove();
  });
  const started = () => {
    if (!peers) throw new Error('the app world is used before beforeAll started it');
    return peers;
  };
  return {
    get sqs() {
      return started().sqs;
    },
    get remotes() {
      return started().remotes;
    },
    get github() {
      return started().github;
    },
    apps,
  };
}
