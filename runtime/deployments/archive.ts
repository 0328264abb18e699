import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { ContainedRoot, EscapeError, isInside } from '../common/contained';

/** One entry of a revision archive. */
export interface ArchiveEntry {
  name: string;
  type: 'file' | 'directory' | 'symlink';
  mode?: number;
  data?: Buffer;
  linkTarget?: string;
}

/**
 * How far an archive may expand (the README's security section states them): its files
 * together, its number of entries, and its expanded size against its own size (small
 * archives may always expand to the floor). Checked while inflating, so a bomb is
 * stopped at the limit, never after it filled the disk or the inode table.
 */
export interface ArchiveLimits {
  maxTotalBytes: number;
  maxEntries: number;
  maxRatio: number;
  ratioFloorBytes: number;
  maxArchiveBytes: number;
}

export const ARCHIVE_LIMITS: ArchiveLimits = {
  maxTotalBytes: 2 * 1024 ** 3,
  maxEntries: 100_000,
  maxRatio: 200,
  ratioFloorBytes: 16 * 1024 ** 2,
  maxArchiveBytes: 2 * 1024 ** 3,
};

/** An archive refused for its size, its entry count or its expansion ratio. */
export class ArchiveLimitError extends Error {}

class Budget {
  private used = 0;
  private entries = 0;
  readonly bytes: number;

  constructor(private readonly file: string, archiveSize: number, private readonly limits: ArchiveLimits) {
    this.bytes = Math.min(limits.maxTotalBytes, Math.max(limits.maxRatio * archiveSize, limits.ratioFloorBytes));
  }

  private exceeded(): never {
    const byRatio = this.bytes < this.limits.maxTotalBytes;
    throw new ArchiveLimitError(
      byRatio
        ? `${this.file}: refused, it expands to more than ${this.limits.maxRatio} times its size (limit ${this.bytes} bytes)`
        : `${this.file}: refused, it expands to more than ${this.limits.maxTotalBytes} bytes`,
    );
  }

  /** The most an inflater may still produce (one byte over, to tell "at the limit" from "over"). */
  remaining(): number {
    return this.bytes - this.used + 1;
  }

  add(bytes: number): void {
    this.used += bytes;
    if (this.used > this.bytes) this.exceeded();
  }

  entry(): void {
    if (++this.entries > this.limits.maxEntries) throw new ArchiveLimitError(`${this.file}: refused, it has more than ${this.limits.maxEntries} entries`);
  }

  /** Runs an inflater with the remaining budget as its output limit. */
  inflate(inflater: (options: zlib.ZlibOptions) => Buffer): Buffer {
    let data: Buffer;
    try {
      data = inflater({ maxOutputLength: Math.max(1, this.remaining()) });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) this.exceeded();
      throw error;
    }
    this.add(data.length);
    return data;
  }
}

/** Reads a .zip, .tar or .tar.gz/.tgz archive into its entries (pure JS, node:zlib), within the limits. */
export function readArchive(file: string, limits: ArchiveLimits = ARCHIVE_LIMITS): ArchiveEntry[] {
  const size = fs.statSync(file).size;
  if (size > limits.maxArchiveBytes) throw new ArchiveLimitError(`${file}: refused, the archive is larger than ${limits.maxArchiveBytes} bytes`);
  const buffer = fs.readFileSync(file);
  const budget = new Budget(file, buffer.length, limits);
  if (/\.zip$/i.test(file)) return readZip(buffer, file, budget);
  if (/\.(tar\.gz|tgz)$/i.test(file)) {
    // The tar stream is the expansion: its headers count too.
    const tar = budget.inflate((options) => zlib.gunzipSync(buffer, options));
    return readTar(tar, file, budget, true);
  }
  if (/\.tar$/i.test(file)) return readTar(buffer, file, budget);
  throw new Error(`${file}: not a .zip, .tar or .tar.gz archive`);
}

/**
 * Writes entries under `dir`; every entry and every link target is checked to stay
 * inside `dir` before the first byte is written, every write goes through the
 * contained root, and once the links exist each is checked again by where it really
 * leads (a chain such as `l1 -> .`, `z -> l1/..` passes a lexical check).
 */
export function extractArchive(file: string, dir: string, limits: ArchiveLimits = ARCHIVE_LIMITS): void {
  const entries = readArchive(file, limits);
  for (const entry of entries) checkEntry(entry, dir, file);
  fs.mkdirSync(dir, { recursive: true });
  const root = new ContainedRoot(dir, 'revision folder');
  const links: ArchiveEntry[] = [];
  for (const entry of entries) {
    const target = path.resolve(dir, entry.name);
    if (entry.type === 'directory') root.mkdir(target);
    else if (entry.type === 'symlink') links.push(entry);
    else root.writeFile(target, entry.data ?? Buffer.alloc(0), entry.mode ? entry.mode & 0o777 : 0o644);
  }
  // Links last, so that no file of the archive is written through one.
  try {
    for (const entry of links) root.symlink(entry.linkTarget!, path.resolve(dir, entry.name));
    root.assertLinksInside();
  } catch (error) {
    if (error instanceof EscapeError) throw new EscapeError(`${file}: ${error.message}`);
    throw error;
  }
}

function checkEntry(entry: ArchiveEntry, dir: string, file: string): void {
  const target = path.resolve(dir, entry.name);
  if (path.isAbsolute(entry.name) || !isInside(dir, target)) throw new EscapeError(`${file}: entry "${entry.name}" escapes the revision folder`);
  if (entry.type === 'symlink') {
    const linkTarget = path.resolve(path.dirname(target), entry.linkTarget ?? '');
    if (path.isAbsolute(entry.linkTarget ?? '') || !isInside(dir, linkTarget)) {
      throw new EscapeError(`${file}: link "${entry.name}" -> "${entry.linkTarget}" points outside the revision folder`);
    }
  }
}

