// Scenario tests of CloudFormation outputs and stack listing, each named after the AWS page it follows (one state home for the file).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { poll } from '../api/helpers';
import { cliIn, cloudFormationApi, deploy, engineInTemp, refusedBeforeCreation } from './helpers';

const { engine, dir, state } = engineInTemp();
const SECRET = 'hunter2-n0-echo';

const api = cloudFormationApi(state);
const cli = cliIn(dir);

/** Every file of the state home, as text. */
function stateText(): string {
  const texts: string[] = [];
  const walk = (at: string) => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) texts.push(fs.readFileSync(full, 'utf8'));
    }
  };
  walk(state.home);
  return texts.join('\n');
}

const SECRETIVE = `Parameters:
  Password: {Type: String, NoEcho: true}
Resources:
  T: {Type: AWS::SNS::Topic}
Outputs:
  Plain: {Value: !Ref Password, Description: the password, Export: {Name: shared-password}}
  Embedded: {Value: !Sub "db://admin:\${Password}@db.local"}
  Other: {Value: !Ref T}
`;

test('CloudFormation parameters-section-structure (NoEcho): parameters are masked, outputs are shown in clear (DescribeStacks, stack outputs/describe), yet the state holds them only sealed', async () => {
  const record = await deploy(engine, dir, 'secretive', SECRETIVE, { parameters: { Password: SECRET } });
  assert.equal(record.status, 'CREATE_COMPLETE', record.statusReason);

  const described = (await api('DescribeStacks', { StackName: 'secretive' })).Stacks[0];
  assert.deepEqual(described.Parameters, [{ ParameterKey: 'Password', ParameterValue: '****' }]);
  const outputs = Object.fromEntries(described.Outputs.map((o: { OutputKey: string; OutputValue: string }) => [o.OutputKey, o.OutputValue]));
  assert.equal(outputs.Plain, SECRET, 'NoEcho "does not mask any information you include in the Outputs section"');
  assert.equal(outputs.Embedded, `db://admin:${SECRET}@db.local`);
  assert.match(outputs.Other, /^arn:aws:sns:us-east-1:000000000000:/);

  const viaCli = await cli('stack', 'outputs', 'secretive', '--json');
  assert.equal(viaCli.code, 0, viaCli.stderr);
  assert.deepEqual(JSON.parse(viaCli.stdout).Outputs.find((o: { OutputKey: string }) => o.OutputKey === 'Plain'), { OutputKey: 'Plain', OutputValue: SECRET, Description: 'the password', ExportName: 'shared-password' });
  assert.match((await cli('stack', 'outputs', 'secretive')).stdout, new RegExp(`^Plain\\t${SECRET}\\tthe password\\texport shared-password$`, 'm'));
  assert.match((await cli('stack', 'describe', 'secretive')).stdout, new RegExp(`output Embedded = db://admin:${SECRET}@db.local`));
  assert.equal(engine.describe('secretive').outputs[0].value, '***', 'the record itself keeps the masked form');
  assert.ok(!stateText().includes(SECRET), 'the state home never holds the secret in clear');
});

/** A parent that passes its NoEcho parameter to a nested stack (child.yaml) and outputs what the child echoes. */
const NESTED_PARENT = `Parameters:
  Token: {Type: String, NoEcho: true}
Resources:
  Child:
    Type: AWS::CloudFormation::Stack
    Properties: {TemplateURL: child.yaml, Parameters: {Token: !Ref Token}}
Outputs:
  FromChild: {Value: !GetAtt Child.Outputs.Echoed}
`;

