import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError } from './errors';

/** Something that would be written, deleted, changed or read outside the folder it belongs in (bad input: exit 2). */
export class EscapeError extends InputError {}

/** True when `candidate` is `root` or lies below it (purely lexical). */
export function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(path.resolve(root), path.resolve(candidate));
  return rel === '' || (!rel.startsWith(`..${path.sep}`) && rel !== '..' && !path.isAbsolute(rel));
}

const MAX_LINKS = 40; // as the kernel's ELOOP limit

/**
 * Where a path really leads: every symbolic link on the way is followed (also links whose
 * target does not exist yet, and `..` after a link goes to the real parent, as the
 * kernel does), the missing rest is appended as written. Unlike realpath it never fails
 * on a dangling link, which is exactly what a write through that link would create.
 */
export function resolveReal(target: string): string {
  const absolute = path.resolve(target);
  try {
    return fs.realpathSync.native(absolute);
  } catch {
    // a part is missing or dangling: walk it by hand
  }
  const pending = absolute.split(path.sep).filter(Boolean);
  let current = path.parse(absolute).root;
  let links = 0;
  let missing = false;
  while (pending.length) {
    const part = pending.shift()!;
    if (part === '.') continue;
    if (part === '..') {
      current = path.dirname(current);
      continue;
    }
    const next = path.join(current, part);
    if (missing) {
      current = next;
      continue;
    }
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(next);
    } catch {
      missing = true; // nothing below a missing folder can be a link
      current = next;
      continue;
    }
    if (!stat.isSymbolicLink()) {
      current = next;
      continue;
    }
    if (++links > MAX_LINKS) throw new EscapeError(`${target}: too many levels of symbolic links`);
    const link = fs.readlinkSync(next);
    if (path.isAbsolute(link)) current = path.parse(link).root;
    pending.unshift(...link.split(/[/\\]+/).filter(Boolean));
  }
  return current;
}

function realRootOf(dir: string): string {
  try {
    return fs.realpathSync.native(dir);
  } catch {
    return resolveReal(dir);
  }
}

/**
 * A folder Slipway writes into (an instance root, a workspace, an artifact folder, the
 * state home) and the only way to write, delete, chmod, chown or link inside it: each
 * operation resolves the real path of the target's parent, refuses it outside the
 * folder's real path, and never follows a link at the last component.
 */
export class ContainedRoot {
  readonly dir: string;
  private realDir: string | undefined;

  /** `owner`: whom what it creates is given to (copiesOwner of the state home); nobody when undefined. */
  constructor(
    dir: string,
    readonly what = 'folder',
    readonly owner?: FileOwner,
  ) {
    this.dir = path.resolve(dir);
  }

  /** The root's own real path (resolved once it exists). */
  real(): string {
    if (this.realDir) return this.realDir;
    const real = realRootOf(this.dir);
    if (fs.existsSync(this.dir)) this.realDir = real;
    return real;
  }

  private refuse(target: string, action: string, reason: string): never {
    throw new EscapeError(`refused to ${action} ${target}: ${reason} ${this.what} ${this.dir}`);
  }

  /** The absolute target after checking that it and its real parent stay inside; returns it. */
  check(target: string, action = 'write'): string {
    const absolute = path.resolve(this.dir, target);
    if (!isInside(this.dir, absolute)) this.refuse(absolute, action, 'it is outside the');
    if (absolute === this.dir) return absolute;
    const parent = resolveReal(path.dirname(absolute));
    if (!isInside(this.real(), parent)) this.refuse(absolute, action, `a symbolic link on its way leads to ${parent}, outside the`);
    return absolute;
  }

  /** Like check, and the last component itself may not be a symbolic link (chmod, chown, read). */
  checkNoLink(target: string, action: string): string {
    const absolute = this.check(target, action);
    if (lstatOrUndefined(absolute)?.isSymbolicLink()) {
      const real = resolveReal(absolute);
      if (!isInside(this.real(), real)) this.refuse(absolute, action, `it is a symbolic link to ${real}, outside the`);
    }
    return absolute;
  }

