import * as fs from 'node:fs';
import * as path from 'node:path';
import { StateStore } from '../common/state';
import { notifyPush, type PushEvent, type RefUpdate } from './events';
import { gitResult, resolveRef, ZERO_OID } from './git';
import { checkPush, type Refusal } from './rules';
import { homeOfRepo, readMeta, repoNameOf } from './store';
import { fireReferenceTriggers } from './triggers';

/** `<old> <new> <ref>` lines, as git feeds pre-receive and post-receive. */
export function parseUpdates(input: string): RefUpdate[] {
  return input
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((parts) => parts.length === 3)
    .map(([oldCommit, newCommit, ref]) => ({
      ref,
      oldCommit,
      newCommit,
      kind: oldCommit === ZERO_OID ? 'create' : newCommit === ZERO_OID ? 'delete' : 'update',
    }));
}

/** CodeCommit's words for deleting the default branch (API Reference, DeleteBranch: DefaultBranchCannotBeDeletedException). */
export const DEFAULT_BRANCH_UNDELETABLE = 'The specified branch is the default branch for the repository, and cannot be deleted. To delete this branch, you must first set another branch as the default branch.';

/** The branch HEAD names in a hosted (bare) repository, read from its HEAD file. */
function defaultBranchRef(gitDir: string): string | undefined {
  try {
    return /^ref: (refs\/heads\/\S+)\s*$/.exec(fs.readFileSync(path.join(gitDir, 'HEAD'), 'utf8'))?.[1];
  } catch {
    return undefined;
  }
}

/** Deleting the default branch is refused, whoever asks and however (a push, DeleteBranch), as CodeCommit refuses it. */
function defaultBranchDeletions(gitDir: string, updates: RefUpdate[]): Refusal[] {
  const head = defaultBranchRef(gitDir);
  return updates
    .filter((u) => u.kind === 'delete' && u.ref === head)
    .map((u) => ({ ref: u.ref, code: 'DefaultBranchCannotBeDeletedException', message: DEFAULT_BRANCH_UNDELETABLE }));
}

/** The pre-receive verdict; refusals are logged to the activity trail. */
export function preReceive(gitDir: string, user: string, updates: RefUpdate[]): Refusal[] {
  const store = new StateStore(homeOfRepo(gitDir));
  const name = repoNameOf(gitDir);
  const refusals = [...defaultBranchDeletions(gitDir, updates), ...checkPush(readMeta(store, name).rules, name, user, updates)];
  if (refusals.length > 0) {
    store.activity({ service: 'repo', action: 'GitPush', repository: name, user, refs: updates.map((u) => u.ref), result: 'refused', reason: refusals.map((r) => r.message).join('; ') });
  }
  return refusals;
}

/**
 * The first branch pushed to an empty repository becomes its default branch (CodeCommit
 * User Guide, "Working with branches": the default branch is the first one pushed), so
 * clones check it out whatever the pusher's init.defaultBranch was.
 */
async function adoptFirstBranch(gitDir: string, updates: RefUpdate[]): Promise<void> {
  const created = updates.filter((u) => u.kind === 'create' && u.ref.startsWith('refs/heads/'));
  if (created.length === 0) return;
  const head = await gitResult(['--git-dir', gitDir, 'symbolic-ref', 'HEAD'], { okCodes: [1, 128] });
  const current = head.stdout.trim();
  if (head.code !== 0 || (await resolveRef(gitDir, current))) return;
  const others = await gitResult(['--git-dir', gitDir, 'for-each-ref', '--format=%(refname)', 'refs/heads/']);
  // Only when the push made the repository's first branches (HEAD's own target unborn, no older branch).
  if (others.stdout.split('\n').filter(Boolean).some((ref) => !created.some((u) => u.ref === ref))) return;
  await gitResult(['--git-dir', gitDir, 'symbolic-ref', 'HEAD', created[0].ref], { quiet: true });
}

/**
 * After branches changed (a push or a merge): the activity log, the repository's
 * triggers and the registered push notifiers. Returns the problems to report.
 */
export async function afterRefsChanged(store: StateStore, name: string, gitDir: string, user: string, via: PushEvent['via'], updates: RefUpdate[]): Promise<string[]> {
  const time = new Date().toISOString();
  store.activity({ service: 'repo', action: via === 'push' ? 'GitPush' : 'MergePullRequest', repository: name, user, refs: updates.map((u) => `${u.ref} ${u.oldCommit.slice(0, 12)}..${u.newCommit.slice(0, 12)}`), result: 'allowed' });
  await adoptFirstBranch(gitDir, updates);
  const problems: string[] = [];
  const meta = readMeta(store, name);
  for (const delivery of await fireReferenceTriggers(store, meta, user, updates)) {
    if (!delivery.ok) problems.push(`trigger ${delivery.trigger}: delivery to ${delivery.url} failed after ${delivery.attempts.length} attempts`);
  }
  const failures = await notifyPush({ repository: name, gitDir, home: store.home, user, time, via, updates });
  for (const failure of failures) problems.push(`${failure.notifier}: ${failure.error}`);
  return problems;
}
