import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { BucketError, BucketStore, type ObjectMeta } from '../../buckets/objects';
import { parseXml, xmlDocument } from '../protocols/xml';
import { AwsError, restResponse, type CallContext, type RestRequest, type ServiceDefinition } from '../types';

const NS = 'http://s3.amazonaws.com/doc/2006-03-01/';

interface S3Input {
  bucket: string;
  key: string;
  query: Record<string, string | string[]>;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const STATUS: Record<BucketError['code'], number> = {
  NoSuchBucket: 404,
  NoSuchKey: 404,
  NoSuchUpload: 404,
  InvalidBucketName: 400,
  BucketAlreadyOwnedByYou: 409,
  BucketNotEmpty: 409,
  InvalidPart: 400,
  InvalidPartOrder: 400,
  EntityTooSmall: 400,
};

/** Headers S3 keeps with an object and returns on GET and HEAD. */
const STORED_HEADERS = ['cache-control', 'content-disposition', 'content-encoding', 'content-language', 'expires'];

function q(input: S3Input, name: string): string | undefined {
  const value = input.query[name];
  return Array.isArray(value) ? value[0] : value;
}

function header(input: S3Input, name: string): string | undefined {
  const value = input.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function xml(root: string, value: unknown, status = 200, headers: Record<string, string> = {}) {
  return restResponse({ status, headers: { 'content-type': 'application/xml', ...headers }, body: xmlDocument(root, value, NS) });
}

function empty(status: number, headers: Record<string, string> = {}) {
  return restResponse({ status, headers, body: Buffer.alloc(0) });
}

function pascal(subresource: string): string {
  return subresource
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

const VERB: Record<string, string> = { GET: 'Get', PUT: 'Put', DELETE: 'Delete', POST: 'Post', HEAD: 'Head' };
/** Query names that select an operation rather than being its parameters. */
const PARAMETERS = new Set(['prefix', 'delimiter', 'max-keys', 'marker', 'list-type', 'continuation-token', 'start-after', 'encoding-type', 'fetch-owner', 'uploadId', 'partNumber', 'max-parts', 'part-number-marker', 'key-marker', 'upload-id-marker', 'max-uploads', 'versionId', 'x-id']);

/** Which S3 operation a path-style request is (method, `/bucket/key`, subresource). */
function routeOf(request: RestRequest): string {
  const { method } = request;
  const [bucket, ...rest] = request.path.slice(1).split('/');
  const key = rest.join('/');
  const has = (name: string) => Object.hasOwn(request.query, name);
  const subresource = Object.keys(request.query).find((name) => !PARAMETERS.has(name) && !name.startsWith('response-') && !name.startsWith('X-Amz-'));
  if (!bucket) return method === 'GET' ? 'ListBuckets' : `${VERB[method] ?? method}Service`;
  if (!key) {
    if (subresource === 'uploads' && method === 'GET') return 'ListMultipartUploads';
    if (subresource === 'delete' && method === 'POST') return 'DeleteObjects';
    if (subresource === 'location' && method === 'GET') return 'GetBucketLocation';
    if (subresource) return `${VERB[method] ?? method}Bucket${pascal(subresource)}`;
    if (method === 'GET') return request.query['list-type'] === '2' ? 'ListObjectsV2' : 'ListObjects';
    return ({ PUT: 'CreateBucket', DELETE: 'DeleteBucket', HEAD: 'HeadBucket', POST: 'PostObject' } as Record<string, string>)[method] ?? `${method}Bucket`;
  }
  if (subresource === 'uploads' && method === 'POST') return 'CreateMultipartUpload';
  if (subresource) return `${VERB[method] ?? method}Object${pascal(subresource)}`;
  if (has('uploadId')) {
    if (method === 'PUT') return request.headers['x-amz-copy-source'] ? 'UploadPartCopy' : 'UploadPart';
    return ({ POST: 'CompleteMultipartUpload', DELETE: 'AbortMultipartUpload', GET: 'ListParts' } as Record<string, string>)[method] ?? `${method}Upload`;
  }
  if (method === 'PUT') return request.headers['x-amz-copy-source'] ? 'CopyObject' : 'PutObject';
  return ({ GET: 'GetObject', HEAD: 'HeadObject', DELETE: 'DeleteObject' } as Record<string, string>)[method] ?? `${method}Object`;
}

/**
 * The body of an `aws-chunked` upload (SigV4 streaming): `SIZE[;chunk-signature=…]\r\nDATA\r\n`
 * chunks up to a zero-size one, then optional trailers. Chunk signatures are not checked
 * again (the seed signature over the headers is).
 */
function decodeChunked(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = body.indexOf('\r\n', offset);
    if (lineEnd < 0) throw new AwsError('IncompleteBody', 'The aws-chunked request body ended before its last chunk');
    const size = Number.parseInt(body.subarray(offset, lineEnd).toString('latin1').split(';')[0], 16);
    if (!Number.isInteger(size) || size < 0) throw new AwsError('InvalidRequest', 'The aws-chunked request body has a malformed chunk header');
    offset = lineEnd + 2;
    if (size === 0) break;
    if (offset + size > body.length) throw new AwsError('IncompleteBody', 'The aws-chunked request body ended inside a chunk');
    parts.push(body.subarray(offset, offset + size));
    offset += size + 2;
  }
  return Buffer.concat(parts);
}

function payloadOf(input: S3Input): Buffer {
  const sha = header(input, 'x-amz-content-sha256') ?? '';
  const encoding = header(input, 'content-encoding') ?? '';
  const body = sha.startsWith('STREAMING-') || encoding.split(',').map((s) => s.trim()).includes('aws-chunked') ? decodeChunked(input.body) : input.body;
  const md5 = header(input, 'content-md5');
  if (md5 && createHash('md5').update(body).digest('base64') !== md5) throw new AwsError('BadDigest', 'The Content-MD5 you specified did not match what we received.');
  return body;
}

function metadataOf(input: S3Input): { contentType?: string; metadata: Record<string, string>; headers: Record<string, string> } {
  const metadata: Record<string, string> = {};
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(',') : value;
    if (name.startsWith('x-amz-meta-')) metadata[name.slice(11)] = text;
    else if (STORED_HEADERS.includes(name) && !(name === 'content-encoding' && text.trim() === 'aws-chunked')) headers[name] = text.replace(/(^|,\s*)aws-chunked(\s*,|$)/, '').trim();
  }
  return { contentType: header(input, 'content-type'), metadata, headers };
}

function objectHeaders(meta: ObjectMeta): Record<string, string> {
  const headers: Record<string, string> = {
    etag: meta.etag,
    'last-modified': new Date(meta.lastModified).toUTCString(),
    'content-type': meta.contentType ?? 'binary/octet-stream',
    'accept-ranges': 'bytes',
    ...meta.headers,
  };
  for (const [name, value] of Object.entries(meta.metadata)) headers[`x-amz-meta-${name}`] = value;
  return headers;
}

/** `bucket/key` of x-amz-copy-source (URL-encoded, optional leading `/`, optional `?versionId=`). */
function copySource(input: S3Input): { bucket: string; key: string } {
  const raw = header(input, 'x-amz-copy-source') ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw.split('?')[0]).replace(/^\//, '');
  } catch {
    throw new AwsError('InvalidArgument', 'Invalid copy source encoding');
  }
  const slash = decoded.indexOf('/');
  if (slash <= 0 || slash === decoded.length - 1) throw new AwsError('InvalidArgument', 'Copy Source must mention the source bucket and key: sourcebucket/sourcekey');
  return { bucket: decoded.slice(0, slash), key: decoded.slice(slash + 1) };
}

