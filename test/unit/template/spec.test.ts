import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { describeType, documentationUrl, loadSpec } from '../../../runtime/template/spec';

test('the index knows resource types, their properties and attributes', () => {
  const spec = loadSpec();
  assert.ok(spec.resourceTypes().length > 1500);
  const bucket = spec.resource('AWS::S3::Bucket')!;
  assert.equal(bucket.properties.BucketName.update, 'Immutable');
  assert.equal(bucket.properties.BucketName.required, false);
  assert.deepEqual(bucket.properties.BucketName.type, { kind: 'primitive', name: 'String' });
  assert.ok(bucket.properties.AccessControl.allowedValues!.includes('Private'));
  assert.equal(describeType(bucket.properties.Tags.type), 'List of Tag');
  assert.ok('Arn' in bucket.attributes && 'DomainName' in bucket.attributes);
  assert.deepEqual(bucket.primaryIdentifier, ['BucketName']);
  assert.match(bucket.arnTemplate!, /^arn:\$\{Partition\}:s3:::/);
  assert.equal(spec.resource('AWS::S3::Nope'), undefined);
  assert.equal(spec.caseInsensitiveType('aws::s3::bucket'), 'AWS::S3::Bucket');
});

test('nested property types resolve through the owning resource type', () => {
  const spec = loadSpec();
  const lambda = spec.resource('AWS::Lambda::Function')!;
  assert.equal(lambda.properties.Code.required, true);
  assert.deepEqual(lambda.properties.Code.type, { kind: 'object', name: 'Code' });
  const code = spec.propertyType('AWS::Lambda::Function', 'Code')!;
  assert.ok('S3Bucket' in code && 'ZipFile' in code);
  assert.equal(spec.propertyType('AWS::Lambda::Function', 'toString'), undefined);
  assert.ok(lambda.propertyTypeNames.includes('Code'));
});

test('documentation strings load lazily and links point at the AWS pages', () => {
  const spec = loadSpec();
  assert.match(spec.documentation('AWS::S3::Bucket')!, /creates an Amazon S3 bucket/);
  assert.ok(spec.documentation('AWS::S3::Bucket', { attribute: 'Arn' }));
  assert.ok(spec.documentation('AWS::Lambda::Function', { propertyType: 'Code', property: 'ZipFile' }));
  assert.equal(
    documentationUrl('AWS::S3::Bucket', { property: 'BucketName' }),
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-s3-bucket.html#cfn-s3-bucket-bucketname',
  );
  assert.equal(
    documentationUrl('AWS::Lambda::Function', { propertyType: 'Code' }),
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-lambda-function-code.html',
  );
});
