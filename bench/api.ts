// Figures for `slipway serve`'s AWS endpoint: 100 stacks created through CloudFormation's API,
// StartBuild → IN_PROGRESS seen through BatchGetBuilds (20 builds, one at a time), 1,000 more
// builds recorded, then 1,000 signed describe-style requests (DescribeStacks of one stack,
// DescribeStackEvents, SSM GetParameter, BatchGetBuilds of one build) from 10 concurrent SDK
// clients: p50/p99 latency, throughput, and the serving process's memory with 100 stacks and
// 1,000 builds. The server runs in its own process so its memory is its own.
// Prints numbers; asserts nothing. Run: node --import tsx bench/api.ts (BENCH_CPU_PROF=DIR profiles the server).
// A second attempt is allowed only for a kept-alive connection the server closed as it was reused.
import '../runtime/plugins';
import { fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CloudFormationClient, CreateStackCommand, DescribeStackEventsCommand, DescribeStacksCommand, waitUntilStackCreateComplete } from '@aws-sdk/client-cloudformation';
import { BatchGetBuildsCommand, CodeBuildClient, CreateProjectCommand, ListBuildsCommand, StartBuildCommand } from '@aws-sdk/client-codebuild';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { createAccessKey } from '../runtime/api/access-keys';
import { createEndpoint } from '../runtime/api/server';
import { BuildStore, type BuildRecord } from '../runtime/builds/records';
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
  const url = await listen(createEndpoint(store), '127.0.0.1', 0);
  process.send!({ url });
  process.on('message', (message: { memory?: boolean; exit?: boolean }) => {
    // Exiting (not a signal) lets --cpu-prof write its profile.
    if (message.exit) process.exit(0);
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
  const env = { ...process.env, SLIPWAY_HOME: path.join(root, 'home'), SLIPWAY_KMS_KEY_FILE: path.join(root, 'kms.key') };
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
      while ((await codebuild.send(new BatchGetBuildsCommand({ ids: [buildId] }))).builds?.[0]?.buildStatus !== 'IN_PROGRESS');
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

    const clients = Array.from({ length: CLIENTS }, () => ({ cfn: new CloudFormationClient(config), ssm: new SSMClient(config), codebuild: new CodeBuildClient(config) }));
    const kinds = [
      { name: 'DescribeStacks (one stack)', send: (c: (typeof clients)[number], i: number) => c.cfn.send(new DescribeStacksCommand({ StackName: `bench-${i % STACKS}` })) },
      { name: 'DescribeStackEvents', send: (c: (typeof clients)[number], i: number) => c.cfn.send(new DescribeStackEventsCommand({ StackName: `bench-${i % STACKS}` })) },
      { name: 'SSM GetParameter (decrypted)', send: (c: (typeof clients)[number]) => c.ssm.send(new GetParameterCommand({ Name: '/bench/value', WithDecryption: true })) },
      { name: `BatchGetBuilds (one id, ${listed} builds recorded)`, send: (c: (typeof clients)[number]) => c.codebuild.send(new BatchGetBuildsCommand({ ids: [buildId] })) },
    ];
    console.log(`api: ${STACKS} stacks created through CreateStack in ${createSeconds.toFixed(1)} s (${CLIENTS} at a time, waiter polling 1 s)`);
    console.log(`api: StartBuild → IN_PROGRESS through BatchGetBuilds (20 builds, signed, one at a time): p50 ${percentile(visible, 50).toFixed(1)} ms, p99 ${percentile(visible, 99).toFixed(1)} ms`);
    for (const kind of kinds) {
      // warm the connections and the code paths
      await Promise.all(clients.map((c, i) => kind.send(c, i)));
      // one client, one request at a time: the latency without queueing
      const serial: number[] = [];
      for (let i = 0; i < 200; i++) {
        const t = performance.now();
        await kind.send(clients[0], i);
        serial.push(performance.now() - t);
      }
      serial.sort((a, b) => a - b);
      console.log(`api: ${kind.name}: 200 sequential signed requests, one client: p50 ${percentile(serial, 50).toFixed(2)} ms, p99 ${percentile(serial, 99).toFixed(2)} ms`);
      const latencies: number[] = [];
      let sent = 0;
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
      latencies.sort((a, b) => a - b);
      console.log(`api: ${kind.name}: ${REQUESTS} signed requests, ${CLIENTS} concurrent SDK clients: p50 ${percentile(latencies, 50).toFixed(2)} ms, p99 ${percentile(latencies, 99).toFixed(2)} ms, ${(REQUESTS / seconds).toFixed(0)} req/s`);
    }
    const after = await memory();
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    console.log(`api: serving process memory: idle rss ${mb(idle.rss)} MB (heap ${mb(idle.heapUsed)} MB); with ${STACKS} stacks rss ${mb(withStacks.rss)} MB (heap ${mb(withStacks.heapUsed)} MB); with ${STACKS} stacks and ${listed} builds rss ${mb(withBuilds.rss)} MB (heap ${mb(withBuilds.heapUsed)} MB); after ${REQUESTS * kinds.length} requests rss ${mb(after.rss)} MB (heap ${mb(after.heapUsed)} MB)`);
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
