import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingsOf, template } from './template-findings';

const plan = (cold: number, deleteAfter: number) =>
  template(
    `Resources:\n  P:\n    Type: AWS::Backup::BackupPlan\n    Properties:\n      BackupPlan:\n        BackupPlanName: p\n        BackupPlanRule:\n          - RuleName: r\n            TargetBackupVault: v\n            Lifecycle:\n              MoveToColdStorageAfterDays: ${cold}\n              DeleteAfterDays: ${deleteAfter}\n`,
  );

test('E3504: backups stay 90 days in cold storage before deletion', () => {
  assert.deepEqual(findingsOf(plan(7, 30), /^E3504$/), ['E3504@13']);
  assert.deepEqual(findingsOf(plan(7, 97), /^E3504$/), []);
});
