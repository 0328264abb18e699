// CodeBuild, CodeDeploy, CodePipeline and CodeCommit through the AWS SDK for JavaScript v3
// against `slipway serve`: operations, paginators, the CodeDeploy waiter, error names as the
// SDK surfaces them. API references: https://docs.aws.amazon.com/codebuild/latest/APIReference/,
// https://docs.aws.amazon.com/codedeploy/latest/APIReference/, https://docs.aws.amazon.com/codepipeline/latest/APIReference/,
// https://docs.aws.amazon.com/codecommit/latest/APIReference/.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { BatchGetBuildsCommand, CodeBuildClient, CreateProjectCommand, StartBuildCommand, paginateListBuilds } from '@aws-sdk/client-codebuild';
import { CodeCommitClient, CreatePullRequestCommand, CreateRepositoryCommand, GetBranchCommand, GetRepositoryCommand, MergePullRequestByFastForwardCommand, paginateListRepositories } from '@aws-sdk/client-codecommit';
import {
  CodeDeployClient,
  CreateApplicationCommand,
  CreateDeploymentCommand,
  CreateDeploymentGroupCommand,
  GetDeploymentCommand,
  RegisterOnPremisesInstanceCommand,
  AddTagsToOnPremisesInstancesCommand,
  BatchGetDeploymentTargetsCommand,
  waitUntilDeploymentSuccessful,
} from '@aws-sdk/client-codedeploy';
import { CodePipelineClient, CreatePipelineCommand, GetPipelineExecutionCommand, GetPipelineStateCommand, PutApprovalResultCommand, paginateListPipelineExecutions } from '@aws-sdk/client-codepipeline';
import { BucketStore } from '../../../runtime/buckets/objects';
import { webRevisionZip } from './helpers';
import { startEndpoint, type Endpoint } from './endpoint';

let endpoint: Endpoint;
before(async () => {
  endpoint = await startEndpoint('alice');
});
after(() => endpoint.close());

async function rejects(promise: Promise<unknown>, name: string): Promise<void> {
  try {
    await promise;
  } catch (error) {
    assert.equal((error as Error).name, name, (error as Error).message);
    return;
  }
  assert.fail(`expected ${name}`);
}

