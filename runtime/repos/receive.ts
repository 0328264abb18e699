import { StateStore } from '../common/state';
import { branchOf, notifyPush, type PushEvent, type RefUpdate } from './events';
import { ZERO_OID } from './git';
import { checkPush, type Refusal } from './rules';
import { homeOfRepo, readMeta, repoNameOf } from './store';
import { fireTriggers } from './triggers';

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

/** The pre-receive verdict; refusals are logged to the activity trail. */
export function preReceive(gitDir: string, user: string, updates: RefUpdate[]): Refusal[] {
  const store = new StateStore(homeOfRepo(gitDir));
  const name = repoNameOf(gitDir);
  const refusals = checkPush(readMeta(store, name).rules, name, user, updates);
  if (refusals.length > 0) {
    store.activity({ service: 'repo', action: 'GitPush', repository: name, user, refs: updates.map((u) => u.ref), result: 'refused', reason: refusals.map((r) => r.message).join('; ') });
  }
  return refusals;
}

/**
 * After branches changed (a push or a merge): the activity log, the repository's
 * triggers and the registered push notifiers. Returns the problems to report.
 */
export async function afterRefsChanged(store: StateStore, name: string, gitDir: string, user: string, via: PushEvent['via'], updates: RefUpdate[]): Promise<string[]> {
  const time = new Date().toISOString();
  store.activity({ service: 'repo', action: via === 'push' ? 'GitPush' : 'MergePullRequest', repository: name, user, refs: updates.map((u) => `${u.ref} ${u.oldCommit.slice(0, 12)}..${u.newCommit.slice(0, 12)}`), result: 'allowed' });
  const problems: string[] = [];
  const meta = readMeta(store, name);
  for (const update of updates) {
    if (update.ref.startsWith('refs/slipway/')) continue;
    const branch = branchOf(update.ref);
    const event = update.kind === 'create' ? 'create_reference' : update.kind === 'delete' ? 'delete_reference' : 'push';
    const payload = { user, time, ref: update.ref, branch, oldCommit: update.oldCommit, newCommit: update.newCommit, kind: update.kind };
    const events = event === 'push' ? (['push'] as const) : ([event, 'push'] as const);
    for (const name of events) {
      for (const delivery of await fireTriggers(store, meta, name, branch, payload)) {
        if (!delivery.ok) problems.push(`trigger ${delivery.trigger}: delivery to ${delivery.url} failed after ${delivery.attempts.length} attempts`);
      }
    }
  }
  const failures = await notifyPush({ repository: name, gitDir, home: store.home, user, time, via, updates });
  for (const failure of failures) problems.push(`${failure.notifier}: ${failure.error}`);
  return problems;
}
