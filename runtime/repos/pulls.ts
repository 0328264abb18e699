import { NotFoundError } from '../common/errors';
import { StateStore } from '../common/state';
import { authorEnv, git, gitResult, ZERO_OID } from './git';
import { foldEvents, type PullEvent, type PullEventInput, type PullRequest } from './pull-model';
import { homeOfRepo, repoNameOf } from './store';

/**
 * Pull requests live in the repository itself: each is a chain of commits (empty tree,
 * the event as JSON in the message) under refs/slipway/pull-requests/<ID>, so clones,
 * fetches, backups and restores carry them. A change is a new commit on top, moved in
 * with compare-and-swap (`git update-ref REF NEW OLD`), retried on a lost race: two
 * reviewers' changes are both kept, never overwritten.
 */
export const PR_PREFIX = 'refs/slipway/pull-requests/';
/**
 * Log records are split on control characters, which the JSON of an event can never hold
 * unescaped; simple-git's log() splits on printable separators (`òòòòòò`, ` ò `) that a
 * pull request's title or comment may contain, so it is not used to read events.
 */
const RECORD = '\x1e';
const FIELD = '\x1f';

export function prRef(id: string): string {
  return `${PR_PREFIX}${id}`;
}

const emptyTrees = new Map<string, string>();
async function emptyTree(gitDir: string): Promise<string> {
  let tree = emptyTrees.get(gitDir);
  if (!tree) {
    tree = (await git(['--git-dir', gitDir, 'mktree'], { input: '' })).trim();
    emptyTrees.set(gitDir, tree);
  }
  return tree;
}

function parseEvent(message: string, where: string): PullEvent {
  const json = message.slice(message.indexOf('\n\n') + 2).trim();
  try {
    return JSON.parse(json) as PullEvent;
  } catch {
    throw new Error(`${where}: a pull request event is not valid JSON`);
  }
}

async function readEvents(gitDir: string, tip: string): Promise<PullEvent[]> {
  const out = await git(['--git-dir', gitDir, 'log', '--reverse', '--topo-order', `--format=%H${FIELD}%B${RECORD}`, tip]);
  return out
    .split(RECORD)
    .map((chunk) => chunk.replace(/^\n/, ''))
    .filter((chunk) => chunk.includes(FIELD))
    .map((chunk) => {
      const [commit, message] = chunk.split(FIELD);
      return parseEvent(message, commit);
    });
}

/**
 * The pull requests' tips under `pattern` (one pull request's ref, or all of them) and the
 * branches' tips, from one `for-each-ref`: every read of a pull request needs both (an open one
 * shows its branches as they are now). Callers look a pull request's ref up by equality, never
 * by for-each-ref's pattern matching, so an id holding `*` or `?` names nothing.
 */
async function pullAndBranchTips(gitDir: string, pattern: string): Promise<{ pulls: Map<string, string>; branches: Map<string, string> }> {
  const out = await git(['--git-dir', gitDir, 'for-each-ref', '--format=%(refname)%09%(objectname)%09%(objecttype)', '--end-of-options', pattern, 'refs/heads']);
  const pulls = new Map<string, string>();
  const branches = new Map<string, string>();
  for (const line of out.split('\n')) {
    const [name, object, type] = line.split('\t');
    if (name?.startsWith(PR_PREFIX) && type === 'commit') pulls.set(name, object);
    else if (name?.startsWith('refs/heads/')) branches.set(name.slice('refs/heads/'.length), object);
  }
  return { pulls, branches };
}

/** A pull request with the events it was folded from (appendEvent folds a new one onto them). */
async function readPullRequest(gitDir: string, id: string): Promise<{ pr: PullRequest; events: PullEvent[]; branches: Map<string, string> }> {
  const { pulls, branches } = await pullAndBranchTips(gitDir, prRef(id));
  const tip = pulls.get(prRef(id));
  if (!tip) throw new NotFoundError(`no pull request ${id} in ${repoNameOf(gitDir)} (see: slipway pr list ${repoNameOf(gitDir)})`, 'PullRequestDoesNotExistException');
  const events = await readEvents(gitDir, tip);
  return { pr: applyLive(foldEvents(repoNameOf(gitDir), id, tip, events), branches), events, branches };
}

export async function getPullRequest(gitDir: string, id: string): Promise<PullRequest> {
  return (await readPullRequest(gitDir, id)).pr;
}

