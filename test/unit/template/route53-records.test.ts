import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingsOf, template } from './template-findings';

const record = (lines: string) =>
  template(`Conditions:\n  C: !Equals [!Ref AWS::Region, us-east-1]\nResources:\n  R:\n    Type: AWS::Route53::RecordSet\n    Properties:\n      HostedZoneId: Z1\n      Name: a.example.com\n${lines}`);

test('E3029: an alias record takes neither TTL nor ResourceRecords', () => {
  assert.deepEqual(findingsOf(record('      Type: A\n      TTL: "300"\n      AliasTarget: {DNSName: d.example.com, HostedZoneId: Z2}\n'), /^E302[39]$/), ['E3029@11']);
  assert.deepEqual(findingsOf(record('      Type: A\n      AliasTarget: {DNSName: d.example.com, HostedZoneId: Z2}\n'), /^E302[39]$/), []);
});

test('E3023: each Fn::If branch of ResourceRecords is checked, the count at the key', () => {
  const text = record('      Type: CNAME\n      TTL: "300"\n      ResourceRecords:\n        !If [C, [a.example.com, b.example.com], [c.example.com]]\n');
  assert.deepEqual(findingsOf(text, /^E302[39]$/), ['E3023@12']);
  assert.deepEqual(findingsOf(record('      Type: A\n      TTL: "300"\n      ResourceRecords: !If [C, [10.0.0.1], [not-an-ip]]\n'), /^E302[39]$/), ['E3023@12']);
});
