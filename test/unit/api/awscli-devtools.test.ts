// The AWS CLI v2 (Debian's awscli) against `slipway serve` for CodeBuild, CodeDeploy, CodePipeline
// and CodeCommit, with --endpoint-url and a Slipway-issued key
// (https://docs.aws.amazon.com/cli/latest/reference/codebuild/, …/deploy/, …/codepipeline/, …/codecommit/).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout } from 'node:timers/promises';
import { webRevisionZip } from './helpers';
import { AWS, awsCliEnv, ensureAwsCli, startAwsCli, type AwsCli } from './awscli-env';
import { startEndpoint, type Endpoint } from './endpoint';


/** Between polls (the CLI's own `wait` commands pause 5–15 s; this only spares the CPU). */
const POLL_PAUSE_MS = 200;

let endpoint: Endpoint;
let env: NodeJS.ProcessEnv;
let cli: AwsCli;

before(async () => {
  ensureAwsCli();
  endpoint = await startEndpoint('dev');
  env = awsCliEnv(endpoint, {
    GIT_TERMINAL_PROMPT: '0',
    GIT_AUTHOR_NAME: 'dev',
    GIT_AUTHOR_EMAIL: 'dev@example.com',
    GIT_COMMITTER_NAME: 'dev',
    GIT_COMMITTER_EMAIL: 'dev@example.com',
  });
  cli = await startAwsCli(endpoint, env);
});
after(async () => {
  await cli?.close();
  await endpoint?.close();
});

function run(file: string, args: string[], cwd = endpoint.root): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { env, cwd, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }));
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the CLI's JSON output
async function aws(...args: string[]): Promise<any> {
  const out = await run(cli.file, [...cli.args, '--endpoint-url', endpoint.url, ...args]);
  assert.equal(out.code, 0, `aws ${args.join(' ')}: ${out.stderr}`);
  const text = out.stdout.trim();
  return text.startsWith('{') ? JSON.parse(text) : { text }; // `s3 mb`/`s3 cp` print lines, not JSON
}

