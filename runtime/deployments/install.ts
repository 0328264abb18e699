import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { planInstall, type AppSpec, type AppSpecPermission } from '../appspec/model';
import { readJson } from '../common/atomic';
import { writeJsonQuick } from './copy';
import { assertNoEscapingLink, isInside, underRoot } from './paths';

/** Install failed on this instance (an existing file under DISALLOW, a path escaping the root). */
export class InstallError extends Error {}

interface CopyOp {
  kind: 'dir' | 'file' | 'symlink';
  from: string;
  to: string;
}

/**
 * The Install event on one instance, as the agent does it: remove what the previous
 * Install wrote (its cleanup file), copy the files entries under the instance root
 * honouring file_exists_behavior, record what was written, apply permissions.
 * Every target is checked before the first write.
 */
export function installRevision(appspec: AppSpec, archiveDir: string, root: string, cleanupFile: string, log: (line: string) => void): string[] {
  fs.mkdirSync(root, { recursive: true });
  const previous = new Set((readJson<string[]>(cleanupFile) ?? []).filter((p) => isInside(root, p)));
  const ops: CopyOp[] = [];
  for (const step of planInstall(appspec, archiveDir)) {
    const base = underRoot(root, step.destination);
    if (!step.isDirectory) {
      ops.push({ kind: 'file', from: step.source, to: path.join(base, path.basename(step.source)) });
      continue;
    }
    ops.push({ kind: 'dir', from: step.source, to: base });
    walk(step.source, (full, entry) => {
      const to = path.join(base, path.relative(step.source, full));
      ops.push({ kind: entry.isSymbolicLink() ? 'symlink' : entry.isDirectory() ? 'dir' : 'file', from: full, to });
    });
  }
  // Check everything first: nothing is written when one target is refused. Files the
  // previous revision installed are this deployment's to replace, whatever the behaviour.
  const retained = new Set<string>();
  const realRoot = fs.realpathSync(root);
  for (const op of ops) {
    if (!isInside(root, op.to)) throw new InstallError(`${op.to} is outside the instance root ${root}`);
    assertNoEscapingLink(root, op.to, realRoot);
    if (op.kind === 'dir' || previous.has(op.to)) continue;
    if (fs.existsSync(op.to) || isLink(op.to)) {
      if (appspec.fileExistsBehavior === 'DISALLOW') {
        throw new InstallError(`the file ${op.to} already exists and file_exists_behavior is DISALLOW (${appspec.file})`);
      }
      if (appspec.fileExistsBehavior === 'RETAIN') retained.add(op.to);
    }
  }
  removePreviousInstall(previous, new Set(ops.map((op) => op.to)), log);
  const installed: string[] = [];
  for (const op of ops) {
    if (op.kind === 'dir') {
      for (const created of mkdirs(op.to)) installed.push(created);
      if (previous.has(op.to)) installed.push(op.to);
      continue;
    }
    for (const created of mkdirs(path.dirname(op.to))) installed.push(created);
    if (retained.has(op.to)) {
      log(`kept existing ${op.to} (RETAIN)`);
      continue;
    }
    if (isLink(op.to)) fs.rmSync(op.to, { force: true });
    if (op.kind === 'symlink') {
      fs.rmSync(op.to, { force: true });
      fs.symlinkSync(fs.readlinkSync(op.from), op.to);
    } else {
      // copyFile replaces the previous revision's file in place and keeps no stale mode.
      fs.copyFileSync(op.from, op.to);
      const mode = fs.statSync(op.from).mode & 0o7777;
      if ((fs.statSync(op.to).mode & 0o7777) !== mode) fs.chmodSync(op.to, mode);
    }
    installed.push(op.to);
  }
  writeJsonQuick(cleanupFile, installed);
  log(`installed ${installed.length} path${installed.length === 1 ? '' : 's'} under ${root}`);
  for (const permission of appspec.permissions) applyPermission(permission, root, log);
  return installed;
}

/**
 * Removes what the previous Install wrote and this one does not write again (the
 * agent's cleanup file), then its folders when they are empty.
 */
