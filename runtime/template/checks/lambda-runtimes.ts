import { entry, isLiteralScalar, scalarString } from '../nodes';
import type { TemplateCheck } from './context';

/** AWS Lambda runtime deprecation schedule (deprecated, creation blocked, update blocked). */
const DEPRECATED_RUNTIMES: Record<string, [string, string, string]> = {
  'nodejs4.3': ['2020-03-05', '2020-02-03', '2020-03-05'],
  'nodejs6.10': ['2019-08-12', '2019-07-12', '2019-08-12'],
  'nodejs10.x': ['2021-07-30', '2021-07-30', '2022-02-14'],
  'nodejs18.x': ['2025-09-01', '2027-02-01', '2027-03-03'],
  'nodejs20.x': ['2026-04-30', '2027-02-01', '2027-03-03'],
  'python2.7': ['2021-07-15', '2021-07-15', '2022-05-30'],
  'python3.6': ['2022-07-18', '2022-07-18', '2022-08-29'],
  'python3.9': ['2025-12-15', '2027-02-01', '2027-03-03'],
  java8: ['2024-01-08', '2024-02-08', '2027-03-03'],
  'provided.al2': ['2026-07-31', '2027-02-01', '2027-03-03'],
};

const FUNCTION_TYPES = new Set(['AWS::Lambda::Function', 'AWS::Serverless::Function']);

/** E2533 runtime that can no longer be created; W2531 runtime that is deprecated. */
export const lambdaRuntimes: TemplateCheck = {
  codes: ['E2533', 'W2531'],
  run({ model, report }) {
    const today = new Date().toISOString().slice(0, 10);
    const globalRuntime = entry(entry(model.sections.get('Globals')?.value, 'Function')?.value, 'Runtime');
    for (const [id, resource] of model.resources) {
      if (!resource.type || !FUNCTION_TYPES.has(resource.type)) continue;
      const serverless = resource.type === 'AWS::Serverless::Function';
      const runtime = entry(resource.properties?.value, 'Runtime') ?? (serverless ? globalRuntime : undefined);
      if (!runtime || !isLiteralScalar(runtime.value)) continue;
      const name = scalarString(runtime.value) ?? '';
      const schedule = Object.hasOwn(DEPRECATED_RUNTIMES, name) ? DEPRECATED_RUNTIMES[name] : undefined;
      if (!schedule) continue;
      const [deprecated, createBlocked, updateBlocked] = schedule;
      // SAM generates the Lambda function from the resource and Globals: the finding is the resource's.
      const range = serverless ? resource.keyRange : model.rangeOf(runtime.value);
      const source = runtime === globalRuntime ? ' (from Globals)' : '';
      if (createBlocked <= today) {
        report('E2533', range, `runtime ${name}${source} of ${id} was deprecated on ${deprecated}; creating functions with it is blocked since ${createBlocked} (updates from ${updateBlocked})`);
      } else if (deprecated <= today) {
        report('W2531', range, `runtime ${name}${source} of ${id} was deprecated on ${deprecated}; creation is blocked from ${createBlocked}`);
      }
    }
  },
};
