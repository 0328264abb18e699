import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../common/atomic';
import type { StateStore } from '../common/state';

/**
 * The local S3 buckets: `s3/BUCKET/` in the state home (the folders `AWS::S3::Bucket`
 * makes). An object is two files named by the SHA-256 of its key — the data and its
 * metadata (key, ETag, size, content type, user metadata) — so any key S3 accepts
 * (`..`, `a/../b`, trailing `/`, 1,024 bytes) is stored without meaning a path.
 */
export const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export interface ObjectMeta {
  key: string;
  size: number;
  etag: string;
  lastModified: string;
  contentType?: string;
  metadata: Record<string, string>;
  /** Headers S3 stores and returns as given. */
  headers: Record<string, string>;
}

export class BucketError extends Error {
  constructor(
    readonly code: 'NoSuchBucket' | 'NoSuchKey' | 'InvalidBucketName' | 'BucketAlreadyOwnedByYou' | 'BucketNotEmpty' | 'NoSuchUpload' | 'InvalidPart' | 'InvalidPartOrder' | 'EntityTooSmall',
    message: string,
  ) {
    super(message);
  }
}

export function isBucketName(name: string): boolean {
  return BUCKET_NAME.test(name) && !name.includes('..') && !/^\d+\.\d+\.\d+\.\d+$/.test(name);
}

export function bucketPath(store: StateStore, name: string): string {
  if (!isBucketName(name)) throw new BucketError('InvalidBucketName', `The specified bucket is not valid: ${name}`);
  return store.path('s3', name);
}

