// Scenario tests of CodePipeline behaviours, each named after the AWS page it follows (one sandbox for the file).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { checkRunnable, parsePipeline, setTransition, runUntilRest, startExecution } from '../../../runtime/pipelines';
import { actionOf, command, create, gitRepo, localSource, run, sandbox } from './helpers';

const box = sandbox();
after(() => box.cleanup());
gitRepo(box.dir, { 'a.txt': 'a' });

test('CodePipeline reference-variables: an action\'s output variables reach later actions through its namespace (#{SourceVariables.CommitId})', async () => {
  const out = path.join(box.dir, 'commit.txt');
  const name = create(box, `pipeline:\n  name: vars\n  stages:\n${localSource()}    - name: Use\n      actions:\n${command('Use', `echo #{SourceVariables.CommitId} > ${out}`)}`);
  const done = await run(box, name);
  assert.equal(done.status, 'Succeeded');
  assert.equal(fs.readFileSync(out, 'utf8').trim(), actionOf(done, 'Source', 'Source').outputVariables?.CommitId);
  assert.match(fs.readFileSync(out, 'utf8').trim(), /^[0-9a-f]{40}$/);
});

test('CodePipeline pipeline-variables: a pipeline-level variable takes its default, and a value given at start overrides it', async () => {
  const out = path.join(box.dir, 'who.txt');
  const name = create(box, `pipeline:\n  name: levels\n  pipelineType: V2\n  variables: [{ name: Who, defaultValue: world }]\n  stages:\n${localSource()}    - name: Say\n      actions:\n${command('Say', `echo #{variables.Who} >> ${out}`)}`);
  assert.equal((await run(box, name)).status, 'Succeeded');
  assert.equal((await run(box, name, { Who: 'team' })).status, 'Succeeded');
  assert.deepEqual(fs.readFileSync(out, 'utf8').trim().split('\n'), ['world', 'team']);
});

test('CodePipeline action-requirements runOrder: an action with a higher runOrder starts after the lower ones have finished', async () => {
  const marker = path.join(box.dir, 'first-done');
  const name = create(box, `pipeline:\n  name: order\n  stages:\n${localSource()}    - name: Steps\n      actions:\n${command('Second', `test -e ${marker}`, '          runOrder: 2\n')}${command('First', `touch ${marker}`, '          runOrder: 1\n')}`);
  const done = await run(box, name);
  assert.equal(done.status, 'Succeeded');
  assert.equal(actionOf(done, 'Steps', 'Second').status, 'Succeeded');
});

test('CodePipeline concepts (stage failure): a failed action fails its stage and the execution; later stages do not run', async () => {
  const name = create(box, `pipeline:\n  name: fails\n  stages:\n${localSource()}    - name: Build\n      actions:\n${command('Broken', 'exit 4')}    - name: Deploy\n      actions:\n${command('Deploy', 'true')}`);
  const done = await run(box, name);
  assert.equal(done.status, 'Failed');
  assert.equal(done.stages.find((s) => s.name === 'Build')?.status, 'Failed');
  assert.equal(actionOf(done, 'Deploy', 'Deploy').status, 'NotStarted');
});

test('CodePipeline transitions: a disabled inbound transition holds the execution before the stage; enabling it lets the execution carry on', async () => {
  const out = path.join(box.dir, 'gated.txt');
  const name = create(box, `pipeline:\n  name: gated\n  stages:\n${localSource()}    - name: Release\n      actions:\n${command('Release', `touch ${out}`)}`);
  await run(box, name);
  fs.rmSync(out);
  setTransition(box.state, name, 'Release', false, 'freeze');
  const execution = startExecution(box.state, name);
  const held = (await runUntilRest(box.state, name, execution.executionId))!;
  assert.equal(held.status, 'InProgress');
  assert.ok(!fs.existsSync(out), 'the Release stage did not run');
  setTransition(box.state, name, 'Release', true);
  const done = (await runUntilRest(box.state, name, execution.executionId))!;
  assert.equal(done.status, 'Succeeded');
  assert.ok(fs.existsSync(out));
});

test('CodePipeline reference-pipeline-structure: two stages at least, Source actions only and all in the first stage, unique stage and action names, inputs produced earlier, valid names', () => {
  const source = `    - name: Source\n      actions:\n        - name: Source\n          actionTypeId: { category: Source, owner: Custom, provider: LocalGit, version: "1" }\n          configuration: { RepositoryPath: r, BranchName: main }\n          outputArtifacts: [{ name: Src }]\n`;
  const stage = (name: string, actions: string) => `    - name: ${name}\n      actions:\n${actions}`;
  const refused = (stages: string, message: RegExp, name = 'p') => {
    const file = path.join(box.dir, 'structure.yaml');
    assert.throws(() => checkRunnable(parsePipeline(file, `pipeline:\n  name: ${name}\n  stages:\n${stages}`), file), message);
  };
  refused(source, /a pipeline needs at least two stages/);
  refused(source + stage('Later', source.split('\n').slice(2).join('\n')), /Source action "Source" must be in the first stage/);
  refused(stage('A', command('X', 'true')) + stage('B', command('Y', 'true')), /the first stage may contain only Source actions/);
  refused(source + stage('B', command('X', 'true') + command('X', 'true')), /action "X" is declared twice in stage "B"/);
  refused(source + stage('B', command('X', 'true')) + stage('B', command('Y', 'true')), /stage "B" is declared twice/);
  refused(source + stage('B', command('X', 'true', '          inputArtifacts: [{ name: Nope }]\n')), /input artifact "Nope" of "X" is not the output of an action that runs before it/);
  refused(source + stage('B', command('X', 'true')), /pipeline name "p p" is not valid/, '"p p"');
});