test('CloudFormation intrinsic-function-reference-importvalue / aws-resource-cloudformation-stack: an export and a nested stack output that hold a NoEcho value reach their consumers in clear', async () => {
  const importer = `Resources:
  F: {Type: Slipway::Local::File, Properties: {Path: imported.txt, Content: !ImportValue shared-password}}
`;
  const imported = await deploy(engine, dir, 'importer', importer);
  assert.equal(imported.status, 'CREATE_COMPLETE', imported.statusReason);
  assert.equal(fs.readFileSync(path.join(dir, 'imported.txt'), 'utf8'), SECRET);
  assert.equal((await api('ListExports', {})).Exports.find((e: { Name: string }) => e.Name === 'shared-password').Value, SECRET);

  fs.writeFileSync(path.join(dir, 'child.yaml'), 'Parameters:\n  Token: {Type: String}\nResources:\n  T: {Type: AWS::SNS::Topic}\nOutputs:\n  Echoed: {Value: !Sub "token=${Token}"}\n');
  const parent = NESTED_PARENT.replace('Outputs:', '  Seen: {Type: Slipway::Local::File, Properties: {Path: nested.txt, Content: !GetAtt Child.Outputs.Echoed}}\nOutputs:');
  const record = await deploy(engine, dir, 'parent', parent, { parameters: { Token: SECRET } });
  assert.equal(record.status, 'CREATE_COMPLETE', record.statusReason);
  assert.equal(fs.readFileSync(path.join(dir, 'nested.txt'), 'utf8'), `token=${SECRET}`, 'the parent reads the child output in clear');
  const described = (await api('DescribeStacks', { StackName: 'parent' })).Stacks[0];
  assert.equal(described.Outputs[0].OutputValue, `token=${SECRET}`);
  assert.ok(!stateText().includes(SECRET), 'neither the child, nor the parent\'s attributes or outputs, hold the secret in clear');

  // An update that keeps the nested stack keeps its output secret in what it writes.
  const updated = await deploy(engine, dir, 'parent', parent.replace('Path: nested.txt', 'Path: nested-again.txt'), { parameters: { Token: SECRET } });
  assert.equal(updated.status, 'UPDATE_COMPLETE', updated.statusReason);
  assert.equal(fs.readFileSync(path.join(dir, 'nested-again.txt'), 'utf8'), `token=${SECRET}`);
  assert.ok(!stateText().includes(SECRET));
});

test('a crafted stack record whose sealed output is damaged gives one clear error naming the output, through the CLI and the API, and nothing else breaks', async () => {
  await deploy(engine, dir, 'crafted', SECRETIVE.replace('shared-password', 'crafted-password'), { parameters: { Password: SECRET } });
  const file = state.path('stacks', 'crafted', 'stack.json');
  const original = fs.readFileSync(file, 'utf8');
  const sealed = JSON.parse(original).outputs[0].sealedValue;
  const damages: unknown[] = [
    { ...sealed, data: sealed.data.slice(4) },
    { ...sealed, iv: 42 },
    { ...sealed, tag: 'not base64!' },
    { ...sealed, tag: undefined },
    { ...sealed, alg: 'ROT13' },
    'sealed',
    7,
    [],
    { __proto__: { iv: sealed.iv } },
  ];
  for (const damage of damages) {
    const record = JSON.parse(original);
    record.outputs[0].sealedValue = damage;
    fs.writeFileSync(file, JSON.stringify(record));
    const shown = await cli('stack', 'outputs', 'crafted', '--json');
    assert.equal(shown.code, 1, `${JSON.stringify(damage)}: ${shown.stderr}`);
    assert.equal(shown.stdout, '');
    assert.match(shown.stderr, /^slipway stack: cannot decrypt output Plain of stack crafted: .+\n$/, JSON.stringify(damage));
    await assert.rejects(api('DescribeStacks', { StackName: 'crafted' }), /cannot decrypt output Plain of stack crafted/);
    // Other stacks still read.
    assert.equal((await cli('stack', 'outputs', 'secretive', '--json')).code, 0);
  }
  // No sealed value at all (null): the masked value shows, nothing is invented.
  const record = JSON.parse(original);
  record.outputs[0].sealedValue = null;
  fs.writeFileSync(file, JSON.stringify(record));
  assert.equal(JSON.parse((await cli('stack', 'outputs', 'crafted', '--json')).stdout).Outputs[0].OutputValue, '***');
  fs.writeFileSync(file, original);
  assert.equal((await cli('stack', 'outputs', 'crafted', '--json')).code, 0);
});

