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