function rangeOf(range: string | undefined, size: number): { start: number; end: number } | undefined | 'invalid' {
  if (!range) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  let start: number;
  let end: number;
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start >= size || start > end) return 'invalid';
  return { start, end };
}

function encodeKey(value: string, url: boolean): string {
  return url ? encodeURIComponent(value).replace(/%2F/g, '/') : value;
}

/** ListObjects / ListObjectsV2's grouping: keys after `start`, common prefixes by delimiter, truncated at maxKeys. */
function listing(store: BucketStore, bucket: string, prefix: string, delimiter: string | undefined, after: string, maxKeys: number) {
  const contents: ObjectMeta[] = [];
  const prefixes: string[] = [];
  let truncated = false;
  let last = '';
  for (const object of store.list(bucket)) {
    if (!object.key.startsWith(prefix) || Buffer.compare(Buffer.from(object.key), Buffer.from(after)) <= 0) continue;
    let common: string | undefined;
    if (delimiter) {
      const at = object.key.indexOf(delimiter, prefix.length);
      if (at >= 0) common = object.key.slice(0, at + delimiter.length);
    }
    if (common && prefixes[prefixes.length - 1] === common) continue;
    if (common && after.startsWith(common)) continue;
    if (contents.length + prefixes.length >= maxKeys) {
      truncated = true;
      break;
    }
    if (common) {
      prefixes.push(common);
      last = common;
    } else {
      contents.push(object);
      last = object.key;
    }
  }
  return { contents, prefixes, truncated, last };
}