function readZip(buffer: Buffer, file: string, budget: Budget): ArchiveEntry[] {
  // The end of central directory record is in the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 65_557); i--) {
    if (buffer.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file}: not a zip archive (no end of central directory)`);
  const count = buffer.readUInt16LE(eocd + 10);
  let offset = buffer.readUInt32LE(eocd + 16);
  const entries: ArchiveEntry[] = [];
  for (let i = 0; i < count; i++) {
    budget.entry();
    if (offset + 46 > buffer.length || buffer.readUInt32LE(offset) !== 0x02014b50) throw new Error(`${file}: corrupt zip central directory`);
    const method = buffer.readUInt16LE(offset + 10);
    const compressedSize = buffer.readUInt32LE(offset + 20);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    const madeBy = buffer.readUInt16LE(offset + 4) >> 8;
    const externalAttributes = buffer.readUInt32LE(offset + 38);
    const localOffset = buffer.readUInt32LE(offset + 42);
    if (compressedSize === 0xffffffff || localOffset === 0xffffffff) throw new Error(`${file}: zip64 archives (over 4 GiB) are not supported`);
    const name = buffer.toString('utf8', offset + 46, offset + 46 + nameLength);
    offset += 46 + nameLength + extraLength + commentLength;
    // Sizes and offsets are the archive's word: one that points past its end is a lie, refused, not read as zeros.
    if (localOffset + 30 > buffer.length || buffer.readUInt32LE(localOffset) !== 0x04034b50) throw new Error(`${file}: corrupt zip, the entry "${name}" is not where the central directory says`);
    const localNameLength = buffer.readUInt16LE(localOffset + 26);
    const localExtraLength = buffer.readUInt16LE(localOffset + 28);
    const start = localOffset + 30 + localNameLength + localExtraLength;
    if (start + compressedSize > buffer.length) throw new Error(`${file}: corrupt zip, the entry "${name}" says ${compressedSize} bytes, more than the archive holds`);
    const raw = buffer.subarray(start, start + compressedSize);
    const unixMode = madeBy === 3 ? externalAttributes >>> 16 : 0;
    if (name.endsWith('/')) {
      entries.push({ name: name.slice(0, -1), type: 'directory' });
      continue;
    }
    let data: Buffer;
    if (method === 0) {
      budget.add(raw.length);
      data = Buffer.from(raw);
    } else if (method === 8) data = budget.inflate((options) => zlib.inflateRawSync(raw, options));
    else throw new Error(`${file}: entry "${name}" uses unsupported compression method ${method}`);
    if ((unixMode & 0o170000) === 0o120000) entries.push({ name, type: 'symlink', linkTarget: data.toString('utf8') });
    else entries.push({ name, type: 'file', data, mode: unixMode & 0o777 || undefined });
  }
  return entries;
}

const TAR_TYPES: Record<string, string> = { '3': 'a character device', '4': 'a block device', '6': 'a fifo', S: 'a sparse file', K: 'a long link name', V: 'a volume header', M: 'a multi-volume continuation' };

/** `charged`: the whole (inflated) stream was already counted against the budget's bytes. */
function readTar(buffer: Buffer, file: string, budget: Budget, charged = false): ArchiveEntry[] {
  const entries: ArchiveEntry[] = [];
  let offset = 0;
  let longName: string | undefined;
  let paxPath: string | undefined;
  while (offset + 512 <= buffer.length) {
    const header = buffer.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    budget.entry();
    const field = (start: number, length: number) => header.toString('utf8', start, start + length).replace(/\0.*$/s, '');
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = String.fromCharCode(header[156] || 48);
    const prefix = field(345, 155);
    let name = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
    if (!Number.isFinite(size) || size < 0) throw new Error(`${file}: corrupt tar header at byte ${offset}`);
    if (offset + 512 + size > buffer.length) throw new Error(`${file}: corrupt tar, the entry "${name}" says ${size} bytes, more than the archive holds`);
    const body = buffer.subarray(offset + 512, offset + 512 + size);
    if (!charged) budget.add(body.length);
    offset += 512 + Math.ceil(size / 512) * 512;
    if (type === 'L') {
      longName = body.toString('utf8').replace(/\0.*$/s, '');
      continue;
    }
    if (type === 'x') {
      const match = /\d+ path=([^\n]*)\n/.exec(body.toString('utf8'));
      paxPath = match?.[1];
      continue;
    }
    if (type === 'g') continue;
    name = (paxPath ?? longName ?? name).replace(/^\.\//, '');
    longName = paxPath = undefined;
    if (!name || name === '.') continue;
    const mode = parseInt(field(100, 8).trim() || '0', 8) & 0o777;
    if (type === '5') entries.push({ name: name.replace(/\/$/, ''), type: 'directory' });
    else if (type === '2') entries.push({ name, type: 'symlink', linkTarget: field(157, 100) });
    else if (type === '0' || type === '7') entries.push({ name, type: 'file', data: Buffer.from(body), mode: mode || undefined });
    else if (type === '1') throw new Error(`${file}: hard link "${name}" is not supported in a revision archive`);
    // Devices, fifos, sparse files and whatever else a revision cannot hold are refused, not dropped unseen.
    else throw new Error(`${file}: "${name}" is ${TAR_TYPES[type] ?? `of tar type ${JSON.stringify(type)}`}, which a revision archive cannot hold`);
  }
  return entries;
}
