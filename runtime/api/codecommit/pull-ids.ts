// CodeCommit numbers pull requests across the account; the repos engine numbers them per
// repository. This index gives each (repository, number) an account-wide id, the first time
// the API sees it, and finds the repository again from that id.
import { AwsError } from '../types';
import type { StateStore } from '../../common/state';

interface PullIndex {
  next: number;
  byId: Record<string, { repository: string; number: string }>;
  byPull: Record<string, string>;
}

const FILE = ['repos', 'pull-request-ids.json'] as const;

function read(store: StateStore): PullIndex {
  const index = store.read<PullIndex>(...FILE);
  // Null-prototype maps: a repository or id named `__proto__` is only a key.
  return {
    next: index?.next ?? 1,
    byId: Object.assign(Object.create(null), index?.byId ?? {}),
    byPull: Object.assign(Object.create(null), index?.byPull ?? {}),
  };
}

/** The account-wide id of a repository's pull request, allocated once. */
export function accountPullId(store: StateStore, repository: string, number: string): string {
  const key = `${repository}/${number}`;
  const known = read(store).byPull[key];
  if (known) return known;
  return store.withLockSync('codecommit-pull-ids', () => {
    const index = read(store);
    if (index.byPull[key]) return index.byPull[key];
    const id = String(index.next++);
    index.byId[id] = { repository, number };
    index.byPull[key] = id;
    store.write({ next: index.next, byId: { ...index.byId }, byPull: { ...index.byPull } }, ...FILE);
    return id;
  });
}

/** The repository and per-repository number of an account-wide pull request id. */
export function findPull(store: StateStore, id: unknown): { repository: string; number: string } {
  if (typeof id !== 'string' || !id) throw new AwsError('PullRequestIdRequiredException', 'pullRequestId is required');
  if (!/^\d{1,18}$/.test(id)) throw new AwsError('InvalidPullRequestIdException', `${id} is not a pull request id`);
  const found = read(store).byId[id];
  if (!found) throw new AwsError('PullRequestDoesNotExistException', `Pull request ${id} does not exist`);
  return found;
}
