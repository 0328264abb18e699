/**
 * Variables git sets for a hook's *own* push (GIT_DIR, quarantine directories, push
 * options…). Every git Slipway runs names its repository explicitly, so these never
 * pass through: a git started from a hook would otherwise act on the pushed
 * repository's quarantine.
 */
const HOOK_VARIABLE = /^GIT_(DIR|WORK_TREE|INDEX_FILE|QUARANTINE_PATH|OBJECT_DIRECTORY|ALTERNATE_OBJECT_DIRECTORIES|PUSH_OPTION_.*|PREFIX)$/;

/** The environment for a child process that may run git: `base` less the hook variables, plus `extra`. */
export function gitEnv(extra?: NodeJS.ProcessEnv, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(base).filter(([name]) => !HOOK_VARIABLE.test(name)));
  return Object.assign(env, extra);
}
