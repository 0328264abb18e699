import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { checkHostedConfig, neutralisedGitEnv, NO_HOOKS } from '../common/git-safety';
import { logGitPull } from '../common/hosted-repo';
import type { StateStore } from '../common/state';
import { installHooks } from './hooks';
import type { Level } from './model';
import { readMeta, repoExists, repoPath } from './store';
import { allowed } from './users';

/** `git-upload-pack '/NAME.git'`, as sshd hands it over in SSH_ORIGINAL_COMMAND. */
export function parseSshCommand(command: string | undefined): { program: string; name: string; needs: Level } | undefined {
  const match = /^git[- ](upload-pack|receive-pack|upload-archive) +'?(?:\/|~\/)?([A-Za-z0-9._-]+?)(?:\.git)?\/?'?$/.exec((command ?? '').trim());
  if (!match) return undefined;
  return { program: match[1], name: match[2], needs: match[1] === 'receive-pack' ? 'write' : 'read' };
}

/**
 * The forced command of every Slipway SSH key: checks the user's permission on the
 * repository, then runs git's own pack program on it with SLIPWAY_USER set (so the
 * hooks apply the branch rules to that user). Returns the exit code.
 */
export async function gitServe(store: StateStore, user: string, command: string | undefined, stderr: (text: string) => void): Promise<number> {
  const parsed = parseSshCommand(command);
  if (!parsed) {
    stderr(`slipway: this key only serves git (clone with ssh://HOST/NAME.git); refused: ${command ?? 'an interactive shell'}\n`);
    return 1;
  }
  if (!repoExists(store, parsed.name)) {
    stderr(`slipway: no repository named "${parsed.name}"\n`);
    return 1;
  }
  const action = parsed.needs === 'write' ? 'GitPush' : 'GitPull';
  if (!allowed(readMeta(store, parsed.name), user, parsed.needs)) {
    store.activity({ service: 'repo', action, repository: parsed.name, user, result: 'refused', reason: `needs ${parsed.needs} permission`, via: 'ssh' });
    stderr(`slipway: ${user} needs ${parsed.needs} permission on ${parsed.name} (slipway repo grant ${parsed.name} ${user} ${parsed.needs})\n`);
    return 1;
  }
  if (parsed.needs === 'read') logGitPull(store, { repository: parsed.name, user, via: 'ssh' });
  const gitDir = repoPath(store, parsed.name);
  try {
    checkHostedConfig(gitDir);
    installHooks(gitDir);
  } catch (error) {
    stderr(`slipway: ${(error as Error).message}\n`);
    return 1;
  }
  // Only a push runs hooks, and only Slipway's own (just checked by content).
  const env = neutralisedGitEnv({ ...process.env, SLIPWAY_USER: user, SLIPWAY_HOME: store.home }, parsed.needs === 'write' ? path.join(gitDir, 'hooks') : NO_HOOKS);
  const child = spawn('git', [parsed.program, gitDir], { stdio: 'inherit', env });
  return new Promise((resolve) => {
    child.on('error', (error) => {
      stderr(`slipway: cannot run git ${parsed.program}: ${error.message}\n`);
      resolve(1);
    });
    child.on('close', (code) => resolve(code ?? 1));
  });
}
