// Amazon S3 (path-style) through the AWS SDK for JavaScript v3 against `slipway serve`
// (https://docs.aws.amazon.com/AmazonS3/latest/API/API_Operations_Amazon_Simple_Storage_Service.html).
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { after, before, test } from 'node:test';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetBucketTaggingCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  ListPartsCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
  paginateListObjectsV2,
  waitUntilBucketExists,
  waitUntilObjectExists,
  waitUntilObjectNotExists,
} from '@aws-sdk/client-s3';
import { CloudFormationClient, CreateStackCommand, waitUntilStackCreateComplete } from '@aws-sdk/client-cloudformation';
import { startEndpoint, type Endpoint } from './endpoint';

let endpoint: Endpoint;
let s3: S3Client;
const wait = { maxWaitTime: 30, minDelay: 1, maxDelay: 1 };

before(async () => {
  endpoint = await startEndpoint();
  s3 = new S3Client({ ...endpoint.client, forcePathStyle: true });
});
after(() => endpoint.close());

async function rejects(promise: Promise<unknown>, name: string, status?: number): Promise<void> {
  try {
    await promise;
  } catch (error) {
    assert.equal((error as Error).name, name, (error as Error).message);
    if (status) assert.equal((error as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode, status);
    return;
  }
  assert.fail(`expected ${name}`);
}

test('buckets: create (waiter), head, list, delete only when empty; a stack-made bucket is served too', async () => {
  await s3.send(new CreateBucketCommand({ Bucket: 'alpha' }));
  assert.equal((await waitUntilBucketExists({ client: s3, ...wait }, { Bucket: 'alpha' })).state, 'SUCCESS');
  await s3.send(new HeadBucketCommand({ Bucket: 'alpha' }));
  await rejects(s3.send(new HeadBucketCommand({ Bucket: 'missing-bucket' })), 'NotFound', 404);
  await rejects(s3.send(new CreateBucketCommand({ Bucket: 'Bad_Name' })), 'InvalidBucketName', 400);

  const cfn = new CloudFormationClient(endpoint.client);
  await cfn.send(new CreateStackCommand({ StackName: 'buckets', TemplateBody: 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: stack-made\n' }));
  await waitUntilStackCreateComplete({ client: cfn, ...wait }, { StackName: 'buckets' });
  const names = (await s3.send(new ListBucketsCommand({}))).Buckets!.map((b) => b.Name);
  assert.ok(names.includes('alpha') && names.includes('stack-made'), names.join());

  await s3.send(new PutObjectCommand({ Bucket: 'alpha', Key: 'keep', Body: 'x' }));
  await rejects(s3.send(new DeleteBucketCommand({ Bucket: 'alpha' })), 'BucketNotEmpty', 409);
  await s3.send(new DeleteObjectCommand({ Bucket: 'alpha', Key: 'keep' }));
  await s3.send(new DeleteBucketCommand({ Bucket: 'alpha' }));
  await rejects(s3.send(new DeleteBucketCommand({ Bucket: 'alpha' })), 'NoSuchBucket', 404);
});

test('objects: put/get/head with metadata and ranges, keys S3 allows that are not paths, copy, delete (waiters)', async () => {
  await s3.send(new CreateBucketCommand({ Bucket: 'objects' }));
  const keys = ['plain.txt', 'a/../../escape', './dot', 'dir/', 'spaced key+plus', '__proto__', 'ünïcode/ключ'];
  for (const Key of keys) await s3.send(new PutObjectCommand({ Bucket: 'objects', Key, Body: `body of ${Key}`, ContentType: 'text/plain', Metadata: { owner: 'alice' } }));
  for (const Key of keys) {
    const got = await s3.send(new GetObjectCommand({ Bucket: 'objects', Key }));
    assert.equal(await got.Body!.transformToString(), `body of ${Key}`);
    assert.equal(got.ContentType, 'text/plain');
    assert.deepEqual(got.Metadata, { owner: 'alice' });
    assert.equal(got.ETag, `"${createHash('md5').update(`body of ${Key}`).digest('hex')}"`);
  }
  assert.ok(!fs.existsSync(`${endpoint.store.home}/escape`) && !fs.existsSync(`${endpoint.store.home}/s3/escape`), 'a key is never a path');
  const ranged = await s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'plain.txt', Range: 'bytes=0-3' }));
  assert.equal(await ranged.Body!.transformToString(), 'body');
  assert.equal(ranged.ContentRange, 'bytes 0-3/17');
  const head = await s3.send(new HeadObjectCommand({ Bucket: 'objects', Key: 'plain.txt' }));
  assert.equal(head.ContentLength, 17);
  await rejects(s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'nope' })), 'NoSuchKey', 404);
  await rejects(s3.send(new HeadObjectCommand({ Bucket: 'objects', Key: 'nope' })), 'NotFound', 404);
  await rejects(s3.send(new GetObjectCommand({ Bucket: 'no-such-bucket', Key: 'x' })), 'NoSuchBucket', 404);

  const copied = await s3.send(new CopyObjectCommand({ Bucket: 'objects', Key: 'copy.txt', CopySource: 'objects/spaced%20key%2Bplus' }));
  assert.ok(copied.CopyObjectResult?.ETag);
  assert.equal(await (await s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'copy.txt' }))).Body!.transformToString(), 'body of spaced key+plus');
  assert.equal((await waitUntilObjectExists({ client: s3, ...wait }, { Bucket: 'objects', Key: 'copy.txt' })).state, 'SUCCESS');
  await s3.send(new DeleteObjectCommand({ Bucket: 'objects', Key: 'copy.txt' }));
  assert.equal((await waitUntilObjectNotExists({ client: s3, ...wait }, { Bucket: 'objects', Key: 'copy.txt' })).state, 'SUCCESS');
  const deleted = await s3.send(new DeleteObjectsCommand({ Bucket: 'objects', Delete: { Objects: [{ Key: './dot' }, { Key: '__proto__' }] } }));
  assert.deepEqual(deleted.Deleted!.map((d) => d.Key).sort(), ['./dot', '__proto__']);
});

