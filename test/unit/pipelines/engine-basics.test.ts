import '../../../runtime/plugins';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { ArtifactStore } from '../../../runtime/pipelines/engine/artifacts';
import { actionOf, command, create, gitRepo, localSource, run, sandbox } from './helpers';

test('variables and artifacts flow across actions; same runOrder runs in parallel, the next waits', async () => {
  const box = sandbox();
  try {
    gitRepo(box.dir, { 'app.txt': 'app\n' });
    const mark = box.dir;
    // A and B each wait for the other to have started: they finish only if they run at the same time.
    const rendezvous = (me: string, peer: string) =>
      `touch ${mark}/${me}-started; i=0; while [ ! -e ${mark}/${peer}-started ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i+1)); done; test -e ${mark}/${peer}-started`;
    const name = create(
      box,
      `pipeline:
  name: flow
  pipelineType: V2
  variables:
    - { name: Greeting, defaultValue: hello }
    - { name: Target, defaultValue: dev }
  stages:
${localSource()}    - name: Build
      actions:
${command('A', `${rendezvous('a', 'b')} && cp app.txt $CODEPIPELINE_OUTPUT_BUILT/ && echo built-#{variables.Greeting} >> $CODEPIPELINE_OUTPUT_BUILT/app.txt && echo Version=v-#{SourceVariables.CommitId} > $CODEPIPELINE_OUTPUT_VARIABLES`, `          inputArtifacts: [{ name: Src }]
          outputArtifacts: [{ name: Built }]
          namespace: BuildVars
`)}${command('B', rendezvous('b', 'a'))}${command('C', `cat app.txt > ${mark}/c-saw && echo "#{BuildVars.Version} #{variables.Target} #{codepipeline.PipelineExecutionId}" >> ${mark}/c-saw`, `          inputArtifacts: [{ name: Built }]
          runOrder: 2
`)}`,
    );
    const execution = await run(box, name, { Target: 'prod' });
    assert.equal(execution.status, 'Succeeded', execution.statusSummary);
    const commit = execution.namespaces.SourceVariables.CommitId;
    assert.match(commit, /^[0-9a-f]{40}$/);
    assert.equal(fs.readFileSync(path.join(mark, 'c-saw'), 'utf8'), `app\nbuilt-hello\nv-${commit} prod ${execution.executionId}\n`);
    assert.deepEqual(execution.namespaces.BuildVars, { Version: `v-${commit}` });
    assert.deepEqual(execution.variables, { Greeting: 'hello', Target: 'prod' });
    assert.deepEqual(execution.sourceRevisions, [{ actionName: 'Source', revisionId: commit, revisionSummary: 'initial commit' }]);
    assert.equal(actionOf(execution, 'Build', 'C').resolvedConfiguration?.Command.includes(`v-${commit} prod`), true);
    assert.ok(Date.parse(actionOf(execution, 'Build', 'C').startTime!) >= Date.parse(actionOf(execution, 'Build', 'A').endTime!), 'runOrder 2 starts after runOrder 1 ended');
    const built = new ArtifactStore(box.state).readFile(execution.artifacts.Built, 'app.txt');
    assert.equal(built?.toString(), 'app\nbuilt-hello\n');
  } finally {
    box.cleanup();
  }
});

test('an unknown pipeline variable at start is refused; a variable without default must be given', async () => {
  const box = sandbox();
  try {
    gitRepo(box.dir, { 'a.txt': 'a' });
    const name = create(
      box,
      `name: needs
pipelineType: V2
variables: [{ name: Region }]
stages:
${localSource().replace(/^  /gm, '')}  - name: Run
    actions:
${command('Echo', 'echo #{variables.Region}').replace(/^  /gm, '')}`,
    );
    await assert.rejects(run(box, name, { Nope: 'x' }), /the pipeline declares no variable "Nope"/);
    await assert.rejects(run(box, name), /variable "Region" has no default value/);
    assert.equal((await run(box, name, { Region: 'eu-west-1' })).status, 'Succeeded');
  } finally {
    box.cleanup();
  }
});

test('a CodeCommit source reads the hosted bare repository and publishes the commit variables', async () => {
  const box = sandbox();
  try {
    gitRepo(box.dir, { 'index.js': 'ok', 'lib/x.js': 'x' }, { bare: path.join(box.home, 'repos', 'app.git') });
    const name = create(
      box,
      `pipeline:
  name: hosted
  stages:
    - name: Source
      actions:
        - name: Src
          actionTypeId: { category: Source, owner: AWS, provider: CodeCommit, version: "1" }
          configuration: { RepositoryName: app, BranchName: main }
          outputArtifacts: [{ name: Code }]
          namespace: SourceVariables
    - name: Check
      actions:
${command('List', `find . -type f | sort > ${box.dir}/listing`, '          inputArtifacts: [{ name: Code }]\n')}`,
    );
    const execution = await run(box, name);
    assert.equal(execution.status, 'Succeeded', execution.statusSummary);
    const vars = execution.namespaces.SourceVariables;
    assert.deepEqual(Object.keys(vars).sort(), ['AuthorDate', 'BranchName', 'CommitId', 'CommitMessage', 'CommitterDate', 'RepositoryName']);
    assert.equal(vars.RepositoryName, 'app');
    assert.equal(vars.BranchName, 'main');
    assert.equal(vars.CommitMessage, 'initial commit');
    assert.ok(!Number.isNaN(Date.parse(vars.AuthorDate)));
    assert.equal(fs.readFileSync(path.join(box.dir, 'listing'), 'utf8'), './index.js\n./lib/x.js\n');
  } finally {
    box.cleanup();
  }
});

test('a missing repository fails the source action with a reason, and the execution fails', async () => {
  const box = sandbox();
  try {
    const name = create(
      box,
      `pipeline:
  name: missing
  stages:
    - name: Source
      actions:
        - name: Src
          actionTypeId: { category: Source, owner: AWS, provider: CodeCommit, version: "1" }
          configuration: { RepositoryName: nowhere, BranchName: main }
          outputArtifacts: [{ name: Code }]
    - name: Next
      actions:
${command('Echo', 'echo', '          inputArtifacts: [{ name: Code }]\n')}`,
    );
    const execution = await run(box, name);
    assert.equal(execution.status, 'Failed');
    assert.match(actionOf(execution, 'Source', 'Src').errorMessage!, /repository nowhere does not exist/);
    assert.equal(execution.stages[1].status, 'NotStarted');
  } finally {
    box.cleanup();
  }
});
