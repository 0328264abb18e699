// Figures for `slipway serve`'s AWS endpoint: 100 stacks created through CloudFormation's API,
// then 1,000 signed describe-style requests (DescribeStacks of one stack, DescribeStackEvents,
// SSM GetParameter) from 10 concurrent SDK clients: p50/p99 latency, throughput, and the
// serving process's memory. The server runs in its own process so its memory is its own.
// Prints numbers; asserts nothing. Run: node --import tsx bench/api.ts
import '../runtime/plugins';
import { fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CloudFormationClient, CreateStackCommand, DescribeStackEventsCommand, DescribeStacksCommand, waitUntilStackCreateComplete } from '@aws-sdk/client-cloudformation';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { createAccessKey } from '../runtime/api/access-keys';
import { createEndpoint } from '../runtime/api/server';
import { StateStore } from '../runtime/common/state';
import { listen } from '../runtime/repos/http';

const STACKS = Number(process.env.BENCH_STACKS ?? 100);
const REQUESTS = 1000;
const CLIENTS = 10;

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
  process.on('message', (message: { memory?: boolean }) => {
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
  const child = fork(__filename, ['--serve'], { env, execArgv: ['--import', 'tsx', '--expose-gc'] });
  const next = <T>() => new Promise<T>((resolve) => child.once('message', (m) => resolve(m as T)));
  const { url } = await next<{ url: string }>();
  const config = { endpoint: url, region: 'us-east-1', credentials: { accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey }, maxAttempts: 1 };
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

    const clients = Array.from({ length: CLIENTS }, () => ({ cfn: new CloudFormationClient(config), ssm: new SSMClient(config) }));
    const kinds = [
      { name: 'DescribeStacks (one stack)', send: (c: (typeof clients)[number], i: number) => c.cfn.send(new DescribeStacksCommand({ StackName: `bench-${i % STACKS}` })) },
      { name: 'DescribeStackEvents', send: (c: (typeof clients)[number], i: number) => c.cfn.send(new DescribeStackEventsCommand({ StackName: `bench-${i % STACKS}` })) },
      { name: 'SSM GetParameter (decrypted)', send: (c: (typeof clients)[number]) => c.ssm.send(new GetParameterCommand({ Name: '/bench/value', WithDecryption: true })) },
    ];
    console.log(`api: ${STACKS} stacks created through CreateStack in ${createSeconds.toFixed(1)} s (${CLIENTS} at a time, waiter polling 1 s)`);
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
    console.log(`api: serving process memory: idle rss ${mb(idle.rss)} MB (heap ${mb(idle.heapUsed)} MB); with ${STACKS} stacks rss ${mb(withStacks.rss)} MB (heap ${mb(withStacks.heapUsed)} MB); after ${REQUESTS * kinds.length} requests rss ${mb(after.rss)} MB (heap ${mb(after.heapUsed)} MB)`);
    console.log(`api: machine load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} cores`);
  } finally {
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