test('ListObjectsV2: prefixes, delimiters, start-after and the paginator', async () => {
  await s3.send(new CreateBucketCommand({ Bucket: 'listing' }));
  const keys = ['a/1', 'a/2', 'a/b/3', 'b/4', 'c'];
  for (const Key of keys) await s3.send(new PutObjectCommand({ Bucket: 'listing', Key, Body: Key }));
  const all = await s3.send(new ListObjectsV2Command({ Bucket: 'listing' }));
  assert.deepEqual(all.Contents!.map((c) => c.Key), keys);
  assert.equal(all.KeyCount, 5);
  const grouped = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', Delimiter: '/' }));
  assert.deepEqual(grouped.Contents!.map((c) => c.Key), ['c']);
  assert.deepEqual(grouped.CommonPrefixes!.map((p) => p.Prefix), ['a/', 'b/']);
  const inA = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', Prefix: 'a/', Delimiter: '/' }));
  assert.deepEqual(inA.Contents!.map((c) => c.Key), ['a/1', 'a/2']);
  assert.deepEqual(inA.CommonPrefixes!.map((p) => p.Prefix), ['a/b/']);
  assert.deepEqual((await s3.send(new ListObjectsV2Command({ Bucket: 'listing', StartAfter: 'a/b/3' }))).Contents!.map((c) => c.Key), ['b/4', 'c']);
  const paged: string[] = [];
  let pages = 0;
  for await (const page of paginateListObjectsV2({ client: s3, pageSize: 2 }, { Bucket: 'listing' })) {
    pages++;
    paged.push(...(page.Contents ?? []).map((c) => c.Key!));
  }
  assert.deepEqual(paged, keys);
  assert.equal(pages, 3);
});