  /**
   * Opens a regular file below the root to read it, and proves where the open file really
   * is: on Linux from /proc/self/fd (the kernel's own path of the descriptor, so no link
   * swapped in before or after the open can lead the read outside), elsewhere by
   * checkNoLink's walk. A link at the last component is followed only after checkNoLink
   * found it leads inside. Undefined when there is no file; the caller closes the descriptor.
   * The state home's reads (StateStore) go through it, records are read from the descriptor.
   */
  openToRead(target: string, action = 'read'): { fd: number; stat: fs.BigIntStats } | undefined {
    const absolute = path.resolve(this.dir, target);
    if (!absolute.startsWith(this.dir + path.sep)) this.refuse(absolute, action, 'it is outside the');
    let fd: number;
    try {
      fd = fs.openSync(absolute, READ_FLAGS | NO_FOLLOW);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // The same refusals as before for a missing file or a failure on the way (an escaping parent says so).
      const checked = this.checkNoLink(absolute, action);
      if (code === 'ENOENT') return undefined;
      // O_NOFOLLOW met a link (ELOOP) that checkNoLink found inside, or O_NOFOLLOW is unknown here.
      if (code !== 'ELOOP' && NO_FOLLOW) throw error;
      try {
        fd = fs.openSync(checked, READ_FLAGS);
      } catch (again) {
        if ((again as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw again;
      }
    }
    try {
      const stat = fs.fstatSync(fd, { bigint: true });
      if (!stat.isFile()) throw new InputError(`cannot ${action} ${absolute}: it is not a regular file`);
      if (PROC_FD) {
        const real = fs.readlinkSync(`/proc/self/fd/${fd}`);
        const root = this.real();
        if (!real.startsWith(root + path.sep)) this.refuse(absolute, action, `it leads to ${real}, outside the`);
      } else this.checkNoLink(absolute, action);
      return { fd, stat };
    } catch (error) {
      fs.closeSync(fd);
      throw error;
    }
  }

  /** mkdir -p, one level at a time, so that no level is a link out of the root; returns the folders it created. */
  mkdir(dir: string): string[] {
    const absolute = this.check(dir, 'create the folder');
    const created: string[] = [];
    const rel = path.relative(this.dir, absolute);
    let current = this.dir;
    if (!fs.existsSync(current)) {
      fs.mkdirSync(current, { recursive: true });
      giveTo(current, this.owner);
    }
    for (const part of rel ? rel.split(path.sep) : []) {
      current = path.join(current, part);
      const stat = lstatOrUndefined(current);
      if (!stat) {
        fs.mkdirSync(current);
        giveTo(current, this.owner);
        created.push(current);
        continue;
      }
      if (stat.isSymbolicLink()) {
        const real = resolveReal(current);
        if (!isInside(this.real(), real)) this.refuse(current, 'create the folder', `it is a symbolic link to ${real}, outside the`);
        if (!fs.statSync(current).isDirectory()) throw new EscapeError(`cannot create the folder ${current}: it is a link to a file`);
      } else if (!stat.isDirectory()) throw new EscapeError(`cannot create the folder ${current}: a file of that name exists`);
    }
    return created;
  }

  /** Writes a file; a link at the target is replaced, never written through. */
  writeFile(target: string, data: string | Buffer, mode = 0o644): string {
    const absolute = this.check(target);
    this.mkdir(path.dirname(absolute));
    if (lstatOrUndefined(absolute)?.isSymbolicLink()) fs.unlinkSync(absolute);
    const fd = fs.openSync(absolute, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_TRUNC | (fs.constants.O_NOFOLLOW ?? 0), mode);
    try {
      if (this.owner) fs.fchownSync(fd, this.owner.uid, this.owner.gid);
      fs.writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
    } finally {
      fs.closeSync(fd);
    }
    return absolute;
  }

  /**
   * Copies a file (copy-on-write where possible) with its mode but never its setuid and
   * setgid bits, given to the root's owner; a link at the target is replaced, never written through.
   */
  copyFile(from: string, target: string): string {
    const absolute = this.check(target);
    this.mkdir(path.dirname(absolute));
    if (lstatOrUndefined(absolute)?.isSymbolicLink()) fs.unlinkSync(absolute);
    fs.copyFileSync(from, absolute, fs.constants.COPYFILE_FICLONE);
    giveTo(absolute, this.owner);
    stripSpecialBits(absolute);
    return absolute;
  }

  /**
   * Creates a symbolic link whose target must stay inside the root, wherever it leads
   * (chains and `..` after links included); an absolute target is refused, it would
   * mean another place once the folder moves.
   */
  symlink(linkTarget: string, target: string): string {
    const absolute = this.check(target, 'create the link');
    if (path.isAbsolute(linkTarget)) this.refuse(absolute, `create the link to "${linkTarget}" at`, 'an absolute link target is not kept inside the');
    const lexical = path.resolve(path.dirname(absolute), linkTarget);
    if (!isInside(this.dir, lexical)) this.refuse(absolute, `create the link to "${linkTarget}" at`, 'it points outside the');
    this.mkdir(path.dirname(absolute));
    if (lstatOrUndefined(absolute)) fs.rmSync(absolute, { force: true });
    fs.symlinkSync(linkTarget, absolute);
    giveTo(absolute, this.owner);
    const real = resolveReal(absolute);
    if (!isInside(this.real(), real)) {
      fs.unlinkSync(absolute);
      this.refuse(absolute, `create the link to "${linkTarget}" at`, `it leads to ${real}, outside the`);
    }
    return absolute;
  }

  /** Deletes a file or a folder tree (a link is removed, never followed); never the root itself. */
  remove(target: string): void {
    const absolute = this.check(target, 'delete');
    if (absolute === this.dir || absolute === this.real()) this.refuse(absolute, 'delete', 'it is the');
    fs.rmSync(absolute, { recursive: true, force: true });
  }

  /** chmod, refused through a link that leaves the root. */
  chmod(target: string, mode: number): void {
    fs.chmodSync(this.checkNoLink(target, 'change the mode of'), mode);
  }

  /** chown, refused through a link that leaves the root. */
  chown(target: string, uid: number, gid: number): void {
    fs.chownSync(this.checkNoLink(target, 'change the owner of'), uid, gid);
  }

  /** Verifies every link below the root still leads inside it (a later link can redirect an earlier one). */
  assertLinksInside(): void {
    const real = this.real();
    const visit = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isSymbolicLink()) {
          const leads = resolveReal(full);
          if (!isInside(real, leads)) throw new EscapeError(`refused the link ${full}: it leads to ${leads}, outside the ${this.what} ${this.dir}`);
        } else if (entry.isDirectory()) visit(full);
      }
    };
    visit(this.dir);
  }
}

