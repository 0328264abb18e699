import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../common/atomic';
import { hookInvocation } from '../common/cli-invocation';

export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./:=@+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

const HOOKS = ['pre-receive', 'post-receive'] as const;

function hookScript(hook: string): string {
  const command = [...hookInvocation(), hook].map(shellQuote).join(' ');
  return `#!/bin/sh\n# Installed by Slipway: branch rules, the activity log, triggers and pipelines run here.\nexec ${command}\n`;
}

/**
 * Writes the server-side hooks of a hosted repository (cheap when they are current, so
 * every command refreshes them: an updated extension moves the hook entry point's path).
 */
export function installHooks(gitDir: string): void {
  const dir = path.join(gitDir, 'hooks');
  // A `hooks` that is a link (a repository shipped in a workspace may point it anywhere) is
  // replaced, never cleaned through: cleaning it would delete the link's target's files.
  const stats = fs.lstatSync(dir, { throwIfNoEntry: false });
  if (stats && !stats.isDirectory()) fs.rmSync(dir, { force: true });
  fs.mkdirSync(dir, { recursive: true });
  // Any other hook (update, reference-transaction, proc-receive…) is not Slipway's: a
  // repository shipped in a workspace must not get a program run by the next push.
  for (const entry of fs.readdirSync(dir)) {
    if ((HOOKS as readonly string[]).includes(entry) || entry.endsWith('.sample')) continue;
    fs.rmSync(path.join(dir, entry), { recursive: true, force: true });
  }
  for (const hook of HOOKS) {
    const file = path.join(dir, hook);
    const script = hookScript(hook);
    let current: string | undefined;
    try {
      current = fs.readFileSync(file, 'utf8');
    } catch {
      current = undefined;
    }
    if (current === script) continue;
    // The unfinished copy is written beside the folder, not in it: another process refreshing
    // the hooks at the same moment (the extension and a CLI) removes whatever is not a hook.
    writeFileAtomic(file, script, 0o755, gitDir);
  }
}