function keyFile(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** S3's minimum part size (all parts but the last). */
export const MIN_PART_BYTES = 5 * 1024 * 1024;

export class BucketStore {
  constructor(readonly store: StateStore) {}

  exists(bucket: string): boolean {
    return isBucketName(bucket) && fs.existsSync(bucketPath(this.store, bucket));
  }

  private require(bucket: string): string {
    const folder = bucketPath(this.store, bucket);
    if (!fs.existsSync(folder)) throw new BucketError('NoSuchBucket', 'The specified bucket does not exist');
    return folder;
  }

  listBuckets(): Array<{ name: string; created: Date }> {
    return this.store
      .list('s3')
      .filter((name) => isBucketName(name) && fs.statSync(this.store.path('s3', name)).isDirectory())
      .map((name) => {
        const stat = fs.statSync(this.store.path('s3', name));
        return { name, created: stat.birthtimeMs ? stat.birthtime : stat.ctime };
      });
  }

  createBucket(bucket: string): void {
    const folder = bucketPath(this.store, bucket);
    if (fs.existsSync(folder)) throw new BucketError('BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.');
    fs.mkdirSync(folder, { recursive: true });
  }

  deleteBucket(bucket: string): void {
    const folder = this.require(bucket);
    if (fs.readdirSync(folder).length > 0) throw new BucketError('BucketNotEmpty', 'The bucket you tried to delete is not empty');
    fs.rmdirSync(folder);
  }

  private files(bucket: string, key: string): { data: string; meta: string } {
    const base = path.join(this.require(bucket), keyFile(key));
    return { data: base, meta: `${base}.json` };
  }

  head(bucket: string, key: string): ObjectMeta {
    const { meta } = this.files(bucket, key);
    let text: string;
    try {
      text = fs.readFileSync(meta, 'utf8');
    } catch {
      throw new BucketError('NoSuchKey', 'The specified key does not exist.');
    }
    const parsed = JSON.parse(text) as ObjectMeta;
    if (parsed.key !== key) throw new BucketError('NoSuchKey', 'The specified key does not exist.');
    return parsed;
  }

  dataPath(bucket: string, key: string): string {
    this.head(bucket, key);
    return this.files(bucket, key).data;
  }

  read(bucket: string, key: string): Buffer {
    return fs.readFileSync(this.dataPath(bucket, key));
  }

  /** Writes an object: data first, then its metadata (the object exists once the metadata does). */
  put(bucket: string, key: string, body: Buffer, options: { contentType?: string; metadata?: Record<string, string>; headers?: Record<string, string>; etag?: string } = {}): ObjectMeta {
    const { data, meta } = this.files(bucket, key);
    writeFileAtomic(data, body);
    const record: ObjectMeta = {
      key,
      size: body.length,
      etag: options.etag ?? `"${createHash('md5').update(body).digest('hex')}"`,
      lastModified: new Date().toISOString(),
      contentType: options.contentType,
      metadata: options.metadata ?? {},
      headers: options.headers ?? {},
    };
    writeFileAtomic(meta, JSON.stringify(record));
    return record;
  }

  delete(bucket: string, key: string): void {
    const { data, meta } = this.files(bucket, key);
    fs.rmSync(meta, { force: true });
    fs.rmSync(data, { force: true });
  }

  /** Every object's metadata, sorted by key in UTF-8 binary order, as S3 lists. */
  list(bucket: string): ObjectMeta[] {
    const folder = this.require(bucket);
    const objects: ObjectMeta[] = [];
    for (const file of fs.readdirSync(folder)) {
      if (!/^[0-9a-f]{64}\.json$/.test(file)) continue;
      try {
        objects.push(JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8')) as ObjectMeta);
      } catch {
        // being written or removed by another request
      }
    }
    return objects.sort((a, b) => Buffer.compare(Buffer.from(a.key), Buffer.from(b.key)));
  }

  // --- multipart uploads: `s3-uploads/BUCKET/UPLOAD-ID/` outside the bucket folder ---

  private uploadFolder(bucket: string, uploadId: string): string {
    if (!/^[A-Za-z0-9_-]{16,64}$/.test(uploadId)) throw new BucketError('NoSuchUpload', 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.');
    bucketPath(this.store, bucket);
    return this.store.path('s3-uploads', bucket, uploadId);
  }

  createUpload(bucket: string, key: string, options: { contentType?: string; metadata?: Record<string, string>; headers?: Record<string, string> }): string {
    this.require(bucket);
    const uploadId = randomBytes(24).toString('base64url');
    const folder = this.uploadFolder(bucket, uploadId);
    fs.mkdirSync(folder, { recursive: true });
    writeFileAtomic(path.join(folder, 'upload.json'), JSON.stringify({ key, initiated: new Date().toISOString(), ...options }));
    return uploadId;
  }

  private upload(bucket: string, key: string, uploadId: string): { folder: string; info: { key: string; initiated: string; contentType?: string; metadata?: Record<string, string>; headers?: Record<string, string> } } {
    const folder = this.uploadFolder(bucket, uploadId);
    let info;
    try {
      info = JSON.parse(fs.readFileSync(path.join(folder, 'upload.json'), 'utf8'));
    } catch {
      throw new BucketError('NoSuchUpload', 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.');
    }
    if (info.key !== key) throw new BucketError('NoSuchUpload', 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.');
    return { folder, info };
  }

  uploadPart(bucket: string, key: string, uploadId: string, partNumber: number, body: Buffer): string {
    const { folder } = this.upload(bucket, key, uploadId);
    const etag = `"${createHash('md5').update(body).digest('hex')}"`;
    writeFileAtomic(path.join(folder, `part-${partNumber}`), body);
    return etag;
  }

  listParts(bucket: string, key: string, uploadId: string): Array<{ partNumber: number; etag: string; size: number; lastModified: Date }> {
    const { folder } = this.upload(bucket, key, uploadId);
    return fs
      .readdirSync(folder)
      .filter((f) => /^part-\d+$/.test(f))
      .map((f) => {
        const file = path.join(folder, f);
        const stat = fs.statSync(file);
        return { partNumber: Number(f.slice(5)), etag: `"${createHash('md5').update(fs.readFileSync(file)).digest('hex')}"`, size: stat.size, lastModified: stat.mtime };
      })
      .sort((a, b) => a.partNumber - b.partNumber);
  }

  listUploads(bucket: string): Array<{ key: string; uploadId: string; initiated: string }> {
    this.require(bucket);
    return this.store.list('s3-uploads', bucket).flatMap((uploadId) => {
      try {
        const info = JSON.parse(fs.readFileSync(this.store.path('s3-uploads', bucket, uploadId, 'upload.json'), 'utf8'));
        return [{ key: info.key as string, uploadId, initiated: info.initiated as string }];
      } catch {
        return [];
      }
    });
  }

  abortUpload(bucket: string, key: string, uploadId: string): void {
    const { folder } = this.upload(bucket, key, uploadId);
    fs.rmSync(folder, { recursive: true, force: true });
  }

  /** Joins the listed parts (ascending, each ETag matching, all but the last at least 5 MiB) into the object. */
  completeUpload(bucket: string, key: string, uploadId: string, parts: Array<{ partNumber: number; etag: string }>): ObjectMeta {
    const { folder, info } = this.upload(bucket, key, uploadId);
    if (parts.length === 0) throw new BucketError('InvalidPart', 'You must specify at least one part');
    const buffers: Buffer[] = [];
    const digests: Buffer[] = [];
    parts.forEach((part, index) => {
      if (index > 0 && part.partNumber <= parts[index - 1].partNumber) throw new BucketError('InvalidPartOrder', 'The list of parts was not in ascending order. Parts must be ordered by part number.');
    });
    for (const [index, part] of parts.entries()) {
      let data: Buffer;
      try {
        data = fs.readFileSync(path.join(folder, `part-${part.partNumber}`));
      } catch {
        throw new BucketError('InvalidPart', `One or more of the specified parts could not be found: part ${part.partNumber}`);
      }
      const md5 = createHash('md5').update(data).digest();
      if (part.etag.replace(/"/g, '') !== md5.toString('hex')) throw new BucketError('InvalidPart', `One or more of the specified parts could not be found or the specified entity tag might not have matched the part's entity tag: part ${part.partNumber}`);
      if (index < parts.length - 1 && data.length < MIN_PART_BYTES) throw new BucketError('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed object size.');
      buffers.push(data);
      digests.push(md5);
    }
    const etag = `"${createHash('md5').update(Buffer.concat(digests)).digest('hex')}-${parts.length}"`;
    const meta = this.put(bucket, key, Buffer.concat(buffers), { contentType: info.contentType, metadata: info.metadata, headers: info.headers, etag });
    fs.rmSync(folder, { recursive: true, force: true });
    return meta;
  }
}

/** Reads `s3://bucket/key` or an S3 HTTPS URL (path or virtual-hosted style) into bucket and key. */
export function parseS3Url(url: string): { bucket: string; key: string } | undefined {
  const s3 = /^s3:\/\/([^/]+)\/(.+)$/.exec(url);
  if (s3) return { bucket: s3[1], key: s3[2] };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const pathname = decodeURIComponent(parsed.pathname);
  const virtual = /^([a-z0-9][a-z0-9.-]+)\.s3[.-]/.exec(parsed.hostname);
  if (virtual) return pathname.length > 1 ? { bucket: virtual[1], key: pathname.slice(1) } : undefined;
  const match = /^\/([^/]+)\/(.+)$/.exec(pathname);
  return match ? { bucket: match[1], key: match[2] } : undefined;
}
