import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { InputError } from '../../../runtime/common/errors';
import { loadPipelineFile, parsePipeline } from '../../../runtime/pipelines/model';
import { REPO_ROOT } from './helpers';

const source = `    - name: Source
      actions:
        - name: Src
          actionTypeId: { category: Source, owner: AWS, provider: CodeCommit, version: "1" }
          configuration: { RepositoryName: r, BranchName: main }
          outputArtifacts: [{ name: Out }]
          namespace: SourceVariables
`;

function errorOf(text: string, file = 'p.yaml'): InputError {
  try {
    parsePipeline(file, text);
  } catch (error) {
    assert.ok(error instanceof InputError, `expected InputError, got ${(error as Error).message}`);
    return error;
  }
  assert.fail('expected the declaration to be refused');
}

test('reads the example declaration wrapped as {"pipeline": …} in JSON', () => {
  const p = loadPipelineFile(path.join(REPO_ROOT, 'examples/hello-service/pipeline.json'));
  assert.equal(p.name, 'hello-service');
  assert.equal(p.executionMode, 'QUEUED');
  assert.deepEqual(p.stages.map((s) => s.name), ['Source', 'Build', 'Approve', 'Deploy']);
  assert.equal(p.stages[3].actions[1].runOrder, 2);
  assert.deepEqual(p.variables, [{ name: 'Stage', defaultValue: 'dev', description: 'Environment to release to' }]);
  assert.equal(p.stages[1].actions[0].line, 28);
});

test('reads a bare YAML declaration with defaults (runOrder 1, SUPERSEDED, V1)', () => {
  const p = parsePipeline(
    'p.yaml',
    `name: bare
stages:
${source}    - name: Approve
      actions:
        - name: Ok
          actionTypeId: { category: Approval, owner: AWS, provider: Manual }
          onFailure: {}
`.replace(/^    /gm, '  '),
  );
  assert.equal(p.name, 'bare');
  assert.equal(p.executionMode, 'SUPERSEDED');
  assert.equal(p.pipelineType, 'V1');
  assert.equal(p.stages[1].actions[0].runOrder, 1);
  assert.equal(p.stages[1].actions[0].actionTypeId.version, '1');
});

test('names file and line of an input artifact nothing produces', () => {
  const error = errorOf(`pipeline:
  name: p
  stages:
${source}    - name: Build
      actions:
        - name: B
          actionTypeId: { category: Build, owner: AWS, provider: CodeBuild, version: "1" }
          inputArtifacts: [{ name: Missing }]
`);
  assert.match(error.message, /^p\.yaml:15: input artifact "Missing" of "B" is not the output of an action that runs before it$/);
});

test('an artifact of a lower runOrder in the same stage may be consumed; the same runOrder may not', () => {
  const stage = (order: number) => `pipeline:
  name: p
  stages:
${source}    - name: Build
      actions:
        - name: A
          actionTypeId: { category: Build, owner: AWS, provider: CodeBuild, version: "1" }
          inputArtifacts: [{ name: Out }]
          outputArtifacts: [{ name: Built }]
        - name: B
          actionTypeId: { category: Test, owner: AWS, provider: CodeBuild, version: "1" }
          inputArtifacts: [{ name: Built }]
          runOrder: ${order}
`;
  assert.equal(parsePipeline('p.yaml', stage(2)).stages[1].actions[1].inputArtifacts[0], 'Built');
  assert.match(errorOf(stage(1)).message, /p\.yaml:19: input artifact "Built"/);
});

test('refuses #{ns.Var} of a namespace no earlier action declares, and undeclared pipeline variables', () => {
  const build = (value: string) => `pipeline:
  name: p
  pipelineType: V2
  variables: [{ name: Stage, defaultValue: dev }]
  stages:
${source}    - name: Build
      actions:
        - name: B
          actionTypeId: { category: Build, owner: AWS, provider: CodeBuild, version: "1" }
          configuration: { ProjectName: "${value}" }
`;
  assert.doesNotThrow(() => parsePipeline('p.yaml', build('#{SourceVariables.CommitId}-#{variables.Stage}')));
  assert.match(errorOf(build('#{Nope.CommitId}')).message, /p\.yaml:17: #\{Nope\.CommitId\}: no action that runs before "B" has namespace "Nope"/);
  assert.match(errorOf(build('#{variables.Other}')).message, /the pipeline declares no variable "Other"/);
});

test('structural rules AWS enforces at creation', () => {
  assert.match(errorOf(`name: p\nexecutionMode: FAST\nstages: []\n`).message, /p\.yaml:2: executionMode must be SUPERSEDED, QUEUED or PARALLEL/);
  assert.match(errorOf(`name: p\nexecutionMode: QUEUED\nstages: []\n`).message, /needs pipelineType V2/);
  assert.match(errorOf(`name: p\nstages:\n  - name: S\n    actions: []\n`).message, /p\.yaml:4: stage "S" needs at least one action/);
  assert.match(
    errorOf(`name: p
stages:
  - name: Build
    actions:
      - name: B
        actionTypeId: { category: Build, owner: AWS, provider: CodeBuild }
  - name: Other
    actions:
      - name: C
        actionTypeId: { category: Build, owner: AWS, provider: CodeBuild }
`).message,
    /p\.yaml:5: the first stage may contain only Source actions/,
  );
  assert.match(
    errorOf(`{"name": "p", "stages": [{"name": "S", "actions": [{"name": "A", "actionTypeId": {"category": "Source", "owner": "AWS", "provider": "CodeCommit"}, "runOrder": 0}]}]}`, 'p.json').message,
    /^p\.json:1: runOrder must be a whole number from 1 to 999/,
  );
});

test('ROLLBACK is refused in PARALLEL mode, and a syntax error names its line', () => {
  const error = errorOf(`name: p
pipelineType: V2
executionMode: PARALLEL
stages:
${source.replace(/^    /gm, '  ')}  - name: Deploy
    onFailure: { result: ROLLBACK }
    actions:
      - name: M
        actionTypeId: { category: Approval, owner: AWS, provider: Manual }
`);
  assert.match(error.message, /p\.yaml:13: onFailure ROLLBACK is not available in PARALLEL execution mode/);
  assert.match(errorOf('{"name": "p",\n  "stages": [,]}', 'p.json').message, /^p\.json:2: /);
});
