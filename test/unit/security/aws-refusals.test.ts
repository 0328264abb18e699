// AWS's own refusals (issue 20, class 7): "Secure strings can only be used for resource
// properties that support the ssm-secure dynamic reference pattern", and not in custom
// resources (AWS CloudFormation User Guide, "Get a secure string value from Systems Manager
// Parameter Store"). An AWS::SSM::Parameter given one is refused, never stored in clear.
import '../../../runtime/plugins';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { ParameterStore } from '../../../runtime/common/params';
import { StackEngine } from '../../../runtime/stacks/engine';
import { loadTemplate } from '../../../runtime/stacks/template-source';
import { secureReferenceRefusal } from '../../../runtime/template/eval';
import { sandbox } from '../builds/helpers';

const SECRET = 'Very-Secret-Db-Password-42';

test('secureReferenceRefusal names every property path holding an ssm-secure reference, for the refusing types only', () => {
  assert.equal(secureReferenceRefusal('AWS::SSM::Parameter', { Type: 'String', Value: '{{resolve:ssm-secure:/db/pw}}' }), 'SSM Secure reference is not supported in: [AWS::SSM::Parameter/Properties/Value]');
  assert.match(secureReferenceRefusal('Custom::Thing', { Config: { Nested: ['x', 'pre-{{resolve:ssm-secure:/db/pw:1}}'] } })!, /Custom::Thing\/Properties\/Config\/Nested\/1/);
  assert.ok(secureReferenceRefusal('AWS::CloudFormation::CustomResource', { ServiceToken: 't', P: '{{resolve:ssm-secure:/db/pw}}' }));
  assert.equal(secureReferenceRefusal('AWS::SSM::Parameter', { Type: 'String', Value: '{{resolve:ssm:/plain}}' }), undefined);
  assert.equal(secureReferenceRefusal('AWS::RDS::DBInstance', { MasterUserPassword: '{{resolve:ssm-secure:/db/pw}}' }), undefined);
});

test('a stack whose AWS::SSM::Parameter takes an ssm-secure value fails that resource and stores no clear secret', async (t) => {
  const box = sandbox();
  t.after(box.cleanup);
  new ParameterStore(box.store).putParameter('/db/pw', SECRET, 'SecureString');
  for (const [i, value] of ['"{{resolve:ssm-secure:/db/pw}}"', '"jdbc:{{resolve:ssm-secure:/db/pw:1}}@host"', '!Sub "x-{{resolve:ssm-secure:/db/pw}}"', '!Join ["", ["{{resolve:ssm-secure:", "/db/pw", "}}"]]', '!Select [1, ["plain", "{{resolve:ssm-secure:/db/pw}}"]]'].entries()) {
    const file = path.join(box.root, `t${i}.yaml`);
    fs.writeFileSync(file, `Resources:\n  P:\n    Type: AWS::SSM::Parameter\n    Properties:\n      Name: /copy${i}\n      Type: String\n      Value: ${value}\n`);
    const engine = new StackEngine(box.store);
    const changeSet = await engine.createChangeSet({ stackName: `s${i}`, template: loadTemplate(file).body, templatePath: file, parameters: {} });
    await engine.executeChangeSet(`s${i}`, changeSet.name).catch(() => undefined);
    const failed = engine.stacks.events(`s${i}`).find((e) => e.status === 'CREATE_FAILED' && e.logicalId === 'P');
    assert.equal(failed?.reason, 'SSM Secure reference is not supported in: [AWS::SSM::Parameter/Properties/Value]');
    assert.ok(!new ParameterStore(box.store).listParameters().some((p) => p.name === `/copy${i}`), 'no parameter was created');
  }
  const walk = (dir: string): string => fs.readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : fs.readFileSync(path.join(dir, e.name), 'utf8'))).join('');
  assert.ok(!walk(box.home).includes(SECRET), 'the secret is nowhere in the state home in clear');
});
