import '../../../runtime/plugins';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { ProjectStore } from '../../../runtime/builds/projects';
import { ParameterStore } from '../../../runtime/common/params';
import { ArtifactStore } from '../../../runtime/pipelines/engine/artifacts';
import { actionOf, create, gitRepo, localSource, run, sandbox } from './helpers';

const buildspec = `version: 0.2
env:
  exported-variables: [GREETING]
phases:
  build:
    commands:
      - echo "commit=$COMMIT token=$TOKEN"
      - test "$TOKEN" = "s3cret-value"
      - export GREETING="hello $COMMIT"
      - mkdir -p out && echo "$COMMIT" > out/commit.txt
artifacts:
  base-directory: out
  files: ['**/*']
`;

test('a CodeBuild action builds the input artifact: env var types, exported variables, output artifact, masked secrets', async () => {
  const box = sandbox();
  try {
    gitRepo(box.dir, { 'buildspec.yml': buildspec });
    new ProjectStore(box.state).create({ name: 'proj', env: {}, cachePaths: [] });
    new ParameterStore(box.state).putParameter('/ci/token', 's3cret-value', 'String');
    const env = JSON.stringify([
      { name: 'COMMIT', value: '#{SourceVariables.CommitId}', type: 'PLAINTEXT' },
      { name: 'TOKEN', value: '/ci/token', type: 'PARAMETER_STORE' },
    ]);
    const name = create(
      box,
      `pipeline:
  name: built
  stages:
${localSource()}    - name: Build
      actions:
        - name: Build
          actionTypeId: { category: Build, owner: AWS, provider: CodeBuild, version: "1" }
          configuration: { ProjectName: proj, EnvironmentVariables: ${JSON.stringify(env)} }
          inputArtifacts: [{ name: Src }]
          outputArtifacts: [{ name: Built }]
          namespace: BuildVariables
`,
    );
    const done = await run(box, name);
    assert.equal(done.status, 'Succeeded', done.statusSummary);
    const commit = done.namespaces.SourceVariables.CommitId;
    assert.deepEqual(done.namespaces.BuildVariables, { GREETING: `hello ${commit}` });
    assert.equal(new ArtifactStore(box.state).readFile(done.artifacts.Built, 'commit.txt')?.toString(), `${commit}\n`);
    const build = actionOf(done, 'Build', 'Build');
    assert.match(build.externalUrl!, /^file:.*build\.log$/);
    const log = fs.readFileSync(fileURLToPath(build.externalUrl!), 'utf8');
    assert.match(log, new RegExp(`commit=${commit}`));
    assert.ok(!log.includes('s3cret-value'), 'the parameter-store value is masked in the build log');
  } finally {
    box.cleanup();
  }
});

test('a failing build fails the action with the phase and reason; an unknown project fails it too', async () => {
  const box = sandbox();
  try {
    gitRepo(box.dir, { 'buildspec.yml': 'version: 0.2\nphases:\n  build:\n    commands:\n      - exit 4\n' });
    new ProjectStore(box.state).create({ name: 'proj', env: {}, cachePaths: [] });
    const action = (project: string) => `        - name: Test-${project}
          actionTypeId: { category: Test, owner: AWS, provider: CodeBuild, version: "1" }
          configuration: { ProjectName: ${project} }
          inputArtifacts: [{ name: Src }]
`;
    const name = create(box, `pipeline:\n  name: failing\n  stages:\n${localSource()}    - name: Test\n      actions:\n${action('proj')}${action('missing')}`);
    const done = await run(box, name);
    assert.equal(done.status, 'Failed');
    assert.match(actionOf(done, 'Test', 'Test-proj').errorMessage!, /build FAILED in BUILD/);
    assert.match(actionOf(done, 'Test', 'Test-missing').errorMessage!, /missing/);
  } finally {
    box.cleanup();
  }
});
