import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, findings } from '../helpers';

const server = (hooks: string) => `version: 0.0\nos: linux\nhooks:\n${hooks}`;

test('EC2 hooks: misspelt names get a replacement, reserved and other-platform events are errors', () => {
  const result = findings('appspec', server('  BeforeInstal:\n    - location: a.sh\n  Install:\n    - location: b.sh\n  AfterAllowTestTraffic:\n    - location: c.sh\n'));
  assert.deepEqual(brief(result), ['WA101@4:3', 'EA101@6:3', 'EA101@8:3']);
  assert.equal(result[0].data?.replacement, 'BeforeInstall');
  assert.match(result[2].message, /Amazon ECS lifecycle event/);
});

test('EC2 custom events are warnings only', () => {
  const result = findings('appspec', server('  CustomEvent:\n    - location: a.sh\n'));
  assert.deepEqual(brief(result), ['WA101@4:3']);
});

test('Lambda hooks are limited to the traffic events', () => {
  const text = 'version: 0.0\nResources:\n  - fn:\n      Type: AWS::Lambda::Function\n      Properties:\n        Name: f\n        Alias: live\n        CurrentVersion: 1\n        TargetVersion: 2\nHooks:\n  - BeforeInstall: check\n  - AfterAllowTraffic: verify\n';
  assert.deepEqual(brief(findings('appspec', text)), ['EA101@11:5']);
});

test('hooks written out of lifecycle order get an information note', () => {
  const result = findings('appspec', server('  ValidateService:\n    - location: v.sh\n  ApplicationStop:\n    - location: s.sh\n'));
  assert.deepEqual(brief(result), ['IA102@6:3']);
  assert.equal(result[0].severity, 'info');
});
