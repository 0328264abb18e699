// Where the V8 code cache of Slipway's entry points lives (the language server, the CLI, the
// hooks), and the checks that make it safe to load: code cached by someone else is code they
// chose to run as the user. Only Node built-ins here: it is bundled into the small bootstraps
// (start-cached.ts).
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The user's own cache folder (never a shared temp folder): XDG on Linux, the platform's elsewhere. */
export function codeCacheFolder(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.SLIPWAY_CODE_CACHE === 'off') return undefined;
  if (env.SLIPWAY_CODE_CACHE) return env.SLIPWAY_CODE_CACHE;
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(env.LOCALAPPDATA || path.join(home, 'AppData', 'Local'), 'slipway', 'code-cache');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Caches', 'slipway', 'code-cache');
  const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(home, '.cache');
  return path.join(base, 'slipway', 'code-cache');
}

/** True when `stats` is this user's and nobody else can write it (always true on Windows, where modes say nothing). */
function ownedPrivately(stats: fs.Stats): boolean {
  if (process.platform === 'win32' || typeof process.getuid !== 'function') return true;
  return stats.uid === process.getuid() && (stats.mode & 0o022) === 0;
}

/**
 * Creates the folder (mode 0700) if needed and checks it is a real folder of this user
 * that no one else can write; the reason when it is not (then no cache is used).
 */
export function prepareCacheFolder(folder: string): string | undefined {
  try {
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
    const stats = fs.lstatSync(folder);
    if (!stats.isDirectory()) return `${folder} is not a folder`;
    if (!ownedPrivately(stats)) return `${folder} belongs to another user or others can write it`;
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** The cache file of entry point `name` (`server`, `cli`, `hook`) for this source on this node. */
export function cacheFileName(folder: string, name: string, source: string): string {
  const key = crypto.createHash('sha256').update(process.version).update(process.arch).update(source).digest('hex').slice(0, 24);
  return path.join(folder, `${name}-${key}.bin`);
}

/** The cached code, only from a private folder and a regular file of this user. */
export function readCodeCache(file: string): Buffer | undefined {
  try {
    if (prepareCacheFolder(path.dirname(file))) return undefined;
    const stats = fs.lstatSync(file);
    if (!stats.isFile() || !ownedPrivately(stats)) return undefined;
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

export function writeCodeCache(file: string, data: Buffer): void {
  try {
    const folder = path.dirname(file);
    if (prepareCacheFolder(folder)) return;
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, data, { mode: 0o600 });
    fs.renameSync(temporary, file);
    // Caches of other builds of this entry point are of no more use.
    const entryOf = (fileName: string) => /^([a-z]+)-[0-9a-f]+\.bin$/.exec(fileName)?.[1];
    const entry = entryOf(path.basename(file));
    for (const other of fs.readdirSync(folder)) {
      if (entry && entryOf(other) === entry && other !== path.basename(file)) fs.rmSync(path.join(folder, other), { force: true });
    }
  } catch {
    // A read-only or full cache folder only costs the next start its compile time.
  }
}