function removePreviousInstall(previous: Set<string>, next: Set<string>, log: (line: string) => void): void {
  const folders: string[] = [];
  let removed = 0;
  for (const file of previous) {
    if (next.has(file)) continue;
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(file);
    } catch {
      continue;
    }
    if (stat.isDirectory()) folders.push(file);
    else {
      fs.rmSync(file, { force: true });
      removed++;
    }
  }
  for (const folder of folders.sort((a, b) => b.length - a.length)) {
    try {
      fs.rmdirSync(folder);
    } catch {
      // not empty: it holds files this deployment did not write (logs, pid files)
    }
  }
  if (previous.size) log(`removed ${removed} file${removed === 1 ? '' : 's'} of the previous revision that this one does not install`);
}

function applyPermission(permission: AppSpecPermission, root: string, log: (line: string) => void): void {
  const object = underRoot(root, permission.object);
  if (!fs.existsSync(object)) {
    log(`permissions: ${permission.object} does not exist on this instance; skipped`);
    return;
  }
  const targets: Array<{ file: string; isDir: boolean }> = [];
  if (fs.statSync(object).isDirectory()) {
    const pattern = globToRegExp(permission.pattern);
    const excepts = permission.except.map(globToRegExp);
    walk(object, (full, entry) => {
      if (entry.isSymbolicLink()) return;
      // type file: only files immediately within object; type directory: directories anywhere
      // under it (AppSpec 'permissions' section). Neither includes object itself.
      if (!entry.isDirectory() && path.dirname(full) !== object) return;
      const name = path.basename(full);
      if (!pattern.test(name) || excepts.some((e) => e.test(name))) return;
      targets.push({ file: full, isDir: entry.isDirectory() });
    });
  } else targets.push({ file: object, isDir: false });
  for (const key of permission.unapplied) log(`permissions: ${key} of ${permission.object} not applied (local instances apply mode, owner and group)`);
  const uid = typeof process.getuid === 'function' ? process.getuid() : -1;
  const ids = uid === 0 ? ownerIds(permission) : undefined;
  let skippedOwner = false;
  for (const target of targets) {
    if (!permission.type.includes(target.isDir ? 'directory' : 'file')) continue;
    if (permission.mode !== undefined) fs.chmodSync(target.file, permission.mode);
    if (ids) fs.chownSync(target.file, ids.uid, ids.gid);
    else if (permission.owner || permission.group) skippedOwner = true;
  }
  if (skippedOwner && !ownerIsCurrentUser(permission)) {
    log(`permissions: owner/group ${permission.owner ?? ''}:${permission.group ?? ''} not applied to ${permission.object}: changing ownership needs root`);
  }
}

function ownerIds(permission: AppSpecPermission): { uid: number; gid: number } {
  const uid = permission.owner ? Number(execFileSync('id', ['-u', permission.owner]).toString().trim()) : -1;
  const gid = permission.group ? Number(execFileSync('getent', ['group', permission.group]).toString().split(':')[2]) : -1;
  return { uid, gid };
}

function ownerIsCurrentUser(permission: AppSpecPermission): boolean {
  return !permission.group && (!permission.owner || permission.owner === os.userInfo().username);
}

/** `*`, `?` and `**` over a file name (the appspec pattern's wildcards). */
export function globToRegExp(glob: string): RegExp {
  if (glob === '**') return /^.*$/s;
  let source = '';
  for (const char of glob) {
    if (char === '*') source += '.*';
    else if (char === '?') source += '.';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's');
}

function walk(dir: string, visit: (full: string, entry: fs.Dirent) => void): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    visit(full, entry);
    if (entry.isDirectory()) walk(full, visit);
  }
}

/** mkdir -p that returns the folders it created (outermost first). */
function mkdirs(dir: string): string[] {
  const created: string[] = [];
  let current = dir;
  while (!fs.existsSync(current)) {
    created.unshift(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  if (created.length) fs.mkdirSync(dir, { recursive: true });
  return created;
}

function isLink(file: string): boolean {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}
