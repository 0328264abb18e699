import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * How to start the Slipway CLI from a git hook or an SSH forced command: the bundled
 * dist/cli.js beside this code, else (running from source) runtime/cli/main.ts through
 * tsx. SLIPWAY_CLI (a JSON array of argv) overrides both.
 */
export function cliInvocation(): string[] {
  if (process.env.SLIPWAY_CLI) return JSON.parse(process.env.SLIPWAY_CLI) as string[];
  const bundled = path.join(__dirname, 'cli.js');
  if (fs.existsSync(bundled)) return [process.execPath, bundled];
  const source = path.resolve(__dirname, '..', 'cli', 'main.ts');
  if (fs.existsSync(source)) {
    const tsx = path.join(path.dirname(require.resolve('tsx/package.json', { paths: [__dirname] })), 'dist', 'loader.mjs');
    return [process.execPath, '--import', pathToFileURL(tsx).href, source];
  }
  throw new Error(`cannot find the Slipway CLI next to ${__dirname}`);
}

export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./:=@+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

const HOOKS = ['pre-receive', 'post-receive'] as const;

function hookScript(hook: string): string {
  const command = [...cliInvocation(), 'repo', 'hook', hook].map(shellQuote).join(' ');
  return `#!/bin/sh\n# Installed by Slipway: branch rules, the activity log, triggers and pipelines run here.\nexec ${command}\n`;
}

/**
 * Writes the server-side hooks of a hosted repository (cheap when they are current, so
 * every command refreshes them: an updated extension moves the CLI's path).
 */
export function installHooks(gitDir: string): void {
  const dir = path.join(gitDir, 'hooks');
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
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, script, { mode: 0o755 });
    fs.renameSync(temp, file);
  }
}