/**
 * Re-runs the CLI until `done` holds, as a polling script does, with a short pause between
 * calls as such a script has: back-to-back CLI starts took a core from the work being polled.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function until(args: string[], done: (out: any) => boolean): Promise<any> {
  for (;;) {
    const out = await aws(...args);
    if (done(out)) return out;
    await setTimeout(POLL_PAUSE_MS);
  }
}

test('codebuild create-project, start-build, batch-get-builds polled to SUCCEEDED with phases', async () => {
  const src = path.join(endpoint.root, 'src');
  fs.mkdirSync(src);
  fs.writeFileSync(path.join(src, 'buildspec.yml'), 'version: 0.2\nphases:\n  build:\n    commands:\n      - echo built\n');
  await aws('codebuild', 'create-project', '--name', 'app', '--source', `type=S3,location=${src}`, '--artifacts', 'type=NO_ARTIFACTS', '--environment', 'type=LINUX_CONTAINER,image=aws/codebuild/standard:7.0,computeType=BUILD_GENERAL1_SMALL', '--service-role', 'arn:aws:iam::000000000000:role/b');
  const { build } = await aws('codebuild', 'start-build', '--project-name', 'app');
  assert.equal(build.buildStatus, 'IN_PROGRESS');
  const done = await until(['codebuild', 'batch-get-builds', '--ids', build.id], (out) => out.builds[0].buildComplete);
  assert.equal(done.builds[0].buildStatus, 'SUCCEEDED');
  assert.ok(done.builds[0].phases.some((p: { phaseType: string; phaseStatus: string }) => p.phaseType === 'BUILD' && p.phaseStatus === 'SUCCEEDED'));
});

test('s3 cp of a bundle, deploy register-application-revision, create-deployment, get-deployment polled to Succeeded', async () => {
  const zip = webRevisionZip(endpoint.root, 'web.zip');
  await aws('s3', 'mb', 's3://releases');
  await aws('s3', 'cp', zip, 's3://releases/web.zip');
  await aws('deploy', 'create-application', '--application-name', 'web');
  await aws('deploy', 'register-on-premises-instance', '--instance-name', 'host-1', '--iam-user-arn', 'arn:aws:iam::000000000000:user/host');
  await aws('deploy', 'add-tags-to-on-premises-instances', '--instance-names', 'host-1', '--tags', 'Key=role,Value=web');
  await aws('deploy', 'create-deployment-group', '--application-name', 'web', '--deployment-group-name', 'prod', '--service-role-arn', 'r', '--on-premises-instance-tag-filters', 'Key=role,Value=web,Type=KEY_AND_VALUE');
  await aws('deploy', 'register-application-revision', '--application-name', 'web', '--s3-location', 'bucket=releases,key=web.zip,bundleType=zip');
  const { deploymentId } = await aws('deploy', 'create-deployment', '--application-name', 'web', '--deployment-group-name', 'prod', '--s3-location', 'bucket=releases,key=web.zip,bundleType=zip');
  const done = await until(['deploy', 'get-deployment', '--deployment-id', deploymentId], (out) => !['Created', 'Queued', 'InProgress'].includes(out.deploymentInfo.status));
  assert.equal(done.deploymentInfo.status, 'Succeeded', JSON.stringify(done.deploymentInfo.errorInformation));
});

test('codepipeline create-pipeline, get-pipeline-state, put-approval-result, get-pipeline-execution polled to Succeeded', async () => {
  const repo = path.join(endpoint.root, 'pipe-src');
  fs.mkdirSync(repo);
  for (const args of [['init', '-q', '-b', 'main'], ['commit', '-q', '--allow-empty', '-m', 'first']]) assert.equal((await run('git', args, repo)).code, 0);
  const pipeline = {
    name: 'rel',
    roleArn: 'arn:aws:iam::000000000000:role/p',
    artifactStore: { type: 'S3', location: 'artifacts' },
    stages: [
      { name: 'Source', actions: [{ name: 'Src', actionTypeId: { category: 'Source', owner: 'Custom', provider: 'LocalGit', version: '1' }, configuration: { RepositoryPath: repo, BranchName: 'main' }, outputArtifacts: [{ name: 'Out' }] }] },
      { name: 'Approve', actions: [{ name: 'Gate', actionTypeId: { category: 'Approval', owner: 'AWS', provider: 'Manual', version: '1' } }] },
    ],
  };
  const file = path.join(endpoint.root, 'pipeline.json');
  fs.writeFileSync(file, JSON.stringify({ pipeline }));
  await aws('codepipeline', 'create-pipeline', '--cli-input-json', `file://${file}`);
  // CLI 2.9's model has no V2 execution modes: the execution create-pipeline started is the one approved.
  const pipelineExecutionId = (await aws('codepipeline', 'list-pipeline-executions', '--pipeline-name', 'rel')).pipelineExecutionSummaries[0].pipelineExecutionId;
  const state = await until(['codepipeline', 'get-pipeline-state', '--name', 'rel'], (out) => out.stageStates[1].latestExecution?.pipelineExecutionId === pipelineExecutionId && !!out.stageStates[1].actionStates[0].latestExecution?.token);
  const token = state.stageStates[1].actionStates[0].latestExecution.token;
  await aws('codepipeline', 'put-approval-result', '--pipeline-name', 'rel', '--stage-name', 'Approve', '--action-name', 'Gate', '--result', 'summary=ok,status=Approved', '--token', token);
  const done = await until(['codepipeline', 'get-pipeline-execution', '--pipeline-name', 'rel', '--pipeline-execution-id', pipelineExecutionId], (out) => out.pipelineExecution.status !== 'InProgress');
  assert.equal(done.pipelineExecution.status, 'Succeeded');
  const started = await aws('codepipeline', 'start-pipeline-execution', '--name', 'rel');
  assert.match(started.pipelineExecutionId, /^[0-9a-f-]{36}$/);
});

test('codecommit create-repository, git push over the credential helper, create-pull-request, merge-pull-request-by-fast-forward', async () => {
  const { repositoryMetadata } = await aws('codecommit', 'create-repository', '--repository-name', 'app');
  const url = repositoryMetadata.cloneUrlHttp;
  const work = path.join(endpoint.root, 'work');
  fs.mkdirSync(work);
  const git = async (...args: string[]) => {
    const out = await run('git', args, work);
    assert.equal(out.code, 0, `git ${args.join(' ')}: ${out.stderr}`);
    return out.stdout.trim();
  };
  await git('init', '-q', '-b', 'main');
  await git('config', 'credential.helper', `!${AWS} codecommit credential-helper --ignore-host-check $@`);
  await git('config', 'credential.UseHttpPath', 'true');
  await git('commit', '-q', '--allow-empty', '-m', 'first');
  await git('push', '-q', url, 'main');
  await git('checkout', '-q', '-b', 'feature');
  fs.writeFileSync(path.join(work, 'f.txt'), 'f\n');
  await git('add', '-A');
  await git('commit', '-q', '-m', 'feature');
  await git('push', '-q', url, 'feature');
  const tip = await git('rev-parse', 'HEAD');
  const { pullRequest } = await aws('codecommit', 'create-pull-request', '--title', 'Feature', '--targets', 'repositoryName=app,sourceReference=feature,destinationReference=main');
  const merged = await aws('codecommit', 'merge-pull-request-by-fast-forward', '--pull-request-id', pullRequest.pullRequestId, '--repository-name', 'app', '--source-commit-id', tip);
  assert.equal(merged.pullRequest.pullRequestTargets[0].mergeMetadata.isMerged, true);
  assert.equal((await aws('codecommit', 'get-branch', '--repository-name', 'app', '--branch-name', 'main')).branch.commitId, tip);
});
