import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

interface Entry {
  name: string;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
  method: number;
  external: number;
}

/**
 * Writes a zip archive of a folder (deflate, one pass, no zip64: artifacts past
 * 4 GiB are out of scope). Symbolic links are stored as links (Unix mode in the
 * external attributes), as `enable-symlinks` asks.
 */
export function zipFolder(dir: string, output: string): number {
  const fd = fs.openSync(output, 'w');
  const entries: Entry[] = [];
  let offset = 0;
  const write = (buffer: Buffer) => {
    fs.writeSync(fd, buffer);
    offset += buffer.length;
  };
  const visit = (rel: string) => {
    for (const item of fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const name = rel ? `${rel}/${item.name}` : item.name;
      const full = path.join(dir, name);
      if (item.isDirectory()) {
        visit(name);
        continue;
      }
      const stat = fs.lstatSync(full);
      const link = stat.isSymbolicLink();
      const data = link ? Buffer.from(fs.readlinkSync(full)) : fs.readFileSync(full);
      const deflated = link ? data : zlib.deflateRawSync(data);
      const method = link || deflated.length >= data.length ? 0 : 8;
      const body = method === 8 ? deflated : data;
      const crc = zlib.crc32(data);
      const nameBytes = Buffer.from(name, 'utf8');
      const header = Buffer.alloc(30);
      header.writeUInt32LE(0x04034b50, 0);
      header.writeUInt16LE(20, 4);
      header.writeUInt16LE(0x0800, 6); // UTF-8 names
      header.writeUInt16LE(method, 8);
      header.writeUInt32LE(dosTime(stat.mtime), 10);
      header.writeUInt32LE(crc, 14);
      header.writeUInt32LE(body.length, 18);
      header.writeUInt32LE(data.length, 22);
      header.writeUInt16LE(nameBytes.length, 26);
      const entryOffset = offset;
      write(header);
      write(nameBytes);
      write(body);
      const mode = link ? 0o120777 : 0o100000 | (stat.mode & 0o777);
      entries.push({ name, crc, compressed: body.length, size: data.length, offset: entryOffset, method, external: (mode << 16) >>> 0 });
    }
  };
  visit('');
  const centralStart = offset;
  for (const e of entries) {
    const nameBytes = Buffer.from(e.name, 'utf8');
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(0x031e, 4); // made by Unix, spec 3.0
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(0x0800, 8);
    header.writeUInt16LE(e.method, 10);
    header.writeUInt32LE(0, 12);
    header.writeUInt32LE(e.crc, 16);
    header.writeUInt32LE(e.compressed, 20);
    header.writeUInt32LE(e.size, 24);
    header.writeUInt16LE(nameBytes.length, 28);
    header.writeUInt32LE(e.external, 38);
    header.writeUInt32LE(e.offset, 42);
    write(header);
    write(nameBytes);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(offset - centralStart, 12);
  end.writeUInt32LE(centralStart, 16);
  write(end);
  fs.closeSync(fd);
  return entries.length;
}

function dosTime(date: Date): number {
  const year = Math.max(1980, date.getFullYear());
  const time = (date.getHours() << 11) | (date.getMinutes() << 5) | Math.floor(date.getSeconds() / 2);
  const day = ((year - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate();
  return ((day << 16) | time) >>> 0;
}