test('CloudFormation API_ListStacks: deleted stacks are listed (DELETE_COMPLETE, with DeletionTime) and StackStatusFilter selects; stack list --json is ListStacks, the human listing shows live stacks unless --all', async () => {
  const gone = await deploy(engine, dir, 'listed-gone', 'Resources:\n  T: {Type: AWS::SNS::Topic}\n');
  await engine.deleteStack('listed-gone');
  await deploy(engine, dir, 'listed-live', 'Resources:\n  T: {Type: AWS::SNS::Topic}\n');

  const all = await cli('stack', 'list', '--json');
  assert.equal(all.code, 0, all.stderr);
  const summaries = JSON.parse(all.stdout).StackSummaries as Array<{ StackName: string; StackId: string; StackStatus: string; DeletionTime?: string; CreationTime: string }>;
  const deleted = summaries.find((s) => s.StackId === gone.stackId)!;
  assert.equal(deleted.StackStatus, 'DELETE_COMPLETE');
  assert.ok(deleted.DeletionTime && deleted.CreationTime);
  assert.ok(summaries.some((s) => s.StackName === 'listed-live' && s.StackStatus === 'CREATE_COMPLETE'));
  assert.deepEqual(summaries.map((s) => s.StackId).sort(), (await api('ListStacks', {})).StackSummaries.map((s: { StackId: string }) => s.StackId).sort(), 'the same answer as the API');

  const onlyDeleted = JSON.parse((await cli('stack', 'list', '--stack-status-filter', 'DELETE_COMPLETE', '--json')).stdout).StackSummaries as Array<{ StackStatus: string }>;
  assert.ok(onlyDeleted.length >= 1 && onlyDeleted.every((s) => s.StackStatus === 'DELETE_COMPLETE'));
  const two = JSON.parse((await cli('stack', 'list', '--stack-status-filter', 'CREATE_COMPLETE,DELETE_COMPLETE', '--json')).stdout).StackSummaries as Array<{ StackStatus: string }>;
  assert.deepEqual([...new Set(two.map((s) => s.StackStatus))].sort(), ['CREATE_COMPLETE', 'DELETE_COMPLETE']);
  const imports = await cli('stack', 'list', '--stack-status-filter', 'IMPORT_COMPLETE', '--json');
  assert.deepEqual(JSON.parse(imports.stdout).StackSummaries, [], 'an AWS status Slipway never reaches selects nothing');

  const human = await cli('stack', 'list');
  assert.match(human.stdout, /^listed-live\tCREATE_COMPLETE\t/m);
  assert.doesNotMatch(human.stdout, /listed-gone/);
  assert.match((await cli('stack', 'list', '--all')).stdout, new RegExp(`^listed-gone\\tDELETE_COMPLETE\\t\\S+\\t${gone.stackId.replace(/[/.]/g, '\\$&')}$`, 'm'));

  const bad = await cli('stack', 'list', '--stack-status-filter', 'DONE');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^slipway stack: --stack-status-filter: "DONE" is not a stack status/);
});

test('CloudFormation outputs-section-structure / template-anatomy / resources-section-structure: undeclared names in outputs, an output without a Value, unknown sections, non-alphanumeric logical names, a missing Type and unknown parameter types are template format errors before anything is created', async () => {
  const refused = (name: string, text: string, message: RegExp) => refusedBeforeCreation(engine, dir, name, text, message);
  const topic = 'Resources:\n  T: {Type: AWS::SNS::Topic}\n';
  await refused('typo-output', `${topic}Outputs:\n  Arn: {Value: !Ref Topic}\n`, /Template format error: Unresolved resource dependencies \[Topic\] in the Outputs block of the template \(output Arn\)/);
  await refused('typo-sub', `${topic}Outputs:\n  Url: {Value: !Sub "https://\${Bucket.DomainName}/\${AWS::Region}"}\n`, /Unresolved resource dependencies \[Bucket\] in the Outputs block/);
  await refused('typo-export', `${topic}Outputs:\n  Arn: {Value: !Ref T, Export: {Name: !Sub "\${Stage}-arn"}}\n`, /Unresolved resource dependencies \[Stage\] in the Outputs block/);
  await refused('no-value', `${topic}Outputs:\n  Arn: {Description: the topic}\n`, /Template format error: Every Outputs member must contain a Value object/);
  await refused('bad-section', `Output:\n  Arn: {Value: x}\n${topic}`, /Template format error: Invalid template property or properties \[Output\]/);
  // resources-section-structure / parameters-section-structure: logical names are alphanumeric, resources have a Type, parameter types are CloudFormation's.
  await refused('dash-resource', 'Resources:\n  My-Topic: {Type: AWS::SNS::Topic}\n', /Template format error: Resource name My-Topic is non alphanumeric\./);
  await refused('dash-parameter', `Parameters:\n  env-name: {Type: String, Default: dev}\n${topic}`, /Template format error: Parameter name env-name is non alphanumeric\./);
  await refused('dash-output', `${topic}Outputs:\n  topic_arn: {Value: !Ref T}\n`, /Template format error: Output name topic_arn is non alphanumeric\./);
  await refused('dash-condition', `Conditions:\n  is-prod: !Equals [a, b]\n${topic}`, /Template format error: Condition name is-prod is non alphanumeric\./);
  await refused('no-type', 'Resources:\n  T: {Properties: {}}\n', /Template format error: \[\/Resources\/T\] Every Resources object must contain a Type member\./);
  await refused('bad-type', `Parameters:\n  Size: {Type: Integer}\n${topic}`, /Template format error: Unrecognized parameter type: Integer/);
  await refused('no-param-type', `Parameters:\n  Size: {Default: 1}\n${topic}`, /Every Parameters object must contain a Type member/);
  await refused('bad-version', `AWSTemplateFormatVersion: "2011-01-01"\n${topic}`, /AWSTemplateFormatVersion 2011-01-01 is not supported; 2010-09-09 is the only valid value/);

  // What is declared resolves: parameters, resources, pseudo parameters, Fn::Sub's own variables, literal ${!…}.
  const fine = await deploy(engine, dir, 'fine-outputs', `AWSTemplateFormatVersion: 2010-09-09\nParameters:\n  Stage: {Type: String, Default: dev}\n${topic}Outputs:\n  A: {Value: !Sub ["\${Stage}-\${T.TopicName}-\${X}-\${!Literal}-\${AWS::AccountId}", {X: !Ref T}], Export: {Name: !Sub "\${Stage}-fine"}}\n`);
  assert.equal(fine.status, 'CREATE_COMPLETE', fine.statusReason);
});

