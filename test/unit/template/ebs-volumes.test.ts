import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import '../../../runtime/checks';
import { validateText } from '../../../runtime/validate';
import { findingsOf, template } from './template-findings';

const instance = (mappings: string) =>
  template(`Conditions:\n  C: !Equals [!Ref AWS::Region, us-east-1]\nResources:\n  I:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-12345678\n      BlockDeviceMappings:\n${mappings}`);

test('E3030 volume type, E3671 IOPS minimum, E3715 ephemeral device names, through Fn::If', () => {
  const text = instance(
    [
      '        - DeviceName: /dev/sdm',
      '          Ebs: {VolumeType: io1, Iops: 50, VolumeSize: 20}',
      '        - DeviceName: /dev/sdn',
      '          Ebs: !If [C, {VolumeType: magnetic}, {VolumeType: gp3, Iops: 3000}]',
      '        - DeviceName: /dev/sdo',
      '          VirtualName: ephemeral24',
      '',
    ].join('\n'),
  );
  assert.deepEqual(findingsOf(text, /^E(3030|3671|3715)$/), ['E3671@11', 'E3030@13', 'E3715@15']);
});

test('valid volumes and device names pass', () => {
  const text = instance('        - DeviceName: /dev/sdm\n          Ebs: {VolumeType: io2, Iops: 100}\n        - DeviceName: /dev/sdn\n          VirtualName: ephemeral23\n');
  assert.deepEqual(findingsOf(text, /^E(3030|3671|3715)$/), []);
});

test('E3030 suggests the volume type that was meant', () => {
  const [finding] = validateText('t.yaml', instance('        - DeviceName: /dev/sdm\n          Ebs: {VolumeType: gp33}\n'), 'template').diagnostics.filter((d) => d.code === 'E3030');
  assert.match(finding.message, /did you mean gp3\?/);
  assert.deepEqual(finding.data, { replacement: 'gp3' });
});
