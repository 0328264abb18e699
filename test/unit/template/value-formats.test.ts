import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingsOf, template } from './template-findings';

const topic = (key: string) => template(`Parameters:\n  Key:\n    Type: String\nResources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      KmsMasterKeyId: ${key}\n`);

// https://docs.aws.amazon.com/kms/latest/APIReference/API_DescribeKey.html#KMS-DescribeKey-request-KeyId
test('E1162: a KMS key named without alias/ (aws/sns) or in no KMS form is reported', () => {
  assert.deepEqual(findingsOf(topic('aws/sns'), /^E1162$/), ['E1162@9']);
  assert.deepEqual(findingsOf(topic('my-key'), /^E1162$/), ['E1162@9']);
  assert.deepEqual(findingsOf(topic('arn:aws:sns:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'), /^E1162$/), ['E1162@9']);
});

test('E1162: key ids, multi-Region key ids, key ARNs, alias names and alias ARNs, and values not written out are not reported', () => {
  for (const key of [
    'alias/aws/sns',
    'alias/my_key-1',
    '1234abcd-12ab-34cd-56ef-1234567890ab',
    'mrk-1234abcd12ab34cd56ef1234567890ab',
    'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    'arn:aws-us-gov:kms:us-gov-west-1:123456789012:alias/app',
    '!Ref Key',
    '!Sub "alias/${Key}"',
    '"{{resolve:ssm:/app/key}}"',
  ]) {
    assert.deepEqual(findingsOf(topic(key), /^E1162$/), [], key);
  }
  const bucket = template('Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketEncryption:\n        ServerSideEncryptionConfiguration:\n          - ServerSideEncryptionByDefault:\n              SSEAlgorithm: aws:kms\n              KMSMasterKeyID: aws/s3\n');
  assert.deepEqual(findingsOf(bucket, /^E1162$/), ['E1162@10']);
});