const STUCK = `Resources:
  Kept: {Type: Slipway::Local::File, Properties: {Path: STACK-kept.txt, Content: k}}
  Stuck:
    Type: Slipway::Local::Command
    Properties: {Create: "true", Delete: "echo cannot delete >&2; exit 1"}
`;

test('CloudFormation troubleshooting (delete stack fails) / API_DeleteStack RetainResources and DeletionMode: a DELETE_FAILED stack is deleted keeping the resources named, or every one that failed', async () => {
  const live = await deploy(engine, dir, 'stuck-live', STUCK.replace('STACK', 'live'));
  assert.equal(live.status, 'CREATE_COMPLETE', live.statusReason);
  const early = await cli('stack', 'delete', 'stuck-live', '--retain-resources', 'Stuck');
  assert.equal(early.code, 2);
  assert.match(early.stderr, /Stack stuck-live is in CREATE_COMPLETE state: RetainResources applies only to a stack in the DELETE_FAILED state/);

  const failed = await cli('stack', 'delete', 'stuck-live', '--json');
  assert.equal(failed.code, 1);
  assert.equal(JSON.parse(failed.stdout).Stacks[0].StackStatus, 'DELETE_FAILED');
  assert.match(JSON.parse(failed.stdout).Stacks[0].StackStatusReason, /The following resource\(s\) failed to delete: \[Stuck\]/);

  const gone = await cli('stack', 'delete', 'stuck-live', '--retain-resources', 'Kept');
  assert.equal(gone.code, 2);
  assert.match(gone.stderr, /The specified resources to retain must be in a valid state\. Do not specify resources that are in the DELETE_COMPLETE state\./);
  assert.match((await cli('stack', 'delete', 'stuck-live', '--retain-resources', 'Nope')).stderr, /RetainResources: Nope is not a resource of stack stuck-live/);
  assert.equal((await cli('stack', 'delete', 'stuck-live', '--retain-resources', '__proto__')).code, 2);

  const deleted = await cli('stack', 'delete', 'stuck-live', '--retain-resources', 'Stuck', '--json');
  assert.equal(deleted.code, 0, deleted.stderr);
  assert.equal(engine.stacks.read('stuck-live'), undefined);
  const events = (await api('DescribeStackEvents', { StackName: live.stackId })).StackEvents as Array<{ LogicalResourceId: string; ResourceStatus: string; ResourceStatusReason?: string }>;
  assert.match(events.find((e) => e.LogicalResourceId === 'Stuck' && e.ResourceStatus === 'DELETE_SKIPPED')!.ResourceStatusReason!, /RetainResources/);
  assert.equal(events[0].ResourceStatus, 'DELETE_COMPLETE');

  // Through the API: FORCE_DELETE_STACK keeps whatever failed; an unknown mode is a ValidationError.
  const other = await deploy(engine, dir, 'stuck-api', STUCK.replace('STACK', 'api'));
  const statusOf = () => api('DescribeStacks', { StackName: other.stackId }).then((out) => out.Stacks[0].StackStatus as string);
  await api('DeleteStack', { StackName: 'stuck-api' });
  assert.equal(await poll(state.home, statusOf, (s) => !s.endsWith('_IN_PROGRESS')), 'DELETE_FAILED');
  await assert.rejects(api('DeleteStack', { StackName: 'stuck-api', DeletionMode: 'WHATEVER' }), /DeletionMode must be STANDARD or FORCE_DELETE_STACK/);
  await api('DeleteStack', { StackName: 'stuck-api', DeletionMode: 'FORCE_DELETE_STACK' });
  assert.equal(await poll(state.home, statusOf, (s) => !s.endsWith('_IN_PROGRESS') && s !== 'DELETE_FAILED'), 'DELETE_COMPLETE');
});

