import { StateStore } from '../common/state';
import { onPush } from '../repos/events';
import { git } from './actions/git-source';
import { startForPush } from './triggers';

/**
 * A push to a hosted repository starts the pipelines that track the pushed branch
 * (AWS uses an EventBridge rule; here the repository's post-receive hook calls this
 * directly). Each execution is pinned to the pushed commit and handed to a detached
 * worker, so the push returns at once and nothing else needs to be running.
 */
onPush('pipeline', async (event) => {
  const state = new StateStore(event.home);
  for (const update of event.updates) {
    if (update.kind === 'delete') continue;
    let changedFiles: string[] | undefined;
    if (update.kind === 'update') {
      try {
        changedFiles = (await git(['--git-dir', event.gitDir, 'diff', '--name-only', update.oldCommit, update.newCommit])).split('\n').filter(Boolean);
      } catch {
        changedFiles = undefined; // unrelated histories: every path filter passes
      }
    }
    startForPush(state, { repository: { hosted: event.repository }, ref: update.ref, commit: update.newCommit, changedFiles });
  }
});
