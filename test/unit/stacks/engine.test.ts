import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { changeSetFor, deploy, engineInTemp } from './helpers';

const fileResource = (id: string, file: string, content: string, extra = '') =>
  `  ${id}:\n    Type: Slipway::Local::File\n${extra}    Properties:\n      Path: ${file}\n      Content: ${JSON.stringify(content)}\n`;

describe('stack engine', () => {
  it('creates real local resources in dependency order, with attributes and outputs', async () => {
    const { engine, dir } = engineInTemp();
    const record = await deploy(
      engine,
      dir,
      'files',
      [
        'Resources:',
        fileResource('Config', 'out/config.txt', 'hello'),
        '  Reader:',
        '    Type: Slipway::Local::Command',
        '    Properties:',
        '      Create: !Sub "cat ${Config.Path}"',
        'Outputs:',
        '  Hash: {Value: !GetAtt Config.Sha256}',
        '  Read: {Value: !GetAtt Reader.Stdout}',
      ].join('\n'),
    );
    assert.equal(record.status, 'CREATE_COMPLETE');
    assert.equal(fs.readFileSync(path.join(dir, 'out/config.txt'), 'utf8'), 'hello');
    const outputs = Object.fromEntries(record.outputs.map((o) => [o.key, o.value]));
    assert.equal(outputs.Hash, '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824');
    assert.equal(outputs.Read, 'hello');
    const events = engine.stacks.events('files').map((e) => `${e.logicalId} ${e.status}`);
    assert.ok(events.indexOf('Config CREATE_COMPLETE') < events.indexOf('Reader CREATE_IN_PROGRESS'));
  });

  it('computes change sets: Modify in place, replacement True, Conditional for dependents, Add and Remove', async () => {
    const { engine, dir } = engineInTemp();
    await deploy(engine, dir, 'cs', ['Resources:', fileResource('A', 'a.txt', 'one'), fileResource('B', 'b.txt', 'two'), '  Topic: {Type: AWS::SNS::Topic}'].join('\n'));
    const contentOnly = await changeSetFor(engine, dir, 'cs', ['Resources:', fileResource('A', 'a.txt', 'changed'), fileResource('B', 'b.txt', 'two'), '  Topic: {Type: AWS::SNS::Topic}'].join('\n'));
    assert.deepEqual(
      contentOnly.changes.map((c) => [c.action, c.logicalId, c.replacement]),
      [['Modify', 'A', 'False']],
    );
    assert.deepEqual(contentOnly.changes[0].details[0], {
      attribute: 'Properties',
      name: 'Content',
      requiresRecreation: 'Never',
      evaluation: 'Static',
      changeSource: 'DirectModification',
      before: 'one',
      after: 'changed',
    });
    const moved = await changeSetFor(
      engine,
      dir,
      'cs',
      ['Resources:', fileResource('A', 'a2.txt', 'one'), '  B:\n    Type: Slipway::Local::File\n    Properties:\n      Path: !Sub "${A}.copy"\n      Content: two', '  Queue: {Type: AWS::SQS::Queue}'].join('\n'),
    );
    const byId = Object.fromEntries(moved.changes.map((c) => [c.logicalId, c]));
    assert.equal(byId.A.replacement, 'True');
    assert.equal(byId.B.replacement, 'Conditional');
    assert.equal(byId.B.details[0].evaluation, 'Dynamic');
    assert.equal(byId.B.details[0].causingEntity, 'A');
    assert.equal(byId.Queue.action, 'Add');
    assert.equal(byId.Topic.action, 'Remove');
  });

  it('replaces a resource on a Path change and deletes the old copy at cleanup', async () => {
    const { engine, dir } = engineInTemp();
    await deploy(engine, dir, 'rep', ['Resources:', fileResource('A', 'first.txt', 'x')].join('\n'));
    const record = await deploy(engine, dir, 'rep', ['Resources:', fileResource('A', 'second.txt', 'x')].join('\n'));
    assert.equal(record.status, 'UPDATE_COMPLETE');
    assert.ok(!fs.existsSync(path.join(dir, 'first.txt')));
    assert.ok(fs.existsSync(path.join(dir, 'second.txt')));
  });

  it('a failed create rolls back to ROLLBACK_COMPLETE: created resources deleted, Retain kept, RetainExceptOnCreate deleted', async () => {
    const { engine, dir } = engineInTemp();
    const record = await deploy(
      engine,
      dir,
      'broken',
      [
        'Resources:',
        fileResource('Plain', 'plain.txt', 'p'),
        fileResource('Kept', 'kept.txt', 'k', '    DeletionPolicy: Retain\n'),
        fileResource('Gone', 'gone.txt', 'g', '    DeletionPolicy: RetainExceptOnCreate\n'),
        '  Fails:',
        '    Type: Slipway::Local::Command',
        '    DependsOn: [Plain, Kept, Gone]',
        '    Properties:',
        '      Create: "echo disk is full >&2; exit 7"',
      ].join('\n'),
    );
    assert.equal(record.status, 'ROLLBACK_COMPLETE');
    assert.ok(!fs.existsSync(path.join(dir, 'plain.txt')));
    assert.ok(fs.existsSync(path.join(dir, 'kept.txt')));
    assert.ok(!fs.existsSync(path.join(dir, 'gone.txt')));
    const failed = engine.stacks.events('broken').find((e) => e.status === 'CREATE_FAILED');
    assert.equal(failed?.logicalId, 'Fails');
    assert.match(failed!.reason!, /exit code 7: disk is full/);
    const statuses = engine.stacks.events('broken').filter((e) => e.type === 'AWS::CloudFormation::Stack').map((e) => e.status);
    assert.deepEqual(statuses, ['REVIEW_IN_PROGRESS', 'CREATE_IN_PROGRESS', 'ROLLBACK_IN_PROGRESS', 'ROLLBACK_COMPLETE']);
    assert.match(engine.stacks.events('broken').find((e) => e.status === 'ROLLBACK_IN_PROGRESS')!.reason!, /The following resource\(s\) failed to create: \[Fails\]/);
  });

  it('--disable-rollback leaves a failed create in CREATE_FAILED with its resources', async () => {
    const { engine, dir } = engineInTemp();
    const record = await deploy(engine, dir, 'kept', ['Resources:', fileResource('A', 'a.txt', 'a'), '  B:\n    Type: Slipway::Local::Command\n    DependsOn: A\n    Properties:\n      Create: exit 3'].join('\n'), { disableRollback: true });
    assert.equal(record.status, 'CREATE_FAILED');
    assert.ok(fs.existsSync(path.join(dir, 'a.txt')));
  });

  it('a failed update rolls back to UPDATE_ROLLBACK_COMPLETE with the previous state restored', async () => {
    const { engine, dir } = engineInTemp();
    const first = ['Resources:', fileResource('A', 'a.txt', 'version 1'), 'Outputs:\n  Hash: {Value: !GetAtt A.Sha256}'].join('\n');
    const before = await deploy(engine, dir, 'upd', first);
    const record = await deploy(
      engine,
      dir,
      'upd',
      ['Resources:', fileResource('A', 'a.txt', 'version 2'), fileResource('New', 'new.txt', 'n'), '  Bad:\n    Type: Slipway::Local::Command\n    DependsOn: [A, New]\n    Properties:\n      Create: exit 1', 'Outputs:\n  Hash: {Value: !GetAtt A.Sha256}'].join('\n'),
    );
    assert.equal(record.status, 'UPDATE_ROLLBACK_COMPLETE');
    assert.equal(fs.readFileSync(path.join(dir, 'a.txt'), 'utf8'), 'version 1');
    assert.ok(!fs.existsSync(path.join(dir, 'new.txt')));
    assert.deepEqual(Object.keys(record.resources), ['A']);
    assert.deepEqual(record.outputs, before.outputs);
    const stack = engine.stacks.events('upd').filter((e) => e.type === 'AWS::CloudFormation::Stack').map((e) => e.status).slice(-4);
    assert.deepEqual(stack, ['UPDATE_IN_PROGRESS', 'UPDATE_ROLLBACK_IN_PROGRESS', 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS', 'UPDATE_ROLLBACK_COMPLETE']);
  });

  it('deletes under DeletionPolicy: Retain skipped, Snapshot copied, termination protection refused', async () => {
    const { engine, dir, state } = engineInTemp();
    await deploy(engine, dir, 'del', ['Resources:', fileResource('Keep', 'keep.txt', 'k', '    DeletionPolicy: Retain\n'), fileResource('Snap', 'snap.txt', 's', '    DeletionPolicy: Snapshot\n'), fileResource('Drop', 'drop.txt', 'd')].join('\n'));
    await engine.setTerminationProtection('del', true);
    await assert.rejects(engine.deleteStack('del'), /cannot be deleted while TerminationProtection is enabled/);
    await engine.setTerminationProtection('del', false);
    await engine.deleteStack('del');
    assert.equal(engine.stacks.read('del'), undefined);
    assert.ok(fs.existsSync(path.join(dir, 'keep.txt')));
    assert.ok(!fs.existsSync(path.join(dir, 'snap.txt')));
    assert.ok(!fs.existsSync(path.join(dir, 'drop.txt')));
    const snapshots = fs.readdirSync(state.path('snapshots', 'del'));
    assert.equal(fs.readFileSync(state.path('snapshots', 'del', snapshots[0], 'snap.txt'), 'utf8'), 's');
  });

  it('exports and Fn::ImportValue across stacks; an imported export blocks deletion', async () => {
    const { engine, dir } = engineInTemp();
    await deploy(engine, dir, 'producer', ['Resources:', fileResource('A', 'a.txt', 'a'), 'Outputs:\n  Path:\n    Value: !GetAtt A.Path\n    Export: {Name: shared-path}'].join('\n'));
    const consumer = await deploy(engine, dir, 'consumer', ['Resources:', '  Copy:\n    Type: Slipway::Local::File\n    Properties:\n      Path: b.txt\n      Content: !ImportValue shared-path'].join('\n'));
    assert.equal(consumer.status, 'CREATE_COMPLETE');
    assert.equal(fs.readFileSync(path.join(dir, 'b.txt'), 'utf8'), path.join(dir, 'a.txt'));
    await assert.rejects(engine.deleteStack('producer'), /Export shared-path cannot be deleted as it is in use by consumer/);
    await assert.rejects(changeSetFor(engine, dir, 'other', 'Resources:\n  T: {Type: AWS::SNS::Topic}\nOutputs:\n  X:\n    Value: x\n    Export: {Name: shared-path}'), /already exported by stack producer/);
    await assert.rejects(changeSetFor(engine, dir, 'third', 'Resources:\n  F:\n    Type: Slipway::Local::File\n    Properties: {Path: c.txt, Content: !ImportValue nothing}'), /No export named nothing found/);
  });

  it('refuses a dependency cycle before anything is created, naming the resources', async () => {
    const { engine, dir } = engineInTemp();
    await assert.rejects(
      changeSetFor(engine, dir, 'cycle', 'Resources:\n  A:\n    Type: AWS::SNS::Topic\n    DependsOn: B\n  B:\n    Type: AWS::SNS::Topic\n    DependsOn: A\n  C: {Type: AWS::SNS::Topic}'),
      /Circular dependency between resources: \[A, B\]/,
    );
    assert.equal(engine.stacks.read('cycle'), undefined);
  });

  it('refuses unknown resource types and parameters that break constraints before anything changes', async () => {
    const { engine, dir } = engineInTemp();
    await assert.rejects(changeSetFor(engine, dir, 's', 'Resources:\n  A: {Type: AWS::Nope::Thing}'), /Unrecognized resource types: \[AWS::Nope::Thing\]/);
    await assert.rejects(changeSetFor(engine, dir, 's', 'Parameters:\n  Env: {Type: String, AllowedValues: [dev, prod]}\nResources:\n  A: {Type: AWS::SNS::Topic}', { Env: 'test' }), /Parameter 'Env' must be one of AllowedValues/);
    assert.equal(engine.stacks.read('s'), undefined);
  });

  it('simulates other types: AWS-style ids, ARNs from the specification, validation against it', async () => {
    const { engine, dir } = engineInTemp();
    const record = await deploy(engine, dir, 'sim', 'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties: {QueueName: jobs}\nOutputs:\n  Arn: {Value: !GetAtt Queue.Arn}\n  Url: {Value: !Ref Queue}');
    const outputs = Object.fromEntries(record.outputs.map((o) => [o.key, o.value]));
    assert.equal(outputs.Arn, 'arn:aws:sqs:us-east-1:000000000000:jobs');
    assert.equal(outputs.Url, 'https://sqs.us-east-1.amazonaws.com/000000000000/jobs');
    assert.equal(record.resources.Queue.simulated, true);
    const bad = await deploy(engine, dir, 'simbad', 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {Nope: 1}');
    assert.equal(bad.status, 'ROLLBACK_COMPLETE');
    assert.match(engine.stacks.events('simbad').find((e) => e.status === 'CREATE_FAILED')!.reason!, /extraneous key \[Nope\] is not permitted/);
  });

  it('masks NoEcho parameters in events, outputs and the stored state', async () => {
    const { engine, dir, state } = engineInTemp();
    const record = await deploy(
      engine,
      dir,
      'secret',
      'Parameters:\n  Password: {Type: String, NoEcho: true}\nResources:\n  F:\n    Type: Slipway::Local::File\n    Properties: {Path: pw.txt, Content: !Ref Password}\n  Fail:\n    Type: Slipway::Local::Command\n    DependsOn: F\n    Properties: {Create: !Sub "echo ${Password}; exit 2"}',
      { parameters: { Password: 'hunter2-secret' } },
    );
    assert.equal(record.status, 'ROLLBACK_COMPLETE');
    const everything = fs.readFileSync(state.path('stacks', 'secret', 'stack.json'), 'utf8') + fs.readFileSync(state.path('stacks', 'secret', 'events.jsonl'), 'utf8');
    assert.ok(!everything.includes('hunter2-secret'));
    assert.match(everything, /exit code 2: \*\*\*/);
    assert.equal(record.parameters[0].value, '****');
  });

  it('detects drift of local resources', async () => {
    const { engine, dir } = engineInTemp();
    await deploy(engine, dir, 'drift', ['Resources:', fileResource('A', 'a.txt', 'a'), fileResource('B', 'b.txt', 'b'), fileResource('C', 'c.txt', 'c'), '  T: {Type: AWS::SNS::Topic}'].join('\n'));
    fs.writeFileSync(path.join(dir, 'a.txt'), 'edited');
    fs.rmSync(path.join(dir, 'b.txt'));
    const drift = await engine.detectDrift('drift');
    assert.equal(drift.status, 'DRIFTED');
    const byId = Object.fromEntries(drift.resources.map((r) => [r.logicalId, r]));
    assert.equal(byId.A.driftStatus, 'MODIFIED');
    assert.deepEqual(byId.A.differences, [{ property: 'Content', expected: 'a', actual: 'edited', differenceType: 'NOT_EQUAL' }]);
    assert.equal(byId.B.driftStatus, 'DELETED');
    assert.equal(byId.C.driftStatus, 'IN_SYNC');
    assert.equal(byId.T.driftStatus, 'NOT_CHECKED');
  });
});
