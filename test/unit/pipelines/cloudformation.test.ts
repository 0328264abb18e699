import '../../../runtime/plugins';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { ParameterStore } from '../../../runtime/common/params';
import { ArtifactStore } from '../../../runtime/pipelines/engine/artifacts';
import { StackEngine } from '../../../runtime/stacks/engine';
import { outputsOf } from '../../../runtime/stacks/secrets';
import { actionOf, command, commit, create, gitRepo, localSource, run, sandbox } from './helpers';

const template = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Value: { Type: String }
  Suffix: { Type: String, Default: none }
Resources:
  Setting:
    Type: AWS::SSM::Parameter
    Properties:
      Name: !Sub /cfn-test/\${Suffix}
      Type: String
      Value: !Ref Value
Outputs:
  SettingName: { Value: !Ref Setting }
  Stored: { Value: !Ref Value }
`;

function cfnAction(name: string, configuration: Record<string, string>, extra = '          inputArtifacts: [{ name: Src }]\n'): string {
  return `        - name: ${name}
          actionTypeId: { category: Deploy, owner: AWS, provider: CloudFormation, version: "1" }
          configuration: ${JSON.stringify(configuration)}
${extra}`;
}

test('CREATE_UPDATE deploys the template from the artifact; Fn::GetParam, TemplateConfiguration; outputs become variables and a file', async () => {
  const box = sandbox();
  try {
    const repo = gitRepo(box.dir, { 'template.yaml': template, 'config.json': '{"Parameters": {"Value": "from-config", "Suffix": "a"}}', 'values.json': '{"v": "from-file"}' });
    const name = create(
      box,
      `pipeline:\n  name: cfn\n  stages:\n${localSource()}    - name: Deploy\n      actions:\n${cfnAction(
        'Stack',
        {
          ActionMode: 'CREATE_UPDATE',
          StackName: 'cfn-test',
          TemplatePath: 'Src::template.yaml',
          TemplateConfiguration: 'Src::config.json',
          ParameterOverrides: '{"Value": {"Fn::GetParam": ["Src", "values.json", "v"]}}',
          OutputFileName: 'outputs.json',
        },
        '          inputArtifacts: [{ name: Src }]\n          outputArtifacts: [{ name: StackOut }]\n          namespace: StackVars\n',
      )}${command('Check', `echo "#{StackVars.SettingName} #{StackVars.Stored}" > ${box.dir}/seen`, '          inputArtifacts: [{ name: StackOut }]\n          runOrder: 2\n')}`,
    );
    const first = await run(box, name);
    assert.equal(first.status, 'Succeeded', first.statusSummary);
    assert.deepEqual(first.namespaces.StackVars, { SettingName: '/cfn-test/a', Stored: 'from-file' });
    assert.equal(fs.readFileSync(path.join(box.dir, 'seen'), 'utf8'), '/cfn-test/a from-file\n');
    assert.deepEqual(JSON.parse(new ArtifactStore(box.state).readFile(first.artifacts.StackOut, 'outputs.json')!.toString()), first.namespaces.StackVars);
    assert.equal(new ParameterStore(box.state).getParameter('/cfn-test/a').value, 'from-file');
    assert.match(actionOf(first, 'Deploy', 'Stack').summary!, /CREATE_COMPLETE/);

    const second = await run(box, name);
    assert.match(actionOf(second, 'Deploy', 'Stack').summary!, /No changes/);
    commit(repo, { 'values.json': '{"v": "changed"}' }, 'change value');
    const third = await run(box, name);
    assert.match(actionOf(third, 'Deploy', 'Stack').summary!, /UPDATE_COMPLETE/);
    assert.equal(new ParameterStore(box.state).getParameter('/cfn-test/a').value, 'changed');
  } finally {
    box.cleanup();
  }
});

test('CHANGE_SET_REPLACE then CHANGE_SET_EXECUTE, and DELETE_ONLY', async () => {
  const box = sandbox();
  try {
    gitRepo(box.dir, { 'template.yaml': template });
    const base = { StackName: 'cs-test', ChangeSetName: 'release' };
    const name = create(
      box,
      `pipeline:\n  name: changesets\n  stages:\n${localSource()}    - name: Plan\n      actions:\n${cfnAction('Plan', { ...base, ActionMode: 'CHANGE_SET_REPLACE', TemplatePath: 'Src::template.yaml', ParameterOverrides: '{"Value": "planned", "Suffix": "cs"}' })}    - name: Apply\n      actions:\n${cfnAction('Apply', { ...base, ActionMode: 'CHANGE_SET_EXECUTE' }, '')}    - name: Remove\n      actions:\n${cfnAction('Remove', { StackName: 'cs-test', ActionMode: 'DELETE_ONLY' }, '')}`,
    );
    const done = await run(box, name);
    assert.equal(done.status, 'Succeeded', done.statusSummary);
    assert.match(actionOf(done, 'Plan', 'Plan').summary!, /Change set release: 1 change/);
    assert.match(actionOf(done, 'Apply', 'Apply').summary!, /Executed change set release: CREATE_COMPLETE/);
    assert.equal(actionOf(done, 'Remove', 'Remove').summary, 'Deleted stack cs-test');
    assert.equal(new StackEngine(box.state).stacks.read('cs-test'), undefined);
  } finally {
    box.cleanup();
  }
});

test('a failed stack fails the action; REPLACE_ON_FAILURE replaces a stack left in ROLLBACK_COMPLETE', async () => {
  const box = sandbox();
  try {
    const broken = `${template.replace('Outputs:', '  Check:\n    Type: Slipway::Local::Command\n    Properties:\n      Create: "exit 7"\nOutputs:')}`;
    const repo = gitRepo(box.dir, { 'template.yaml': broken });
    const name = create(
      box,
      `pipeline:\n  name: replace\n  stages:\n${localSource()}    - name: Deploy\n      actions:\n${cfnAction('Stack', { ActionMode: 'REPLACE_ON_FAILURE', StackName: 'rof-test', TemplatePath: 'Src::template.yaml', ParameterOverrides: '{"Value": "bad"}' })}`,
    );
    const failed = await run(box, name);
    assert.equal(failed.status, 'Failed');
    assert.match(actionOf(failed, 'Deploy', 'Stack').errorMessage!, /ROLLBACK_COMPLETE/);
    assert.equal(new StackEngine(box.state).describe('rof-test').status, 'ROLLBACK_COMPLETE');
    commit(repo, { 'template.yaml': template }, 'fix the template');
    const replaced = await run(box, name);
    assert.equal(replaced.status, 'Succeeded', replaced.statusSummary);
    assert.equal(new StackEngine(box.state).describe('rof-test').status, 'CREATE_COMPLETE');
  } finally {
    box.cleanup();
  }
});

test('an output holding a NoEcho value reaches the action variables and output file masked (pipeline records and artifacts are not sealed); the stack shows it in clear', async () => {
  const box = sandbox();
  try {
    const secretive = 'Parameters:\n  Password: {Type: String, NoEcho: true}\nResources:\n  T: {Type: AWS::SNS::Topic}\nOutputs:\n  Conn: {Value: !Sub "db://u:${Password}@h"}\n  Topic: {Value: !Ref T}\n';
    gitRepo(box.dir, { 'template.yaml': secretive });
    const name = create(
      box,
      `pipeline:\n  name: secretive\n  stages:\n${localSource()}    - name: Deploy\n      actions:\n${cfnAction(
        'Stack',
        { ActionMode: 'CREATE_UPDATE', StackName: 'secretive', TemplatePath: 'Src::template.yaml', ParameterOverrides: '{"Password": "pipeline-s3cret"}', OutputFileName: 'out.json' },
        '          inputArtifacts: [{ name: Src }]\n          outputArtifacts: [{ name: StackOut }]\n          namespace: StackVars\n',
      )}`,
    );
    const done = await run(box, name);
    assert.equal(done.status, 'Succeeded', done.statusSummary);
    assert.equal(done.namespaces.StackVars.Conn, 'db://u:***@h');
    assert.match(done.namespaces.StackVars.Topic, /^arn:aws:sns:/);
    assert.equal(JSON.parse(new ArtifactStore(box.state).readFile(done.artifacts.StackOut, 'out.json')!.toString()).Conn, 'db://u:***@h');
    // The stack itself shows the output in clear (DescribeStacks), from its sealed record.
    assert.equal(outputsOf(new StackEngine(box.state).describe('secretive'))[0].value, 'db://u:pipeline-s3cret@h');
  } finally {
    box.cleanup();
  }
});