/** Clears setuid, setgid (and sticky on files): a copy Slipway made must not carry another user's privileges. */
export function stripSpecialBits(file: string): void {
  const mode = fs.lstatSync(file).mode;
  if ((mode & 0o170000) === 0o100000 && mode & 0o7000) fs.chmodSync(file, mode & 0o777);
}

/** Settles a tree Slipway copied (a cache, a revision copy): no setuid/setgid, everything given to `owner`; links are not followed. */
export function settleTree(dir: string, owner: FileOwner | undefined): void {
  giveTo(dir, owner);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) settleTree(full, owner);
    else {
      giveTo(full, owner);
      if (entry.isFile()) stripSpecialBits(full);
    }
  }
}

/** Who Slipway's copies belong to. */
export interface FileOwner {
  uid: number;
  gid: number;
}

/**
 * Whom Slipway gives what it keeps below a state home (artifacts, caches, deployed files,
 * the pipeline artifact store, records): the home's owner, the user Slipway acts for (the
 * nearest existing folder's owner before the home exists). Only root can give files away,
 * and only root needs to: a build or hook that ran as root or under run-as never leaves its
 * own user on Slipway's copies. Undefined when Slipway is not root (its files are already its
 * user's).
 */
export function copiesOwner(home: string): FileOwner | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (let dir = path.resolve(home); ; dir = path.dirname(dir)) {
    const stat = fs.statSync(dir, { throwIfNoEntry: false });
    if (stat) return { uid: stat.uid, gid: stat.gid };
    if (dir === path.dirname(dir)) return undefined;
  }
}

/** Gives a file, link or folder Slipway made to `owner` (lchown: never through a link); nothing without one. */
export function giveTo(file: string, owner: FileOwner | undefined): void {
  if (!owner) return;
  const stat = fs.lstatSync(file);
  if (stat.uid !== owner.uid || stat.gid !== owner.gid) fs.lchownSync(file, owner.uid, owner.gid);
}

/**
 * Writes a new file in a folder a less privileged user controls (a run-as shell's own
 * folder): whatever is at the name (a planted link) is removed, the file is created
 * exclusively and never through a link, and given to `owner` by its descriptor, so no
 * swap between the calls can redirect the write or the chown.
 */
export function writeNewFile(file: string, data: string, mode: number, owner?: FileOwner): void {
  // The folder is opened once, never through a link, and the file named through that open
  // folder (/proc/self/fd, Linux's openat): renaming the folder away midway changes nothing.
  const dirFd = PROC_FD ? fs.openSync(path.dirname(file), fs.constants.O_RDONLY | fs.constants.O_DIRECTORY | fs.constants.O_NOFOLLOW) : undefined;
  const name = dirFd === undefined ? file : `/proc/self/fd/${dirFd}/${path.basename(file)}`;
  try {
    fs.rmSync(name, { force: true });
    const fd = fs.openSync(name, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | (fs.constants.O_NOFOLLOW ?? 0), mode);
    try {
      if (owner) fs.fchownSync(fd, owner.uid, owner.gid);
      fs.writeSync(fd, data);
    } finally {
      fs.closeSync(fd);
    }
  } finally {
    if (dirFd !== undefined) fs.closeSync(dirFd);
  }
}

const PROC_FD = process.platform === 'linux' && fs.existsSync('/proc/self/fd');
/** Non-blocking, so a fifo planted in place of a record cannot hang the reader. */
const READ_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);
const NO_FOLLOW = fs.constants.O_NOFOLLOW ?? 0;

/** A regular file's text, never through a link nor from a fifo or device (another user's folder may hold one); undefined when there is none. */
export function readRegularFile(file: string): string | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | (fs.constants.O_NOFOLLOW ?? 0));
  } catch {
    return undefined;
  }
  try {
    if (!fs.fstatSync(fd).isFile()) return undefined;
    return fs.readFileSync(fd, 'utf8');
  } finally {
    fs.closeSync(fd);
  }
}

export function lstatOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(file);
  } catch {
    return undefined;
  }
}