test('multipart upload: create, parts, list, complete with the multipart ETag; abort; bad part lists refused', async () => {
  await s3.send(new CreateBucketCommand({ Bucket: 'multi' }));
  const first = randomBytes(5 * 1024 * 1024);
  const second = randomBytes(1024);
  const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'multi', Key: 'big.bin', ContentType: 'application/x-test' }));
  const p1 = await s3.send(new UploadPartCommand({ Bucket: 'multi', Key: 'big.bin', UploadId, PartNumber: 1, Body: first }));
  const p2 = await s3.send(new UploadPartCommand({ Bucket: 'multi', Key: 'big.bin', UploadId, PartNumber: 2, Body: second }));
  assert.deepEqual((await s3.send(new ListPartsCommand({ Bucket: 'multi', Key: 'big.bin', UploadId }))).Parts!.map((p) => p.PartNumber), [1, 2]);
  assert.equal((await s3.send(new ListMultipartUploadsCommand({ Bucket: 'multi' }))).Uploads![0].UploadId, UploadId);
  await rejects(
    s3.send(new CompleteMultipartUploadCommand({ Bucket: 'multi', Key: 'big.bin', UploadId, MultipartUpload: { Parts: [{ PartNumber: 2, ETag: p2.ETag }, { PartNumber: 1, ETag: p1.ETag }] } })),
    'InvalidPartOrder',
  );
  const done = await s3.send(new CompleteMultipartUploadCommand({ Bucket: 'multi', Key: 'big.bin', UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: p1.ETag }, { PartNumber: 2, ETag: p2.ETag }] } }));
  const md5 = (b: Buffer) => createHash('md5').update(b).digest();
  assert.equal(done.ETag, `"${createHash('md5').update(Buffer.concat([md5(first), md5(second)])).digest('hex')}-2"`);
  const got = await s3.send(new GetObjectCommand({ Bucket: 'multi', Key: 'big.bin' }));
  assert.ok(Buffer.from(await got.Body!.transformToByteArray()).equals(Buffer.concat([first, second])));
  assert.equal(got.ContentType, 'application/x-test');
  await rejects(s3.send(new UploadPartCommand({ Bucket: 'multi', Key: 'big.bin', UploadId, PartNumber: 3, Body: 'late' })), 'NoSuchUpload', 404);

  const small = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'multi', Key: 'small.bin' }));
  const s1 = await s3.send(new UploadPartCommand({ Bucket: 'multi', Key: 'small.bin', UploadId: small.UploadId, PartNumber: 1, Body: 'tiny' }));
  const s2 = await s3.send(new UploadPartCommand({ Bucket: 'multi', Key: 'small.bin', UploadId: small.UploadId, PartNumber: 2, Body: 'tiny' }));
  await rejects(
    s3.send(new CompleteMultipartUploadCommand({ Bucket: 'multi', Key: 'small.bin', UploadId: small.UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: s1.ETag }, { PartNumber: 2, ETag: s2.ETag }] } })),
    'EntityTooSmall',
  );
  await s3.send(new AbortMultipartUploadCommand({ Bucket: 'multi', Key: 'small.bin', UploadId: small.UploadId }));
  await rejects(s3.send(new ListPartsCommand({ Bucket: 'multi', Key: 'small.bin', UploadId: small.UploadId })), 'NoSuchUpload', 404);
  await rejects(s3.send(new ListPartsCommand({ Bucket: 'multi', Key: 'small.bin', UploadId: '../../../etc' })), 'NoSuchUpload', 404);
});

test('an S3 operation Slipway does not implement answers 501 NotImplemented with its name', async () => {
  await s3.send(new CreateBucketCommand({ Bucket: 'tagged' }));
  try {
    await s3.send(new GetBucketTaggingCommand({ Bucket: 'tagged' }));
    assert.fail('expected 501');
  } catch (error) {
    assert.equal((error as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode, 501);
    assert.equal((error as Error).name, 'NotImplemented');
    assert.match((error as Error).message, /GetBucketTagging/);
  }
});