function maxKeysOf(input: S3Input): number {
  const raw = q(input, 'max-keys');
  if (raw === undefined) return 1000;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new AwsError('InvalidArgument', 'Provided max-keys not an integer or within integer range');
  return Math.min(value, 1000);
}

function contentsShape(objects: ObjectMeta[], url: boolean) {
  return objects.map((o) => ({ Key: encodeKey(o.key, url), LastModified: new Date(o.lastModified), ETag: o.etag, Size: o.size, StorageClass: 'STANDARD' }));
}

function partNumberOf(input: S3Input): number {
  const value = Number(q(input, 'partNumber'));
  if (!Number.isInteger(value) || value < 1 || value > 10000) throw new AwsError('InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive');
  return value;
}

function asArray<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function bodyXml(input: S3Input): Record<string, unknown> {
  try {
    return parseXml(input.body.toString('utf8'));
  } catch {
    throw new AwsError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
  }
}

function objects(ctx: CallContext): BucketStore {
  return new BucketStore(ctx.store);
}

/** Amazon S3 (restXml, path-style addressing) over the local buckets. */
export const s3: ServiceDefinition = {
  signingName: 's3',
  protocol: 'restXml',
  xmlNamespace: NS,
  route(request) {
    const [bucket, ...rest] = request.path.slice(1).split('/');
    return { operation: routeOf(request), input: { bucket, key: rest.join('/'), query: request.query, headers: request.headers, body: request.body } satisfies S3Input };
  },
  errorOf(error) {
    if (error instanceof BucketError) return new AwsError(error.code, error.message, STATUS[error.code]);
    return undefined;
  },
  operations: {
    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListBuckets.html
    async ListBuckets(_input: S3Input, ctx) {
      const buckets = objects(ctx).listBuckets();
      return xml('ListAllMyBucketsResult', { Owner: { ID: ctx.accountId, DisplayName: ctx.user }, Buckets: { Bucket: buckets.map((b) => ({ Name: b.name, CreationDate: b.created })) } });
    },
    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html
    async CreateBucket(input: S3Input, ctx) {
      if (input.body.length) bodyXml(input);
      const store = objects(ctx);
      try {
        store.createBucket(input.bucket);
      } catch (error) {
        // us-east-1 answers 200 to its owner re-creating a bucket (the legacy behaviour AWS documents).
        if (!(error instanceof BucketError && error.code === 'BucketAlreadyOwnedByYou' && ctx.region === 'us-east-1')) throw error;
      }
      return empty(200, { location: `/${input.bucket}` });
    },
    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucket.html
    async DeleteBucket(input: S3Input, ctx) {
      objects(ctx).deleteBucket(input.bucket);
      return empty(204);
    },
    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadBucket.html
    async HeadBucket(input: S3Input, ctx) {
      if (!objects(ctx).exists(input.bucket)) throw new AwsError('NotFound', 'Not Found', 404);
      return empty(200, { 'x-amz-bucket-region': ctx.region });
    },
    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLocation.html
    async GetBucketLocation(input: S3Input, ctx) {
      if (!objects(ctx).exists(input.bucket)) throw new BucketError('NoSuchBucket', 'The specified bucket does not exist');
      return xml('LocationConstraint', ctx.region === 'us-east-1' ? '' : ctx.region);
    },
    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html
    async ListObjectsV2(input: S3Input, ctx) {
      const prefix = q(input, 'prefix') ?? '';
      const delimiter = q(input, 'delimiter') || undefined;
      const url = q(input, 'encoding-type') === 'url';
      const token = q(input, 'continuation-token');
      let after = q(input, 'start-after') ?? '';
      if (token !== undefined) {
        const decoded = Buffer.from(token, 'base64url').toString('utf8');
        if (!decoded.startsWith('k:')) throw new AwsError('InvalidArgument', 'The continuation token provided is incorrect');
        after = decoded.slice(2);
      }
      const maxKeys = maxKeysOf(input);
      const result = listing(objects(ctx), input.bucket, prefix, delimiter, after, maxKeys);
      return xml('ListBucketResult', {
        Name: input.bucket,
        Prefix: encodeKey(prefix, url),
        Delimiter: delimiter && encodeKey(delimiter, url),
        MaxKeys: maxKeys,
        EncodingType: url ? 'url' : undefined,
        KeyCount: result.contents.length + result.prefixes.length,
        IsTruncated: result.truncated,
        ContinuationToken: token,
        NextContinuationToken: result.truncated ? Buffer.from(`k:${result.last}`).toString('base64url') : undefined,
        StartAfter: q(input, 'start-after') !== undefined ? encodeKey(q(input, 'start-after')!, url) : undefined,
        Contents: contentsShape(result.contents, url),
        CommonPrefixes: result.prefixes.map((p) => ({ Prefix: encodeKey(p, url) })),
      });
    },
    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjects.html
    async ListObjects(input: S3Input, ctx) {
      const prefix = q(input, 'prefix') ?? '';
      const delimiter = q(input, 'delimiter') || undefined;
      const url = q(input, 'encoding-type') === 'url';
      const marker = q(input, 'marker') ?? '';
      const maxKeys = maxKeysOf(input);
      const result = listing(objects(ctx), input.bucket, prefix, delimiter, marker, maxKeys);
      return xml('ListBucketResult', {
        Name: input.bucket,
        Prefix: encodeKey(prefix, url),
        Marker: encodeKey(marker, url),
        NextMarker: result.truncated && delimiter ? encodeKey(result.last, url) : undefined,
        MaxKeys: maxKeys,
        Delimiter: delimiter && encodeKey(delimiter, url),
        EncodingType: url ? 'url' : undefined,
        IsTruncated: result.truncated,
        Contents: contentsShape(result.contents, url),
        CommonPrefixes: result.prefixes.map((p) => ({ Prefix: encodeKey(p, url) })),
      });
    },
    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html
    async PutObject(input: S3Input, ctx) {
      const meta = objects(ctx).put(input.bucket, input.key, payloadOf(input), metadataOf(input));
      return empty(200, { etag: meta.etag });
    },
    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_CopyObject.html
    async CopyObject(input: S3Input, ctx) {
      const store = objects(ctx);
      const source = copySource(input);
      const sourceMeta = store.head(source.bucket, source.key);
      const replace = header(input, 'x-amz-metadata-directive') === 'REPLACE';
      if (!replace && source.bucket === input.bucket && source.key === input.key) {
        throw new AwsError('InvalidRequest', 'This copy request is illegal because it is trying to copy an object to itself without changing the object\'s metadata, storage class, website redirect location or encryption attributes.');
      }
      const meta = store.put(input.bucket, input.key, store.read(source.bucket, source.key), replace ? metadataOf(input) : { contentType: sourceMeta.contentType, metadata: sourceMeta.metadata, headers: sourceMeta.headers });
      return xml('CopyObjectResult', { ETag: meta.etag, LastModified: new Date(meta.lastModified) });
    },
    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html
    async GetObject(input: S3Input, ctx) {
      const store = objects(ctx);
      const meta = store.head(input.bucket, input.key);
      const headers = objectHeaders(meta);
      const ifNoneMatch = header(input, 'if-none-match');
      const ifMatch = header(input, 'if-match');
      if (ifMatch && ifMatch !== '*' && !ifMatch.split(',').map((s) => s.trim()).includes(meta.etag)) throw new AwsError('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412);
      if (ifNoneMatch && (ifNoneMatch === '*' || ifNoneMatch.split(',').map((s) => s.trim()).includes(meta.etag))) return empty(304, { etag: meta.etag });
      const range = rangeOf(header(input, 'range'), meta.size);
      if (range === 'invalid') throw new AwsError('InvalidRange', 'The requested range is not satisfiable', 416);
      const file = store.dataPath(input.bucket, input.key);
      if (!range) return restResponse({ status: 200, headers: { ...headers, 'content-length': String(meta.size) }, body: fs.createReadStream(file) });
      return restResponse({
        status: 206,
        headers: { ...headers, 'content-length': String(range.end - range.start + 1), 'content-range': `bytes ${range.start}-${range.end}/${meta.size}` },
        body: fs.createReadStream(file, { start: range.start, end: range.end }),
      });
    },
    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html
    async HeadObject(input: S3Input, ctx) {
      let meta: ObjectMeta;
      try {
        meta = objects(ctx).head(input.bucket, input.key);
      } catch (error) {
        if (error instanceof BucketError && error.code === 'NoSuchKey') throw new AwsError('NotFound', 'Not Found', 404);
        throw error;
      }
      return restResponse({ status: 200, headers: { ...objectHeaders(meta), 'content-length': String(meta.size) }, body: Buffer.alloc(0) });
    },
    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObject.html
    async DeleteObject(input: S3Input, ctx) {
      objects(ctx).delete(input.bucket, input.key);
      return empty(204);
    },
    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html
    async DeleteObjects(input: S3Input, ctx) {
      const store = objects(ctx);
      if (!store.exists(input.bucket)) throw new BucketError('NoSuchBucket', 'The specified bucket does not exist');
      const request = bodyXml(input).Delete as { Object?: unknown; Quiet?: string } | undefined;
      const keys = asArray(request?.Object as { Key?: string } | { Key?: string }[]).map((o) => o.Key);
      if (!request || keys.length === 0 || keys.length > 1000 || keys.some((k) => typeof k !== 'string')) throw new AwsError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
      for (const key of keys) store.delete(input.bucket, key!);
      return xml('DeleteResult', { Deleted: request.Quiet === 'true' ? [] : keys.map((Key) => ({ Key })) });
    },
    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateMultipartUpload.html
    async CreateMultipartUpload(input: S3Input, ctx) {
      const uploadId = objects(ctx).createUpload(input.bucket, input.key, metadataOf(input));
      return xml('InitiateMultipartUploadResult', { Bucket: input.bucket, Key: input.key, UploadId: uploadId });
    },
    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_UploadPart.html
    async UploadPart(input: S3Input, ctx) {
      const etag = objects(ctx).uploadPart(input.bucket, input.key, q(input, 'uploadId')!, partNumberOf(input), payloadOf(input));
      return empty(200, { etag });
    },
    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_UploadPartCopy.html
    async UploadPartCopy(input: S3Input, ctx) {
      const store = objects(ctx);
      const source = copySource(input);
      const data = store.read(source.bucket, source.key);
      const range = rangeOf(header(input, 'x-amz-copy-source-range'), data.length);
      if (range === 'invalid') throw new AwsError('InvalidArgument', 'The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy');
      const etag = store.uploadPart(input.bucket, input.key, q(input, 'uploadId')!, partNumberOf(input), range ? data.subarray(range.start, range.end + 1) : data);
      return xml('CopyPartResult', { ETag: etag, LastModified: new Date() });
    },
    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_CompleteMultipartUpload.html
    async CompleteMultipartUpload(input: S3Input, ctx) {
      const request = bodyXml(input).CompleteMultipartUpload as { Part?: unknown } | undefined;
      const parts = asArray(request?.Part as { PartNumber?: string; ETag?: string } | { PartNumber?: string; ETag?: string }[]).map((p) => ({ partNumber: Number(p.PartNumber), etag: String(p.ETag ?? '') }));
      if (!request || parts.some((p) => !Number.isInteger(p.partNumber))) throw new AwsError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
      const meta = objects(ctx).completeUpload(input.bucket, input.key, q(input, 'uploadId')!, parts);
      return xml('CompleteMultipartUploadResult', { Location: `${ctx.endpoint ?? ''}/${input.bucket}/${encodeURIComponent(input.key).replace(/%2F/g, '/')}`, Bucket: input.bucket, Key: input.key, ETag: meta.etag });
    },
    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_AbortMultipartUpload.html
    async AbortMultipartUpload(input: S3Input, ctx) {
      objects(ctx).abortUpload(input.bucket, input.key, q(input, 'uploadId')!);
      return empty(204);
    },
    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListParts.html
    async ListParts(input: S3Input, ctx) {
      const parts = objects(ctx).listParts(input.bucket, input.key, q(input, 'uploadId')!);
      return xml('ListPartsResult', {
        Bucket: input.bucket,
        Key: input.key,
        UploadId: q(input, 'uploadId'),
        StorageClass: 'STANDARD',
        IsTruncated: false,
        Part: parts.map((p) => ({ PartNumber: p.partNumber, LastModified: p.lastModified, ETag: p.etag, Size: p.size })),
      });
    },
    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListMultipartUploads.html
    async ListMultipartUploads(input: S3Input, ctx) {
      const uploads = objects(ctx).listUploads(input.bucket);
      return xml('ListMultipartUploadsResult', {
        Bucket: input.bucket,
        IsTruncated: false,
        Upload: uploads.map((u) => ({ Key: u.key, UploadId: u.uploadId, Initiated: new Date(u.initiated), StorageClass: 'STANDARD' })),
      });
    },
  },
};