/** Every pull request of a repository, read with one `git log` over all their refs. */
export async function listPullRequests(gitDir: string): Promise<PullRequest[]> {
  const { pulls: tips, branches } = await pullAndBranchTips(gitDir, PR_PREFIX);
  if (tips.size === 0) return [];
  const out = await git(['--git-dir', gitDir, 'log', '--reverse', '--topo-order', '--source', `--format=%S${FIELD}%H${FIELD}%B${RECORD}`, ...tips.keys()]);
  const byRef = new Map<string, PullEvent[]>();
  for (const chunk of out.split(RECORD)) {
    const parts = chunk.replace(/^\n/, '').split(FIELD);
    if (parts.length < 3) continue;
    const [ref, commit, message] = parts;
    if (!byRef.has(ref)) byRef.set(ref, []);
    byRef.get(ref)!.push(parseEvent(message, commit));
  }
  const name = repoNameOf(gitDir);
  return [...byRef]
    .map(([ref, events]) => foldEvents(name, ref.slice(PR_PREFIX.length), tips.get(ref)!, events))
    .map((pr) => applyLive(pr, branches))
    .sort((a, b) => Number(a.id) - Number(b.id));
}

/** An open pull request shows its branches as they are now. */
function applyLive(pr: PullRequest, branches: Map<string, string>): PullRequest {
  if (pr.status !== 'OPEN') return pr;
  return { ...pr, sourceCommit: branches.get(pr.source) ?? pr.sourceCommit, destinationCommit: branches.get(pr.destination) ?? pr.destinationCommit };
}

/** An event as readEvents returns it from its commit: through JSON (undefined fields dropped). */
function asRead(event: PullEvent): PullEvent {
  return JSON.parse(JSON.stringify(event)) as PullEvent;
}

function eventMessage(event: PullEvent): string {
  return `slipway: pull request ${event.type}\n\n${JSON.stringify(event)}\n`;
}

async function writeEvent(gitDir: string, event: PullEvent, parent: string | undefined): Promise<string> {
  const args = ['--git-dir', gitDir, 'commit-tree', await emptyTree(gitDir)];
  if (parent) args.push('-p', parent);
  return (await git(args, { input: eventMessage(event), env: authorEnv(event.author, new Date(event.time)) })).trim();
}

/** Moves a ref from `expected` to `next`; false when someone else moved it first. */
async function compareAndSwap(gitDir: string, ref: string, next: string, expected: string): Promise<boolean> {
  const { code } = await gitResult(['--git-dir', gitDir, 'update-ref', ref, next, expected], { okCodes: [1, 128], quiet: true });
  return code === 0;
}

/**
 * Appends one event, built from the pull request as it is at the moment of writing
 * (`build` validates and may throw); retried on a lost compare-and-swap.
 */
export async function appendEvent(gitDir: string, id: string, user: string, build: (pr: PullRequest) => PullEventInput): Promise<PullRequest> {
  // Writers on this host queue on a lock (no wasted rewrites under contention); the
  // compare-and-swap still guards against any writer that does not take it.
  const store = new StateStore(homeOfRepo(gitDir));
  return store.withLock(`pull-request-${repoNameOf(gitDir)}-${id}`, async () => {
    for (let attempt = 0; attempt < 50; attempt++) {
      const { pr: current, events, branches } = await readPullRequest(gitDir, id);
      const event = { ...build(current), author: user, time: new Date().toISOString() } as PullEvent;
      const commit = await writeEvent(gitDir, event, current.head);
      // Folded here rather than read back: the chain is now exactly `events` and this one (the
      // compare-and-swap says nobody wrote between), and the event as a reader would parse it.
      if (await compareAndSwap(gitDir, prRef(id), commit, current.head)) return applyLive(foldEvents(repoNameOf(gitDir), id, commit, [...events, asRead(event)]), branches);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * (attempt + 1)));
    }
    throw new Error(`pull request ${id} is changing too fast to record this change; try again`);
  }, 120_000);
}

/** Creates a pull request with the next free number (two creators racing get different numbers). */
export async function createPullRequestRecord(gitDir: string, user: string, created: Extract<PullEventInput, { type: 'created' }>): Promise<PullRequest> {
  const event = { ...created, author: user, time: new Date().toISOString() } as PullEvent;
  const commit = await writeEvent(gitDir, event, undefined);
  for (let attempt = 0; attempt < 50; attempt++) {
    const ids = (await git(['--git-dir', gitDir, 'for-each-ref', '--format=%(refname)', PR_PREFIX])).split('\n').filter(Boolean).map((ref) => Number(ref.slice(PR_PREFIX.length)));
    const id = String(Math.max(0, ...ids.filter(Number.isFinite)) + 1);
    if (await compareAndSwap(gitDir, prRef(id), commit, ZERO_OID)) return getPullRequest(gitDir, id);
  }
  throw new Error('could not allocate a pull request number; try again');
}
