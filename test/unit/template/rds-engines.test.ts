import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import '../../../runtime/checks';
import { validateText } from '../../../runtime/validate';
import { findingsOf, template } from './template-findings';

const instance = (engine: string) => template(`Resources:\n  D:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      DBInstanceClass: db.t3.micro\n      Engine: ${engine}\n`);

test('E3691: an unknown RDS engine is reported with a suggestion; case does not matter', () => {
  assert.deepEqual(findingsOf(instance('postgress'), /^E3691$/), ['E3691@7']);
  const [finding] = validateText('t.yaml', instance('postgress'), 'template').diagnostics.filter((d) => d.code === 'E3691');
  assert.match(finding.message, /did you mean postgres\?/);
  assert.deepEqual(findingsOf(instance('MySQL'), /^E3691$/), []);
  assert.deepEqual(findingsOf(instance('!Ref AWS::NoValue'), /^E3691$/), []);
});

const auroraInstance = (engine: string, instanceClass: string) =>
  template(`Parameters:\n  Engine:\n    Type: String\nResources:\n  D:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      DBClusterIdentifier: c\n      DBInstanceClass: ${instanceClass}\n      Engine: ${engine}\n`);

// https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.DBInstanceClass.SupportAurora.html
test('E3025: an Aurora DB instance with a general-purpose, compute or RDS-only memory class is reported', () => {
  assert.deepEqual(findingsOf(auroraInstance('aurora-mysql', 'db.m5.large'), /^E3025$/), ['E3025@10']);
  assert.deepEqual(findingsOf(auroraInstance('aurora-postgresql', 'db.x1e.xlarge'), /^E3025$/), ['E3025@10']);
  assert.deepEqual(findingsOf(auroraInstance('!If [C, aurora-mysql, aurora-postgresql]', 'db.c6gd.large'), /^E3025$/), ['E3025@10']);
});

test('E3025: Aurora classes, non-Aurora engines and engines not known here are not reported', () => {
  for (const instanceClass of ['db.r6g.large', 'db.x2g.xlarge', 'db.t4g.medium', 'db.serverless', 'db.r8gd.xlarge', '!Ref Engine']) {
    assert.deepEqual(findingsOf(auroraInstance('aurora-mysql', instanceClass), /^E3025$/), [], instanceClass);
  }
  assert.deepEqual(findingsOf(auroraInstance('mysql', 'db.m5.large'), /^E3025$/), []);
  assert.deepEqual(findingsOf(auroraInstance('!Ref Engine', 'db.m5.large'), /^E3025$/), []);
  assert.deepEqual(findingsOf(auroraInstance('!If [C, aurora-mysql, !Ref Engine]', 'db.m5.large'), /^E3025$/), []);
});
