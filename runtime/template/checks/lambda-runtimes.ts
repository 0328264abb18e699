import { entry, scalarString } from '../../common/yaml/nodes';
import { isLiteralScalar } from '../nodes';
import type { TemplateCheck } from './context';
import { LAMBDA_RUNTIME_DEPRECATIONS } from '../lifecycle';

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
      const schedule = Object.hasOwn(LAMBDA_RUNTIME_DEPRECATIONS, name) ? LAMBDA_RUNTIME_DEPRECATIONS[name] : undefined;
      if (!schedule) continue;
      const { deprecated, createBlocked, updateBlocked, successor } = schedule;
      // SAM generates the Lambda function from the resource and Globals: the finding is the resource's.
      const range = serverless ? resource.keyRange : model.rangeOf(runtime.value);
      const source = runtime === globalRuntime ? ' (from Globals)' : '';
      if (createBlocked <= today) {
        report('E2533', range, `runtime ${name}${source} of ${id} was deprecated on ${deprecated}; creating functions with it is blocked since ${createBlocked} (updates from ${updateBlocked}); use ${successor}`);
      } else if (deprecated <= today) {
        report('W2531', range, `runtime ${name}${source} of ${id} was deprecated on ${deprecated}; creation is blocked from ${createBlocked}; use ${successor}`);
      }
    }
  },
};