test('CloudFormation stack-failure-options (update rollback): the stack reason lists resources that failed to create apart from those that failed to update', async () => {
  // A's update fails only towards Marker two, so rolling back to one succeeds.
  const base = 'Parameters:\n  Marker: {Type: String, Default: one}\nResources:\n  A:\n    Type: Slipway::Local::Command\n    Properties: {Create: "true", Update: !Sub "test ${Marker} != two"}\n';
  assert.equal((await deploy(engine, dir, 'mixed-failures', base)).status, 'CREATE_COMPLETE');
  const added = await deploy(engine, dir, 'mixed-failures', `${base}  B: {Type: Slipway::Local::Command, Properties: {Create: "exit 3"}}\n`);
  assert.equal(added.status, 'UPDATE_ROLLBACK_COMPLETE');
  assert.equal(added.statusReason, 'The following resource(s) failed to create: [B].');
  const both = await deploy(engine, dir, 'mixed-failures', `${base}  B: {Type: Slipway::Local::Command, Properties: {Create: "exit 3"}}\n`, { parameters: { Marker: 'two' } });
  assert.equal(both.status, 'UPDATE_ROLLBACK_COMPLETE');
  assert.equal(both.statusReason, 'The following resource(s) failed to create: [B]. The following resource(s) failed to update: [A].');
  const events = engine.stacks.events('mixed-failures').filter((e) => e.logicalId === 'mixed-failures' && e.status === 'UPDATE_ROLLBACK_IN_PROGRESS');
  assert.equal(events.at(-1)!.reason, both.statusReason, 'the event that starts the rollback gives the same reason');
});

test('a crafted stack record whose sealed attributes and parameter are damaged can still be deleted; an update that needs them fails with one clear line', async () => {
  const parent = NESTED_PARENT;
  const created = await deploy(engine, dir, 'damaged-parent', parent, { parameters: { Token: SECRET } });
  assert.equal(created.status, 'CREATE_COMPLETE', created.statusReason);
  const file = state.path('stacks', 'damaged-parent', 'stack.json');
  const record = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.ok(record.resources.Child.sealedAttributes, 'the child output holding the secret is sealed in the parent');
  record.resources.Child.sealedAttributes = { ...record.resources.Child.sealedAttributes, tag: 'AAAA' };
  record.parameters[0].sealed = { alg: 'AES-256-GCM', iv: 'x', tag: 'y', data: 'z' };
  fs.writeFileSync(file, JSON.stringify(record));

  fs.writeFileSync(path.join(dir, 'damaged-parent.yaml'), parent.replace('Outputs:', 'Outputs:\n  More: {Value: x}'));
  const again = await cli('stack', 'deploy', 'damaged-parent', '--template', path.join(dir, 'damaged-parent.yaml'));
  assert.equal(again.code, 1, again.stderr);
  assert.match(again.stderr, /^slipway stack: cannot decrypt parameter Token: its sealed value is damaged \(iv\)\n$/);
  assert.equal(engine.describe('damaged-parent').status, 'CREATE_COMPLETE', 'nothing was changed');

  const deleted = await cli('stack', 'delete', 'damaged-parent');
  assert.equal(deleted.code, 0, deleted.stderr);
  assert.equal(engine.stacks.read('damaged-parent'), undefined);
});
