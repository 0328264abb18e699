import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectKind, kindFromContent, kindFromName } from '../../../runtime/common/kind';

test('kinds from file names', () => {
  assert.equal(kindFromName('/x/buildspec.yml'), 'buildspec');
  assert.equal(kindFromName('buildspec-release.yaml'), 'buildspec');
  assert.equal(kindFromName('appspec.yml'), 'appspec');
  assert.equal(kindFromName('appspec.json'), 'appspec');
  assert.equal(kindFromName('app.template.yaml'), 'template');
  assert.equal(kindFromName('template.json'), 'template');
  assert.equal(kindFromName('release-pipeline.json'), 'pipeline');
  assert.equal(kindFromName('config.yml'), undefined);
});

test('kinds from content', () => {
  assert.equal(kindFromContent('AWSTemplateFormatVersion: "2010-09-09"\n'), 'template');
  assert.equal(kindFromContent('Resources:\n  Q:\n    Type: AWS::SQS::Queue\n'), 'template');
  assert.equal(kindFromContent('{\n  "Resources": {\n    "Q": {\n      "Type": "AWS::SQS::Queue"\n    }\n  }\n}'), 'template');
  assert.equal(kindFromContent('version: 0.2\nphases:\n  build:\n    commands: [ls]\n'), 'buildspec');
  assert.equal(kindFromContent('version: 0.0\nos: linux\nhooks:\n  AfterInstall: []\n'), 'appspec');
  assert.equal(kindFromContent('{"pipeline":{"stages":[{"actions":[{"actionTypeId":{}}]}]}}'.replace(/,/g, ',\n').replace(/{/g, '{\n')), 'pipeline');
  assert.equal(kindFromContent('name: ci\non: push\n'), undefined);
});

test('the name wins over the content', () => {
  assert.equal(detectKind('buildspec.yml', 'AWSTemplateFormatVersion: x\n'), 'buildspec');
});
