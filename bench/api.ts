// Figures for `slipway serve`'s AWS endpoint: 100 stacks created through CloudFormation's API,
// StartBuild → IN_PROGRESS seen through BatchGetBuilds (20 builds, one at a time), 1,000 more
// builds recorded, a project, a repository, a pipeline waiting at its approval, a finished
// deployment, a secret and an object; then for each Describe-style call, 200 sequential
// signed requests from one SDK client (p50/p99 as the SDK sees them, and inside the server)
// and 1,000 from 10 concurrent SDK clients (p50/p99, throughput, and CPU per request of the
// server and of the clients: the figure least sensitive to other load on the machine); the
// serving process's memory with 100 stacks and 1,000 builds. The server runs in its own
// process so its memory and CPU are its own.
// Prints numbers; asserts nothing. Run: node bench/bundled.mjs bench/api.ts
// (BENCH_STACKS=N fewer stacks, BENCH_ONLY=REGEX some calls, BENCH_CPU_PROF=DIR profiles the server).
// A second attempt is allowed only for a kept-alive connection the server closed as it was reused.
// Measured 2026-12-02 (2 cores at load 7–9 from other work, median of 3 runs, before → after the
// record cache, one-pass XML and git-free GetRepository): server CPU per request DescribeStacks
// 2.0 → 1.5 ms, GetParameter 1.5 → 0.8, GetRepository 18 → 1.3, the others 0.9–1.5 → 0.5–1.2;
// in-server p50 1.0–2.9 → 0.4–1.8 ms; the SDK client's own CPU is 0.8–2.5 ms per call.
import '../runtime/plugins';
import { fork, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CloudFormationClient, CreateStackCommand, DescribeStackEventsCommand, DescribeStackResourceCommand, DescribeStackResourcesCommand, DescribeStacksCommand, GetTemplateCommand, waitUntilStackCreateComplete } from '@aws-sdk/client-cloudformation';
import { BatchGetBuildsCommand, BatchGetProjectsCommand, CodeBuildClient, CreateProjectCommand, ListBuildsCommand, StartBuildCommand } from '@aws-sdk/client-codebuild';
import { CodeCommitClient, CreateRepositoryCommand, GetRepositoryCommand } from '@aws-sdk/client-codecommit';
import { AddTagsToOnPremisesInstancesCommand, CodeDeployClient, CreateApplicationCommand, CreateDeploymentCommand, CreateDeploymentGroupCommand, GetDeploymentCommand, GetDeploymentGroupCommand, RegisterOnPremisesInstanceCommand, waitUntilDeploymentSuccessful } from '@aws-sdk/client-codedeploy';
import { CodePipelineClient, CreatePipelineCommand, GetPipelineExecutionCommand, GetPipelineStateCommand, ListPipelineExecutionsCommand } from '@aws-sdk/client-codepipeline';
import { CreateBucketCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateSecretCommand, DescribeSecretCommand, GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { createAccessKey } from '../runtime/api/access-keys';
import { createEndpoint } from '../runtime/api/server';
import { BuildStore, type BuildRecord } from '../runtime/builds/records';
import { zipFolder } from '../runtime/builds/zip';
import { CHANGE_SETTLE_MS } from '../runtime/common/record-cache';
import { StateStore } from '../runtime/common/state';
import { listen } from '../runtime/repos/http';

const STACKS = Number(process.env.BENCH_STACKS ?? 100);
const REQUESTS = 1000;
const CLIENTS = 10;
const BUILDS = 1000;

const TEMPLATE = `
Parameters:
  Name: {Type: String}
Resources:
  Param:
    Type: AWS::SSM::Parameter
    Properties: {Type: String, Value: !Ref Name}
  Topic:
    Type: AWS::SNS::Topic
    Properties: {DisplayName: !Sub '\${AWS::StackName}-topic'}
  Queue:
    Type: AWS::SQS::Queue
Outputs:
  Param: {Value: !Ref Param}
`;

async function serve(): Promise<void> {
  const store = new StateStore(process.env.SLIPWAY_HOME!);
  const server = createEndpoint(store);
  // Each request's time in the server, from its headers to the last byte handed to the socket.
  let handled: number[] = [];
  server.prependListener('request', (_req, res) => {
    const start = performance.now();
    res.on('finish', () => handled.push(performance.now() - start));
  });
  const url = await listen(server, '127.0.0.1', 0);
  process.send!({ url });
  process.on('message', (message: { memory?: boolean; exit?: boolean; cpu?: boolean }) => {
    // Exiting (not a signal) lets --cpu-prof write its profile.
    if (message.exit) process.exit(0);
    if (message.cpu) {
      const usage = process.cpuUsage();
      const times = handled.sort((a, b) => a - b);
      handled = [];
      return void process.send!({ cpuMicros: usage.user + usage.system, records: { ...store.records.stats, ...store.records.size }, handled: times });
    }
    if (!message.memory) return;
    global.gc?.();
    const usage = process.memoryUsage();
    process.send!({ rss: usage.rss, heapUsed: usage.heapUsed });
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-bench-api-'));
  // Repositories' hooks and pipeline drivers run the CLI: the built one (bundled.mjs runs the bench from the repository's root).
  const cli = JSON.stringify([process.execPath, path.resolve('dist', 'cli.js')]);
  const env = { ...process.env, SLIPWAY_HOME: path.join(root, 'home'), SLIPWAY_KMS_KEY_FILE: path.join(root, 'kms.key'), SLIPWAY_CLI: process.env.SLIPWAY_CLI ?? cli };
  process.env.SLIPWAY_HOME = env.SLIPWAY_HOME;
  process.env.SLIPWAY_KMS_KEY_FILE = env.SLIPWAY_KMS_KEY_FILE;
  const key = createAccessKey(new StateStore(env.SLIPWAY_HOME), 'bench').AccessKey;
  const child = fork(__filename, ['--serve'], { env, execArgv: ['--require', 'tsx/cjs', '--expose-gc', ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [])] });
  const next = <T>() => new Promise<T>((resolve) => child.once('message', (m) => resolve(m as T)));
  const { url } = await next<{ url: string }>();
  const config = { endpoint: url, region: 'us-east-1', credentials: { accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey }, maxAttempts: 2 };
  const memory = async () => {
    child.send({ memory: true });
    return next<{ rss: number; heapUsed: number }>();
  };
  try {
    const idle = await memory();
    const cfn = new CloudFormationClient(config);
    let started = performance.now();
    for (let i = 0; i < STACKS; i += CLIENTS) {
      await Promise.all(
        Array.from({ length: Math.min(CLIENTS, STACKS - i) }, async (_, j) => {
          const name = `bench-${i + j}`;
          await cfn.send(new CreateStackCommand({ StackName: name, TemplateBody: TEMPLATE, Parameters: [{ ParameterKey: 'Name', ParameterValue: name }] }));
          await waitUntilStackCreateComplete({ client: cfn, maxWaitTime: 120, minDelay: 1, maxDelay: 1 }, { StackName: name });
        }),
      );
    }
    const createSeconds = (performance.now() - started) / 1000;
    const withStacks = await memory();
    await new SSMClient(config).send(new PutParameterCommand({ Name: '/bench/value', Value: 'v', Type: 'SecureString' }));

    // StartBuild, then BatchGetBuilds until the build shows IN_PROGRESS: how soon a caller sees it run.
    const codebuild = new CodeBuildClient(config);
    const src = path.join(root, 'src');
    fs.mkdirSync(src, { recursive: true });
    fs.writeFileSync(path.join(src, 'buildspec.yml'), 'version: 0.2\nphases:\n  build:\n    commands:\n      - echo built\n');
    await codebuild.send(new CreateProjectCommand({ name: 'bench', source: { type: 'S3', location: src }, artifacts: { type: 'NO_ARTIFACTS' }, environment: { type: 'LINUX_CONTAINER', image: 'aws/codebuild/standard:7.0', computeType: 'BUILD_GENERAL1_SMALL' }, serviceRole: 'arn:aws:iam::000000000000:role/bench' }));
    const visible: number[] = [];
    let buildId = '';
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      buildId = (await codebuild.send(new StartBuildCommand({ projectName: 'bench' }))).build!.id!;
      // A build that finished between two polls was visible too (polling only for IN_PROGRESS would spin forever).
      for (;;) {
        const seen = (await codebuild.send(new BatchGetBuildsCommand({ ids: [buildId] }))).builds?.[0];
        if (seen?.buildStatus === 'IN_PROGRESS' || seen?.buildComplete) break;
      }
      visible.push(performance.now() - t);
      // One at a time: the figure is the latency of one start, not of a queue.
      while (!(await codebuild.send(new BatchGetBuildsCommand({ ids: [buildId] }))).builds?.[0]?.buildComplete) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    visible.sort((a, b) => a - b);
    // A busy account's history: copies of a finished record, then listed once so the server has read them.
    const builds = new BuildStore(new StateStore(env.SLIPWAY_HOME));
    const finished = builds.get(buildId) as BuildRecord;
    for (let i = 0; i < BUILDS; i++) builds.save({ ...finished, id: `bench:00000000-0000-0000-0000-${String(i).padStart(12, '0')}`, number: 100 + i });
    let listed = 0;
    for (let token: string | undefined, first = true; first || token; first = false) {
      const page = await codebuild.send(new ListBuildsCommand({ nextToken: token }));
      listed += page.ids?.length ?? 0;
      token = page.nextToken;
    }
    const withBuilds = await memory();

    // The other services' describe-style reads: a project, a repository, a pipeline waiting at
    // its approval, a finished deployment, a secret, an object.
    await codebuild.send(new BatchGetProjectsCommand({ names: ['bench'] }));
    await new CodeCommitClient({ ...config, maxAttempts: 1 }).send(new CreateRepositoryCommand({ repositoryName: 'bench' }));
    const gitSource = path.join(root, 'pipe-src');
    fs.mkdirSync(gitSource);
    const git = (...args: string[]) => spawnSync('git', args, { cwd: gitSource, env: { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@x', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@x' } });
    git('init', '-q', '-b', 'main');
    fs.writeFileSync(path.join(gitSource, 'a.txt'), 'a');
    git('add', '-A');
    git('commit', '-qm', 'a');
    const codepipeline = new CodePipelineClient(config);
    await codepipeline.send(
      new CreatePipelineCommand({
        pipeline: {
          name: 'bench',
          roleArn: 'arn:aws:iam::000000000000:role/bench',
          artifactStore: { type: 'S3', location: 'bench' },
          stages: [
            { name: 'Source', actions: [{ name: 'Src', actionTypeId: { category: 'Source', owner: 'Custom', provider: 'LocalGit', version: '1' }, configuration: { RepositoryPath: gitSource, BranchName: 'main' }, outputArtifacts: [{ name: 'Out' }] }] },
            { name: 'Approve', actions: [{ name: 'Gate', actionTypeId: { category: 'Approval', owner: 'AWS', provider: 'Manual', version: '1' } }] },
          ],
        },
      }),
    );
    let executionId: string | undefined;
    for (let tries = 0; !executionId; tries++) {
      if (tries > 1000) throw new Error('CreatePipeline started no execution');
      executionId = (await codepipeline.send(new ListPipelineExecutionsCommand({ pipelineName: 'bench' }))).pipelineExecutionSummaries?.[0]?.pipelineExecutionId;
    }
    const revision = path.join(root, 'rev');
    fs.mkdirSync(path.join(revision, 'app'), { recursive: true });
    fs.writeFileSync(path.join(revision, 'appspec.yml'), 'version: 0.0\nos: linux\nfiles:\n  - source: app\n    destination: /srv/app\n');
    fs.writeFileSync(path.join(revision, 'app', 'index.html'), 'v1\n');
    zipFolder(revision, path.join(root, 'rev.zip'));
    const s3 = new S3Client({ ...config, forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: 'releases' }));
    await s3.send(new PutObjectCommand({ Bucket: 'releases', Key: 'web/rev.zip', Body: fs.readFileSync(path.join(root, 'rev.zip')) }));
    const codedeploy = new CodeDeployClient(config);
    await codedeploy.send(new CreateApplicationCommand({ applicationName: 'web' }));
    await codedeploy.send(new RegisterOnPremisesInstanceCommand({ instanceName: 'host-1', iamUserArn: 'arn:aws:iam::000000000000:user/host' }));
    await codedeploy.send(new AddTagsToOnPremisesInstancesCommand({ instanceNames: ['host-1'], tags: [{ Key: 'role', Value: 'web' }] }));
    await codedeploy.send(new CreateDeploymentGroupCommand({ applicationName: 'web', deploymentGroupName: 'prod', serviceRoleArn: 'arn:aws:iam::000000000000:role/bench', onPremisesInstanceTagFilters: [{ Key: 'role', Value: 'web', Type: 'KEY_AND_VALUE' }] }));
    const { deploymentId } = await codedeploy.send(new CreateDeploymentCommand({ applicationName: 'web', deploymentGroupName: 'prod', revision: { revisionType: 'S3', s3Location: { bucket: 'releases', key: 'web/rev.zip', bundleType: 'zip' } } }));
    await waitUntilDeploymentSuccessful({ client: codedeploy, maxWaitTime: 120, minDelay: 1, maxDelay: 1 }, { deploymentId: deploymentId! });
    await new SecretsManagerClient(config).send(new CreateSecretCommand({ Name: 'bench/secret', SecretString: 's3cr3t' }));
    // Describe-style reads are measured on records at rest, as a poller finds them (record-cache.ts keeps only those).
    await new Promise((resolve) => setTimeout(resolve, CHANGE_SETTLE_MS));

    const clients = Array.from({ length: CLIENTS }, () => ({
      cfn: new CloudFormationClient(config),
      ssm: new SSMClient(config),
      codebuild: new CodeBuildClient(config),
      codecommit: new CodeCommitClient(config),
      codepipeline: new CodePipelineClient(config),
      codedeploy: new CodeDeployClient(config),
      secrets: new SecretsManagerClient(config),
      s3: new S3Client({ ...config, forcePathStyle: true }),
      sts: new STSClient(config),
    }));
    type Clients = (typeof clients)[number];
    const kinds: { name: string; send: (c: Clients, i: number) => Promise<unknown> }[] = [
      { name: 'CloudFormation DescribeStacks (one stack)', send: (c, i) => c.cfn.send(new DescribeStacksCommand({ StackName: `bench-${i % STACKS}` })) },
      { name: 'CloudFormation DescribeStackEvents', send: (c, i) => c.cfn.send(new DescribeStackEventsCommand({ StackName: `bench-${i % STACKS}` })) },
      { name: 'CloudFormation DescribeStackResources', send: (c, i) => c.cfn.send(new DescribeStackResourcesCommand({ StackName: `bench-${i % STACKS}` })) },
      { name: 'CloudFormation DescribeStackResource', send: (c, i) => c.cfn.send(new DescribeStackResourceCommand({ StackName: `bench-${i % STACKS}`, LogicalResourceId: 'Param' })) },
      { name: 'CloudFormation GetTemplate', send: (c, i) => c.cfn.send(new GetTemplateCommand({ StackName: `bench-${i % STACKS}` })) },
      { name: 'SSM GetParameter (decrypted)', send: (c) => c.ssm.send(new GetParameterCommand({ Name: '/bench/value', WithDecryption: true })) },
      { name: 'Secrets Manager GetSecretValue', send: (c) => c.secrets.send(new GetSecretValueCommand({ SecretId: 'bench/secret' })) },
      { name: 'Secrets Manager DescribeSecret', send: (c) => c.secrets.send(new DescribeSecretCommand({ SecretId: 'bench/secret' })) },
      { name: `CodeBuild BatchGetBuilds (one id, ${listed} builds recorded)`, send: (c) => c.codebuild.send(new BatchGetBuildsCommand({ ids: [buildId] })) },
      { name: 'CodeBuild BatchGetProjects', send: (c) => c.codebuild.send(new BatchGetProjectsCommand({ names: ['bench'] })) },
      { name: 'CodePipeline GetPipelineState', send: (c) => c.codepipeline.send(new GetPipelineStateCommand({ name: 'bench' })) },
      { name: 'CodePipeline GetPipelineExecution', send: (c) => c.codepipeline.send(new GetPipelineExecutionCommand({ pipelineName: 'bench', pipelineExecutionId: executionId })) },
      { name: 'CodeDeploy GetDeployment', send: (c) => c.codedeploy.send(new GetDeploymentCommand({ deploymentId })) },
      { name: 'CodeDeploy GetDeploymentGroup', send: (c) => c.codedeploy.send(new GetDeploymentGroupCommand({ applicationName: 'web', deploymentGroupName: 'prod' })) },
      { name: 'CodeCommit GetRepository', send: (c) => c.codecommit.send(new GetRepositoryCommand({ repositoryName: 'bench' })) },
      { name: 'S3 HeadObject', send: (c) => c.s3.send(new HeadObjectCommand({ Bucket: 'releases', Key: 'web/rev.zip' })) },
      { name: 'STS GetCallerIdentity', send: (c) => c.sts.send(new GetCallerIdentityCommand({})) },
    ];
    const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : undefined;
    const serverCpu = async () => {
      child.send({ cpu: true });
      return next<{ cpuMicros: number; records: Record<string, number>; handled: number[] }>();
    };
    const clientCpu = () => {
      const usage = process.cpuUsage();
      return usage.user + usage.system;
    };
    const idleBefore = await serverCpu();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    console.log(`api: server CPU with no request for 1 s: ${(((await serverCpu()).cpuMicros - idleBefore.cpuMicros) / 1000).toFixed(0)} ms`);
    console.log(`api: ${STACKS} stacks created through CreateStack in ${createSeconds.toFixed(1)} s (${CLIENTS} at a time, waiter polling 1 s)`);
    console.log(`api: StartBuild → IN_PROGRESS through BatchGetBuilds (20 builds, signed, one at a time): p50 ${percentile(visible, 50).toFixed(1)} ms, p99 ${percentile(visible, 99).toFixed(1)} ms`);
    console.log('api: per call: sequential (one client, one request at a time, 200): p50/p99 ms as the SDK sees them (and in the server: headers in to response out); concurrent (1,000 from 10 clients): p50/p99 ms, req/s; CPU per request (concurrent run): server µs, client µs');
    for (const kind of kinds) {
      if (only && !only.test(kind.name)) continue;
      // Warm the connections, the code paths and the records every call of the kind reads.
      await Promise.all(clients.map((c, i) => kind.send(c, i)));
      for (let i = 0; i < Math.max(STACKS, 100); i++) await kind.send(clients[i % CLIENTS], i);
      const serial: number[] = [];
      await serverCpu();
      for (let i = 0; i < 200; i++) {
        const t = performance.now();
        await kind.send(clients[0], i);
        serial.push(performance.now() - t);
      }
      serial.sort((a, b) => a - b);
      const latencies: number[] = [];
      const { handled: inServer } = await serverCpu();
      let sent = 0;
      const serverBefore = await serverCpu();
      const clientBefore = clientCpu();
      started = performance.now();
      await Promise.all(
        clients.map(async (client) => {
          while (sent < REQUESTS) {
            const i = sent++;
            const t = performance.now();
            await kind.send(client, i);
            latencies.push(performance.now() - t);
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      const clientMicros = (clientCpu() - clientBefore) / REQUESTS;
      const serverMicros = ((await serverCpu()).cpuMicros - serverBefore.cpuMicros) / REQUESTS;
      latencies.sort((a, b) => a - b);
      const f = (n: number) => n.toFixed(2).padStart(6);
      console.log(`api: ${kind.name.padEnd(58)} seq p50 ${f(percentile(serial, 50))} p99 ${f(percentile(serial, 99))} (in server ${f(percentile(inServer, 50))} ${f(percentile(inServer, 99))}) | conc p50 ${f(percentile(latencies, 50))} p99 ${f(percentile(latencies, 99))} ${(REQUESTS / seconds).toFixed(0).padStart(4)} req/s | cpu server ${serverMicros.toFixed(0).padStart(4)} µs client ${clientMicros.toFixed(0).padStart(4)} µs`);
    }
    const { records } = await serverCpu();
    console.log(`api: server record cache: ${records.hits} hits, ${records.misses} misses, ${records.entries} entries, ${(records.bytes / 1024).toFixed(0)} KB`);
    const after = await memory();
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    console.log(`api: serving process memory: idle rss ${mb(idle.rss)} MB (heap ${mb(idle.heapUsed)} MB); with ${STACKS} stacks rss ${mb(withStacks.rss)} MB (heap ${mb(withStacks.heapUsed)} MB); with ${STACKS} stacks and ${listed} builds rss ${mb(withBuilds.rss)} MB (heap ${mb(withBuilds.heapUsed)} MB); after the requests rss ${mb(after.rss)} MB (heap ${mb(after.heapUsed)} MB)`);
    console.log(`api: machine load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} cores`);
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.send({ exit: true });
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    child.kill();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv.includes('--serve')) void serve();
else
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
