import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { planInstall, type AppSpec, type AppSpecPermission } from '../appspec/model';
import { readJson } from '../common/atomic';
import { ContainedRoot, EscapeError, lstatOrUndefined, type FileOwner } from '../common/contained';
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
 * Every target is checked before the first write. What is written belongs to `owner` (the
 * state home's, copiesOwner) unless `permissions` name another.
 */
export function installRevision(appspec: AppSpec, archiveDir: string, root: string, cleanupFile: string, log: (line: string) => void, owner?: FileOwner): string[] {
  const instance = new ContainedRoot(root, 'instance root', owner);
  instance.mkdir(root);
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
  const realRoot = fs.realpathSync.native(root);
  for (const op of ops) {
    if (!isInside(root, op.to)) throw new InstallError(`${op.to} is outside the instance root ${root}`);
    assertNoEscapingLink(root, op.to, realRoot);
    if (op.kind === 'symlink') checkLinkTarget(root, op);
    if (op.kind === 'dir' || previous.has(op.to)) continue;
    if (fs.existsSync(op.to) || isLink(op.to)) {
      if (appspec.fileExistsBehavior === 'DISALLOW') {
        throw new InstallError(`the file ${op.to} already exists and file_exists_behavior is DISALLOW (${appspec.file})`);
      }
      if (appspec.fileExistsBehavior === 'RETAIN') retained.add(op.to);
    }
  }
  removePreviousInstall(instance, previous, new Set(ops.map((op) => op.to)), log);
  const installed: string[] = [];
  // Each write re-checks its real parent: a link installed a moment ago (from another
  // files entry) must not redirect a later write out of the root.
  const links: string[] = [];
  try {
    for (const op of ops) {
      if (op.kind === 'dir') {
        for (const created of instance.mkdir(op.to)) installed.push(created);
        if (previous.has(op.to)) installed.push(op.to);
        continue;
      }
      for (const created of instance.mkdir(path.dirname(op.to))) installed.push(created);
      if (retained.has(op.to)) {
        log(`kept existing ${op.to} (RETAIN)`);
        continue;
      }
      if (op.kind === 'symlink') {
        instance.symlink(fs.readlinkSync(op.from), op.to);
        links.push(op.to);
      } else {
        // copyFile replaces the previous revision's file in place; the mode follows the
        // revision's, without setuid/setgid (a deployed file never carries them).
        instance.copyFile(op.from, op.to);
        const mode = fs.statSync(op.from).mode & 0o777;
        if ((fs.statSync(op.to).mode & 0o7777) !== mode) fs.chmodSync(op.to, mode);
      }
      installed.push(op.to);
    }
    // A later link can redirect an earlier one (l1 -> ., z -> l1/..): every link is checked again.
    for (const link of links) instance.checkNoLink(link, 'keep the link');
  } catch (error) {
    writeJsonQuick(cleanupFile, installed);
    if (error instanceof EscapeError) throw new InstallError(error.message);
    throw error;
  }
  writeJsonQuick(cleanupFile, installed);
  log(`installed ${installed.length} path${installed.length === 1 ? '' : 's'} under ${root}`);
  for (const permission of appspec.permissions) applyPermission(permission, instance, log);
  return installed;
}

/** A link keeps its target as written, so that target is checked from where the link lands, not where it was. */
function checkLinkTarget(root: string, op: CopyOp): void {
  const target = fs.readlinkSync(op.from);
  if (path.isAbsolute(target)) throw new InstallError(`${op.from}: the link's absolute target "${target}" would point outside the instance root ${root}`);
  if (!isInside(root, path.resolve(path.dirname(op.to), target))) {
    throw new InstallError(`${op.from}: installed at ${op.to}, the link to "${target}" would point outside the instance root ${root}`);
  }
}

/**
 * Removes what the previous Install wrote and this one does not write again (the
 * agent's cleanup file), then its folders when they are empty.
 */
function removePreviousInstall(instance: ContainedRoot, previous: Set<string>, next: Set<string>, log: (line: string) => void): void {
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
      instance.remove(file);
      removed++;
    }
  }
  for (const folder of folders.sort((a, b) => b.length - a.length)) {
    try {
      fs.rmdirSync(instance.check(folder, 'delete'));
    } catch {
      // not empty: it holds files this deployment did not write (logs, pid files)
    }
  }
  if (previous.size) log(`removed ${removed} file${removed === 1 ? '' : 's'} of the previous revision that this one does not install`);
}

function applyPermission(permission: AppSpecPermission, instance: ContainedRoot, log: (line: string) => void): void {
  const object = underRoot(instance.dir, permission.object);
  const stat = lstatOrUndefined(object);
  if (!stat) {
    log(`permissions: ${permission.object} does not exist on this instance; skipped`);
    return;
  }
  // Never through a link: chmod and chown follow links, and a link's target may not be this deployment's.
  if (stat.isSymbolicLink()) throw new InstallError(`permissions: ${permission.object} is a symbolic link; modes and owners are not applied through links (${instance.dir})`);
  instance.checkNoLink(object, 'change the permissions of');
  const targets: Array<{ file: string; isDir: boolean }> = [];
  if (stat.isDirectory()) {
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
  // A deployed file never carries setuid/setgid, whoever asks (a revision is not trusted with root's privileges).
  const mode = permission.mode === undefined ? undefined : permission.mode & 0o1777;
  if (mode !== permission.mode) log(`permissions: setuid/setgid bits of mode ${permission.mode!.toString(8)} on ${permission.object} not applied`);
  for (const target of targets) {
    if (!permission.type.includes(target.isDir ? 'directory' : 'file')) continue;
    if (mode !== undefined) instance.chmod(target.file, mode);
    if (ids) instance.chown(target.file, ids.uid, ids.gid);
    else if (permission.owner || permission.group) skippedOwner = true;
  }
  if (skippedOwner && !ownerIsCurrentUser(permission)) {
    log(`permissions: owner/group ${permission.owner ?? ''}:${permission.group ?? ''} not applied to ${permission.object}: changing ownership needs root`);
  }
}

function ownerIds(permission: AppSpecPermission): { uid: number; gid: number } {
  const uid = permission.owner ? Number(execFileSync('id', ['-u', '--', permission.owner]).toString().trim()) : -1;
  const gid = permission.group ? Number(execFileSync('getent', ['group', '--', permission.group]).toString().split(':')[2]) : -1;
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

function isLink(file: string): boolean {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}