/** Re-asks until `done` holds; every ask is a real request, as a polling script makes. */
async function until<T>(ask: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await ask();
    if (done(value)) return value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

test('CodeBuild: CreateProject, StartBuild, BatchGetBuilds to SUCCEEDED with phases, ListBuilds paginator, errors', async () => {
  const codebuild = new CodeBuildClient(endpoint.client);
  const src = path.join(endpoint.root, 'src');
  fs.mkdirSync(src, { recursive: true });
  fs.writeFileSync(path.join(src, 'buildspec.yml'), 'version: 0.2\nenv:\n  exported-variables: [V]\nphases:\n  build:\n    commands:\n      - export V=done\n');
  const created = await codebuild.send(new CreateProjectCommand({ name: 'app', source: { type: 'S3', location: src }, artifacts: { type: 'NO_ARTIFACTS' }, environment: { type: 'LINUX_CONTAINER', image: 'aws/codebuild/standard:7.0', computeType: 'BUILD_GENERAL1_SMALL' }, serviceRole: 'r' }));
  assert.ok(created.project?.created instanceof Date, 'epoch seconds decode as Dates');
  const { build } = await codebuild.send(new StartBuildCommand({ projectName: 'app' }));
  assert.equal(build?.buildStatus, 'IN_PROGRESS');
  const done = await until(() => codebuild.send(new BatchGetBuildsCommand({ ids: [build!.id!] })), (out) => !!out.builds?.[0]?.buildComplete);
  const finished = done.builds![0];
  assert.equal(finished.buildStatus, 'SUCCEEDED');
  assert.ok(finished.phases!.some((p) => p.phaseType === 'BUILD' && p.phaseStatus === 'SUCCEEDED'));
  assert.deepEqual(finished.exportedEnvironmentVariables, [{ name: 'V', value: 'done' }]);
  const ids: string[] = [];
  for await (const page of paginateListBuilds({ client: codebuild }, {})) ids.push(...(page.ids ?? []));
  assert.deepEqual(ids, [build!.id]);
  await rejects(codebuild.send(new StartBuildCommand({ projectName: 'ghost' })), 'ResourceNotFoundException');
  await rejects(codebuild.send(new CreateProjectCommand({ name: 'app', source: { type: 'NO_SOURCE' }, artifacts: { type: 'NO_ARTIFACTS' }, environment: { type: 'LINUX_CONTAINER', image: 'i', computeType: 'BUILD_GENERAL1_SMALL' }, serviceRole: 'r' })), 'ResourceAlreadyExistsException');
});

test('CodeDeploy: on-premises instances by tag, an S3 revision, CreateDeployment and the deployment-successful waiter', async () => {
  const codedeploy = new CodeDeployClient(endpoint.client);
  const zip = webRevisionZip(endpoint.root, 'rev.zip');
  const buckets = new BucketStore(endpoint.store);
  buckets.createBucket('releases');
  buckets.put('releases', 'web/rev.zip', fs.readFileSync(zip));

  await codedeploy.send(new CreateApplicationCommand({ applicationName: 'web' }));
  await codedeploy.send(new RegisterOnPremisesInstanceCommand({ instanceName: 'host-1', iamUserArn: 'arn:aws:iam::000000000000:user/host' }));
  await codedeploy.send(new AddTagsToOnPremisesInstancesCommand({ instanceNames: ['host-1'], tags: [{ Key: 'role', Value: 'web' }] }));
  await codedeploy.send(new CreateDeploymentGroupCommand({ applicationName: 'web', deploymentGroupName: 'prod', serviceRoleArn: 'r', onPremisesInstanceTagFilters: [{ Key: 'role', Value: 'web', Type: 'KEY_AND_VALUE' }] }));
  const { deploymentId } = await codedeploy.send(new CreateDeploymentCommand({ applicationName: 'web', deploymentGroupName: 'prod', revision: { revisionType: 'S3', s3Location: { bucket: 'releases', key: 'web/rev.zip', bundleType: 'zip' } } }));
  const waited = await waitUntilDeploymentSuccessful({ client: codedeploy, maxWaitTime: 120, minDelay: 1, maxDelay: 1 }, { deploymentId });
  assert.equal(waited.state, 'SUCCESS');
  const info = (await codedeploy.send(new GetDeploymentCommand({ deploymentId }))).deploymentInfo!;
  assert.equal(info.status, 'Succeeded');
  assert.ok(info.createTime instanceof Date);
  const targets = await codedeploy.send(new BatchGetDeploymentTargetsCommand({ deploymentId, targetIds: ['host-1'] }));
  assert.ok(targets.deploymentTargets![0].instanceTarget!.lifecycleEvents!.some((e) => e.lifecycleEventName === 'Install' && e.status === 'Succeeded'));
  await rejects(codedeploy.send(new GetDeploymentCommand({ deploymentId: 'd-NOPE00000' })), 'DeploymentDoesNotExistException');
  await rejects(codedeploy.send(new CreateApplicationCommand({ applicationName: 'web' })), 'ApplicationAlreadyExistsException');
});

test('CodePipeline: CreatePipeline, GetPipelineState token, PutApprovalResult, GetPipelineExecution to Succeeded, paginator', async () => {
  const codepipeline = new CodePipelineClient(endpoint.client);
  const repo = path.join(endpoint.root, 'pipe-src');
  fs.mkdirSync(repo);
  const git = (...args: string[]) => spawnSync('git', args, { cwd: repo, env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@x' } });
  git('init', '-q', '-b', 'main');
  fs.writeFileSync(path.join(repo, 'a.txt'), 'a');
  git('add', '-A');
  git('commit', '-qm', 'a');
  await codepipeline.send(
    new CreatePipelineCommand({
      pipeline: {
        name: 'rel',
        roleArn: 'arn:aws:iam::000000000000:role/p',
        artifactStore: { type: 'S3', location: 'a' },
        stages: [
          { name: 'Source', actions: [{ name: 'Src', actionTypeId: { category: 'Source', owner: 'Custom', provider: 'LocalGit', version: '1' }, configuration: { RepositoryPath: repo, BranchName: 'main' }, outputArtifacts: [{ name: 'Out' }] }] },
          { name: 'Approve', actions: [{ name: 'Gate', actionTypeId: { category: 'Approval', owner: 'AWS', provider: 'Manual', version: '1' } }] },
        ],
      },
    }),
  );
  const state = await until(() => codepipeline.send(new GetPipelineStateCommand({ name: 'rel' })), (out) => !!out.stageStates?.[1]?.actionStates?.[0]?.latestExecution?.token);
  const gate = state.stageStates![1].actionStates![0].latestExecution!;
  await rejects(codepipeline.send(new PutApprovalResultCommand({ pipelineName: 'rel', stageName: 'Approve', actionName: 'Gate', result: { status: 'Approved', summary: 'ok' }, token: 'wrong' })), 'InvalidApprovalTokenException');
  const approved = await codepipeline.send(new PutApprovalResultCommand({ pipelineName: 'rel', stageName: 'Approve', actionName: 'Gate', result: { status: 'Approved', summary: 'ok' }, token: gate.token }));
  assert.ok(approved.approvedAt instanceof Date);
  const executionId = state.stageStates![1].latestExecution!.pipelineExecutionId!;
  const done = await until(() => codepipeline.send(new GetPipelineExecutionCommand({ pipelineName: 'rel', pipelineExecutionId: executionId })), (out) => out.pipelineExecution?.status !== 'InProgress');
  assert.equal(done.pipelineExecution!.status, 'Succeeded');
  const summaries = [];
  for await (const page of paginateListPipelineExecutions({ client: codepipeline }, { pipelineName: 'rel', maxResults: 1 })) summaries.push(...(page.pipelineExecutionSummaries ?? []));
  assert.equal(summaries.length, 1);
  await rejects(codepipeline.send(new GetPipelineStateCommand({ name: 'ghost' })), 'PipelineNotFoundException');
});

test('CodeCommit: CreateRepository, git push over the AWS CLI credential helper, CreatePullRequest, MergePullRequestByFastForward', async () => {
  const codecommit = new CodeCommitClient(endpoint.client);
  const meta = (await codecommit.send(new CreateRepositoryCommand({ repositoryName: 'app' }))).repositoryMetadata!;
  assert.equal(meta.cloneUrlHttp, `${endpoint.url}/app.git`);
  const work = path.join(endpoint.root, 'work');
  const aws = fs.existsSync('/usr/bin/aws') ? '/usr/bin/aws' : 'aws';
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_ACCESS_KEY_ID: endpoint.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: endpoint.credentials.secretAccessKey,
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    GIT_AUTHOR_NAME: 't',
    GIT_AUTHOR_EMAIL: 't@x',
    GIT_COMMITTER_NAME: 't',
    GIT_COMMITTER_EMAIL: 't@x',
  };
  const git = async (...args: string[]) => {
    // Asynchronously: this process serves the requests git makes.
    const { execFile } = await import('node:child_process');
    return new Promise<string>((resolve, reject) => execFile('git', args, { cwd: work, env }, (error, stdout, stderr) => (error ? reject(new Error(`git ${args.join(' ')}: ${stderr}`)) : resolve(stdout))));
  };
  fs.mkdirSync(work);
  await git('init', '-q', '-b', 'main');
  // As the CodeCommit user guide sets it up (plus --ignore-host-check: the host is not an AWS one).
  await git('config', 'credential.helper', `!${aws} codecommit credential-helper --ignore-host-check $@`);
  await git('config', 'credential.UseHttpPath', 'true');
  fs.writeFileSync(path.join(work, 'a.txt'), 'a\n');
  await git('add', '-A');
  await git('commit', '-qm', 'first');
  await git('push', '-q', meta.cloneUrlHttp!, 'main');
  await git('checkout', '-q', '-b', 'feature');
  fs.writeFileSync(path.join(work, 'b.txt'), 'b\n');
  await git('add', '-A');
  await git('commit', '-qm', 'feature');
  await git('push', '-q', meta.cloneUrlHttp!, 'feature');
  const tip = (await git('rev-parse', 'HEAD')).trim();

  const pr = (await codecommit.send(new CreatePullRequestCommand({ title: 'Feature', targets: [{ repositoryName: 'app', sourceReference: 'feature', destinationReference: 'main' }] }))).pullRequest!;
  assert.equal(pr.authorArn, 'arn:aws:iam::000000000000:user/alice');
  const merged = (await codecommit.send(new MergePullRequestByFastForwardCommand({ pullRequestId: pr.pullRequestId, repositoryName: 'app', sourceCommitId: tip }))).pullRequest!;
  assert.equal(merged.pullRequestTargets![0].mergeMetadata!.isMerged, true);
  assert.equal((await codecommit.send(new GetBranchCommand({ repositoryName: 'app', branchName: 'main' }))).branch!.commitId, tip);
  const names: string[] = [];
  for await (const page of paginateListRepositories({ client: codecommit }, {})) names.push(...(page.repositories ?? []).map((r) => r.repositoryName!));
  assert.deepEqual(names, ['app']);
  await rejects(codecommit.send(new GetRepositoryCommand({ repositoryName: 'ghost' })), 'RepositoryDoesNotExistException');
  // A wrong secret signs a password the endpoint refuses.
  env.AWS_SECRET_ACCESS_KEY = 'wrong-secret';
  await assert.rejects(git('ls-remote', meta.cloneUrlHttp!), /Authentication failed|401|could not read/);
});
