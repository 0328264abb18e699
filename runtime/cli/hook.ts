// The server-side hooks of a hosted repository (`pre-receive`, `post-receive`): branch rules,
// the activity log, triggers and the pipelines a push starts. `slipway repo hook` and the
// hooks' own entry point (hook-main.ts) run this.
import '../push-listeners';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { StateStore } from '../common/state';
import { currentUser } from '../common/identity';
import { afterRefsChanged, parseUpdates, preReceive } from '../repos/receive';
import { homeOfRepo, repoNameOf } from '../repos/store';
import { EXIT, UsageError, type CliIO } from './context';

/** `repo hook pre-receive|post-receive`, run by git in the bare repository with the pushed updates on stdin. */
export async function runHook(args: string[], io: CliIO): Promise<number> {
  const [hook] = args;
  const gitDir = path.resolve(process.env.GIT_DIR ?? '.');
  const input = fs.readFileSync(0, 'utf8');
  const user = await currentUser();
  const updates = parseUpdates(input);
  if (hook === 'pre-receive') {
    const refusals = preReceive(gitDir, user, updates);
    for (const refusal of refusals) io.stderr(`slipway: push refused for ${user}: ${refusal.code ? `${refusal.code}: ` : ''}${refusal.message}\n`);
    return refusals.length ? EXIT.failed : EXIT.ok;
  }
  if (hook === 'post-receive') {
    const store = new StateStore(homeOfRepo(gitDir));
    for (const problem of await afterRefsChanged(store, repoNameOf(gitDir), gitDir, user, 'push', updates)) io.stderr(`slipway: ${problem}\n`);
    return EXIT.ok;
  }
  throw new UsageError('usage: slipway repo hook pre-receive|post-receive (run by git)');
}
