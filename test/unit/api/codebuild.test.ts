// CodeBuild operations called as the endpoint calls them, checked against the API reference:
// https://docs.aws.amazon.com/codebuild/latest/APIReference/API_Operations.html
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { codebuildService } from '../../../runtime/api/codebuild';
import { resumeBuild } from '../../../runtime/builds/debug-session';
import { BuildStore } from '../../../runtime/builds/records';
import { ParameterStore } from '../../../runtime/common/params';
import { apiSandbox, caller, errorCode, poll } from './helpers';

const BUILDSPEC = `version: 0.2
env:
  exported-variables: [GREETING]
phases:
  build:
    commands:
      - echo "hello $WHO"
      - export GREETING="hi $WHO"
      - mkdir -p reports && printf '<testsuite name="s" tests="2"><testcase classname="a" name="passes"/><testcase classname="a" name="fails"><failure message="boom"/></testcase></testsuite>' > reports/junit.xml
artifacts:
  files: ['**/*']
reports:
  unit:
    files: ['reports/junit.xml']
    file-format: JUNITXML
`;

describe('CodeBuild API (API_Operations)', () => {
  const box = apiSandbox();
  const call = caller(codebuildService, box.ctx);
  const src = path.join(box.root, 'src');
  before(() => {
    fs.mkdirSync(src, { recursive: true });
    fs.writeFileSync(path.join(src, 'buildspec.yml'), BUILDSPEC);
  });
  after(() => box.cleanup());

  const finished = (id: string) =>
    poll(box.store.home, () => call('BatchGetBuilds', { ids: [id] }), (out) => out.builds[0]?.buildComplete === true).then((out) => out.builds[0]);

  it('CreateProject, BatchGetProjects, ListProjects and UpdateProject keep what was set (API_CreateProject)', async () => {
    const created = await call('CreateProject', {
      name: 'app',
      source: { type: 'NO_SOURCE', location: src },
      artifacts: { type: 'NO_ARTIFACTS' },
      environment: { type: 'LINUX_CONTAINER', image: 'aws/codebuild/standard:7.0', computeType: 'BUILD_GENERAL1_SMALL', environmentVariables: [{ name: 'WHO', value: 'project' }] },
      serviceRole: 'arn:aws:iam::000000000000:role/build',
      description: 'the app',
    });
    assert.equal(created.project.arn, 'arn:aws:codebuild:us-east-1:000000000000:project/app');
    assert.equal(typeof created.project.created, 'number', 'JSON protocols carry timestamps as epoch seconds');
    assert.equal(await errorCode(call('CreateProject', { name: 'app', source: { type: 'NO_SOURCE' }, artifacts: { type: 'NO_ARTIFACTS' }, environment: {} })), 'ResourceAlreadyExistsException');
    // A folder source: an absolute location (Slipway's local stand-in for S3/GitHub sources).
    await call('UpdateProject', { name: 'app', source: { type: 'S3', location: src }, description: 'changed' });
    const got = await call('BatchGetProjects', { names: ['app', 'missing'] });
    assert.deepEqual(got.projectsNotFound, ['missing']);
    assert.equal(got.projects[0].description, 'changed');
    assert.equal(got.projects[0].serviceRole, 'arn:aws:iam::000000000000:role/build');
    assert.deepEqual(got.projects[0].environment.environmentVariables, [{ name: 'WHO', value: 'project', type: 'PLAINTEXT' }]);
    assert.deepEqual((await call('ListProjects')).projects, ['app']);
    assert.equal(await errorCode(call('UpdateProject', { name: 'nope' })), 'ResourceNotFoundException');
    assert.equal(await errorCode(call('CreateProject', { name: '../x', source: { type: 'NO_SOURCE' } })), 'InvalidInputException');
  });

  it('StartBuild returns IN_PROGRESS at once; BatchGetBuilds shows phases, exported variables, artifacts and reports (API_Build)', async () => {
    const started = await call('StartBuild', { projectName: 'app', environmentVariablesOverride: [{ name: 'WHO', value: 'override', type: 'PLAINTEXT' }] });
    assert.equal(started.build.buildStatus, 'IN_PROGRESS');
    assert.equal(started.build.buildNumber, 1);
    const build = await finished(started.build.id);
    assert.equal(build.buildStatus, 'SUCCEEDED');
    const phases = build.phases.map((p: { phaseType: string }) => p.phaseType);
    assert.deepEqual(phases, ['SUBMITTED', 'QUEUED', 'PROVISIONING', 'DOWNLOAD_SOURCE', 'INSTALL', 'PRE_BUILD', 'BUILD', 'POST_BUILD', 'UPLOAD_ARTIFACTS', 'FINALIZING', 'COMPLETED']);
    assert.ok(build.phases.slice(0, -1).every((p: { phaseStatus: string; contexts: unknown[] }) => p.phaseStatus === 'SUCCEEDED' && Array.isArray(p.contexts)));
    assert.equal(build.phases.at(-1).phaseStatus, undefined, 'COMPLETED has no status, as in CodeBuild');
    assert.deepEqual(build.exportedEnvironmentVariables, [{ name: 'GREETING', value: 'hi override' }]);
    assert.equal(build.logs.groupName, '/aws/codebuild/app');
    assert.match(build.logs.deepLink, /^file:\/\//);
    assert.match(fs.readFileSync(new URL(build.logs.deepLink), 'utf8'), /hello override/);
    assert.match(build.artifacts.location, /^file:\/\//);
    assert.equal(build.reportArns.length, 1);
    assert.match(build.reportArns[0], /:report\/app-unit:[0-9a-f-]{36}$/);

    const reports = await call('BatchGetReports', { reportArns: [build.reportArns[0], 'arn:aws:codebuild:us-east-1:000000000000:report/x:y'] });
    assert.equal(reports.reports[0].testSummary.total, 2);
    assert.equal(reports.reports[0].testSummary.statusCounts.FAILED, 1);
    assert.equal(reports.reportsNotFound.length, 1);
    const cases = await call('DescribeTestCases', { reportArn: build.reportArns[0], filter: { status: 'FAILED' } });
    assert.deepEqual(cases.testCases.map((c: { name: string }) => c.name), ['fails']);
    assert.deepEqual((await call('ListReportGroups')).reportGroups, ['arn:aws:codebuild:us-east-1:000000000000:report-group/app-unit']);
    assert.equal(await errorCode(call('DescribeTestCases', { reportArn: 'arn:aws:codebuild:us-east-1:000000000000:report/app-unit:00000000-0000-0000-0000-000000000000' })), 'ResourceNotFoundException');
  });

  it('StartBuild takes a buildspec override inline and PARAMETER_STORE variables, masked in the log (API_StartBuild)', async () => {
    new ParameterStore(box.store).putParameter('/app/token', 's3cr3t-value', 'SecureString');
    const started = await call('StartBuild', {
      projectName: 'app',
      buildspecOverride: 'version: 0.2\nphases:\n  build:\n    commands:\n      - echo "token=$TOKEN"\n',
      environmentVariablesOverride: [{ name: 'TOKEN', value: '/app/token', type: 'PARAMETER_STORE' }],
    });
    const build = await finished(started.build.id);
    assert.equal(build.buildStatus, 'SUCCEEDED');
    const log = fs.readFileSync(new URL(build.logs.deepLink), 'utf8');
    assert.match(log, /token=\*\*\*/);
    assert.doesNotMatch(log, /s3cr3t-value/);
    assert.equal(await errorCode(call('StartBuild', { projectName: 'app', buildspecOverride: 'version: 0.2\nphases: [\n' })), 'InvalidInputException');
    assert.equal(await errorCode(call('StartBuild', { projectName: 'ghost' })), 'ResourceNotFoundException');
    assert.equal(await errorCode(call('StartBuild', { projectName: 'app', environmentVariablesOverride: [{ name: 'X', value: 'y', type: 'BOGUS' }] })), 'InvalidInputException');
  });

  it('StartBuild with debugSessionEnabled pauses at codebuild-breakpoint; BatchGetBuilds names the session (API_DebugSession)', async () => {
    const started = await call('StartBuild', { projectName: 'app', debugSessionEnabled: true, buildspecOverride: 'version: 0.2\nphases:\n  build:\n    commands:\n      - codebuild-breakpoint\n      - echo after\n' });
    const paused = await poll(box.store.home, () => call('BatchGetBuilds', { ids: [started.build.id] }), (out) => out.builds[0].buildStatus !== 'IN_PROGRESS' || new BuildStore(box.store).get(out.builds[0].id)?.paused !== undefined);
    assert.equal(paused.builds[0].buildStatus, 'IN_PROGRESS', 'the build paused instead of running past the breakpoint');
    assert.deepEqual(paused.builds[0].debugSession, { sessionEnabled: true, sessionTarget: started.build.id });
    resumeBuild(new BuildStore(box.store), started.build.id);
    assert.equal((await finished(started.build.id)).buildStatus, 'SUCCEEDED');
  });

  it('StopBuild ends a running build STOPPED; ListBuilds and ListBuildsForProject page newest first (API_StopBuild)', async () => {
    const started = await call('StartBuild', { projectName: 'app', buildspecOverride: 'version: 0.2\nphases:\n  build:\n    commands:\n      - sleep 30\n' });
    await poll(box.store.home, () => call('BatchGetBuilds', { ids: [started.build.id] }), (out) => out.builds[0].currentPhase === 'BUILD');
    await call('StopBuild', { id: started.build.id });
    const build = await finished(started.build.id);
    assert.equal(build.buildStatus, 'STOPPED');
    assert.equal(await errorCode(call('StopBuild', { id: 'app:nope' })), 'ResourceNotFoundException');
    const all = await call('ListBuildsForProject', { projectName: 'app' });
    assert.equal(all.ids[0], started.build.id);
    assert.equal((await call('ListBuilds', { sortOrder: 'ASCENDING' })).ids.at(-1), started.build.id);
    assert.equal(await errorCode(call('ListBuilds', { nextToken: 'not-a-token' })), 'InvalidInputException');
    assert.equal(await errorCode(call('ListBuildsForProject', { projectName: 'ghost' })), 'ResourceNotFoundException');
  });

  it('StartBuildBatch runs the batch section; BatchGetBuildBatches shows its build groups (API_StartBuildBatch)', async () => {
    fs.writeFileSync(path.join(src, 'batch.yml'), 'version: 0.2\nbatch:\n  build-list:\n    - identifier: one\n    - identifier: two\nphases:\n  build:\n    commands:\n      - echo $CODEBUILD_BATCH_BUILD_IDENTIFIER\n');
    const started = await call('StartBuildBatch', { projectName: 'app', buildspecOverride: 'batch.yml' });
    assert.equal(started.buildBatch.buildBatchStatus, 'IN_PROGRESS');
    const done = await poll(box.store.home, () => call('BatchGetBuildBatches', { ids: [started.buildBatch.id] }), (out) => out.buildBatches[0].complete === true);
    const batch = done.buildBatches[0];
    assert.equal(batch.buildBatchStatus, 'SUCCEEDED');
    assert.deepEqual(batch.buildGroups.map((g: { identifier: string; currentBuildSummary: { buildStatus: string } }) => [g.identifier, g.currentBuildSummary.buildStatus]), [
      ['one', 'SUCCEEDED'],
      ['two', 'SUCCEEDED'],
    ]);
    assert.deepEqual((await call('ListBuildBatchesForProject', { projectName: 'app' })).ids, [started.buildBatch.id]);
  });

  it('DeleteProject removes the project; its builds stay readable (API_DeleteProject)', async () => {
    await call('DeleteProject', { name: 'app' });
    assert.deepEqual((await call('ListProjects')).projects, []);
    assert.ok((await call('ListBuilds')).ids.length >= 3);
  });
});
