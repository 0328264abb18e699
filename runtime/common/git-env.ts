/**
 * Variables git sets for a hook's *own* push (GIT_DIR, quarantine directories…). Every
 * git Slipway runs names its repository explicitly, so these never pass through: a git
 * started from a hook would otherwise act on the pushed repository's quarantine.
 */
const HOOK_VARIABLES = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_ALTERNATE_OBJECT_DIRECTORIES', 'GIT_QUARANTINE_PATH', 'GIT_PUSH_OPTION_COUNT'];

/** The environment for a git child process: this one's, less the hook variables, plus `extra`. */
export function gitEnv(extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of HOOK_VARIABLES) delete env[name];
  return Object.assign(env, extra);
}
