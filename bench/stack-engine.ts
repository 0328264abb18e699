// Figures for the stack engine: creating 500 simulated resources with a realistic
// dependency shape, computing a change set over them, and resolving the largest corpus
// templates. Prints numbers; asserts nothing. Run: node --import tsx bench/stack-engine.ts
import '../runtime/plugins';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { documentValue, parseDocument } from '../runtime/common/yaml/document';
import { detectKind } from '../runtime/common/kind';
import { SecretMasker } from '../runtime/common/params';
import { StateStore } from '../runtime/common/state';
import { computeChanges } from '../runtime/stacks/changeset';
import { StackEngine } from '../runtime/stacks/engine';
import { loadSpec } from '../runtime/template/spec';
import { prepareTemplate, pseudoValues, resourceProperties, type TemplateBody } from '../runtime/template/eval';
import { corpusDir } from './corpus';

/** 100 services of five resources: a role, a queue, a topic, a subscription and a log group, wired as real stacks are. */
function bigTemplate(services: number, variant = ''): TemplateBody {
  const resources: Record<string, unknown> = {};
  for (let i = 0; i < services; i++) {
    resources[`Role${i}`] = {
      Type: 'AWS::IAM::Role',
      Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] } },
    };
    resources[`Queue${i}`] = { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: i % 10 === 0 ? Number(`3${variant ? 1 : 0}`) : 30 } };
    resources[`Topic${i}`] = { Type: 'AWS::SNS::Topic', Properties: { DisplayName: { 'Fn::Sub': `service-${i}-\${AWS::StackName}` } } };
    resources[`Subscription${i}`] = {
      Type: 'AWS::SNS::Subscription',
      Properties: { TopicArn: { Ref: `Topic${i}` }, Protocol: 'sqs', Endpoint: { 'Fn::GetAtt': [`Queue${i}`, 'Arn'] } },
      DependsOn: i > 0 ? [`Role${i - 1}`] : undefined,
    };
    resources[`Logs${i}`] = { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: { 'Fn::Join': ['/', ['/services', { Ref: `Role${i}` }]] }, RetentionInDays: 14 } };
  }
  for (const r of Object.values(resources) as Array<{ DependsOn?: unknown }>) if (r.DependsOn === undefined) delete r.DependsOn;
  return { Resources: resources as TemplateBody['Resources'] };
}

function time<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const value = fn();
  return [value, performance.now() - start];
}

async function timeAsync<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-bench-'));
  process.env.SLIPWAY_KMS_KEY_FILE = path.join(dir, 'kms.key');
  const [, specMs] = time(() => loadSpec());
  console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} cores`);
  console.log(`resource specification loaded in ${specMs.toFixed(1)} ms (once per process)`);

  const engine = new StackEngine(new StateStore(path.join(dir, 'home')), { concurrency: 16 });
  const template = bigTemplate(100);
  // Warm-up: the first run also pays for compiling the engine's modules.
  const warm = await engine.createChangeSet({ stackName: 'warm', template });
  await engine.executeChangeSet('warm', warm.name);
  await engine.deleteStack('warm');
  const [changeSet, csMs] = await timeAsync(() => engine.createChangeSet({ stackName: 'big', template }));
  const [record, execMs] = await timeAsync(() => engine.executeChangeSet('big', changeSet.name));
  console.log(`create 500 simulated resources: change set ${csMs.toFixed(1)} ms + execute ${execMs.toFixed(1)} ms = ${(csMs + execMs).toFixed(1)} ms (${record.status})`);

  const next = bigTemplate(100, 'changed');
  const evaluated = prepareTemplate({ template: next, pseudo: pseudoValues('big', record.stackId) });
  computeChanges(evaluated, record.resources, new SecretMasker()); // warm-up
  const runs: number[] = [];
  let changes = 0;
  for (let i = 0; i < 5; i++) {
    const [result, ms] = time(() => computeChanges(prepareTemplate({ template: next, pseudo: pseudoValues('big', record.stackId) }), record.resources, new SecretMasker()));
    runs.push(ms);
    changes = result.length;
  }
  console.log(`change set over 500 resources (${changes} changes): median ${median(runs).toFixed(1)} ms over ${runs.length} runs`);

  const [, updateMs] = await timeAsync(async () => {
    const cs = await engine.createChangeSet({ stackName: 'big', template: next });
    await engine.executeChangeSet('big', cs.name);
  });
  console.log(`update of 500 resources (10 queues modified): ${updateMs.toFixed(1)} ms`);
  const [, deleteMs] = await timeAsync(() => engine.deleteStack('big'));
  console.log(`delete of 500 simulated resources: ${deleteMs.toFixed(1)} ms`);

  const corpus = corpusDir();
  {
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const full = path.join(d, e.name);
        if (e.isDirectory()) walk(full);
        else if (/\.(ya?ml|json)$/.test(e.name)) files.push(full);
      }
    };
    for (const sub of ['cfn-lint/templates/good', 'pipeline']) walk(corpusDir(sub));
    const templates = files.filter((f) => detectKind(f, fs.readFileSync(f, 'utf8')) === 'template');
    const largest = templates.map((f) => ({ f, size: fs.statSync(f).size })).sort((a, b) => b.size - a.size).slice(0, 5);
    for (const { f, size } of largest) {
      const text = fs.readFileSync(f, 'utf8');
      const body = documentValue(parseDocument(f, text)) as TemplateBody;
      const parameters: Record<string, string> = {};
      for (const [key, p] of Object.entries(body.Parameters ?? {})) if (p?.Default === undefined) parameters[key] = p?.AllowedValues?.[0] !== undefined ? String(p.AllowedValues[0]) : p?.Type === 'Number' ? '1' : 'x';
      const resolve = () => {
        const ev = prepareTemplate({ template: body, parameters, pseudo: pseudoValues('corpus', 'arn:aws:cloudformation:us-east-1:000000000000:stack/corpus/1') });
        let resolved = 0;
        for (const id of Object.keys(ev.resources)) {
          try {
            resourceProperties(ev, id);
            resolved++;
          } catch {
            // templates that need imports or SSM values resolve partly
          }
        }
        return resolved;
      };
      try {
        resolve();
        const times: number[] = [];
        const parseTimes: number[] = [];
        for (let i = 0; i < 5; i++) parseTimes.push(time(() => documentValue(parseDocument(f, text)))[1]);
        let resolved = 0;
        for (let i = 0; i < 5; i++) {
          const [n, ms] = time(resolve);
          times.push(ms);
          resolved = n;
        }
        console.log(`resolve ${path.relative(corpus, f)} (${(size / 1024).toFixed(0)} KB, ${resolved}/${Object.keys(body.Resources ?? {}).length} resources): resolve median ${median(times).toFixed(2)} ms (parsing the text first: ${median(parseTimes).toFixed(1)} ms)`);
      } catch (error) {
        console.log(`resolve ${path.relative(corpus, f)}: not resolvable locally — ${(error as Error).message.split('\n')[0]}`);
      }
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

void main();
