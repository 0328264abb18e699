import { intrinsicOf } from '../nodes';
import { scalarString, type Node, isMap, isScalar, isSeq } from '../../common/yaml/nodes';
import { refResult } from '../ref-results';
import type { CheckContext, TemplateCheck } from './context';

const CONDITION_FUNCTIONS = ['Fn::And', 'Fn::Or', 'Fn::Not', 'Fn::Equals', 'Condition'];
const MAX_DEPTH = 100;

/** E8001 condition shape, E8003 Fn::Equals, E8004 Fn::And, E8005 Fn::Not, E8006 Fn::Or arguments. */
export const conditions: TemplateCheck = {
  codes: ['E8001', 'E8003', 'E8004', 'E8005', 'E8006'],
  run(context) {
    for (const [name, condition] of context.model.conditions) {
      if (name.startsWith('Fn::ForEach::')) continue;
      const call = intrinsicOf(condition.value);
      if (!call || !CONDITION_FUNCTIONS.includes(call.name)) {
        context.report('E8001', condition.keyRange, `condition ${name} must be Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition`);
        continue;
      }
      checkCondition(condition.value, context, 0);
    }
  },
};

/** Checks a condition expression; used for the Conditions section and for Fn::If-free nested calls. */
function checkCondition(node: Node, context: CheckContext, depth: number): void {
  if (!node || depth > MAX_DEPTH) return;
  const call = intrinsicOf(node);
  if (!call) {
    context.report('E8001', context.model.rangeOf(node), 'expected a condition function (Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition)');
    return;
  }
  const { report, model } = context;
  const at = model.rangeOf(call.keyNode ?? node);
  const items = isSeq(call.arg) ? (call.arg.items as Node[]) : undefined;
  if (!call.arg || (isScalar(call.arg) && call.arg.value === null && !call.short)) {
    const code = { 'Fn::Equals': 'E8003', 'Fn::And': 'E8004', 'Fn::Not': 'E8005', 'Fn::Or': 'E8006' }[call.name] ?? 'E8001';
    report(code, at, `${call.name} needs an argument`);
    return;
  }
  switch (call.name) {
    case 'Condition':
      if (!(isScalar(call.arg) && typeof call.arg.value === 'string')) report('E8001', at, 'Condition takes the name of a condition');
      return;
    case 'Fn::Equals':
      if (!items || items.length !== 2) report('E8003', at, 'Fn::Equals takes a list of exactly two values');
      else for (const item of items) checkEqualsValue(item, context);
      return;
    case 'Fn::Not':
      if (!items || items.length !== 1) report('E8005', at, 'Fn::Not takes a list of exactly one condition');
      else checkCondition(items[0], context, depth + 1);
      return;
    case 'Fn::And':
    case 'Fn::Or': {
      const code = call.name === 'Fn::And' ? 'E8004' : 'E8006';
      if (!items || items.length < 2 || items.length > 10) report(code, at, `${call.name} takes a list of 2 to 10 conditions`);
      else for (const item of items) checkCondition(item, context, depth + 1);
      return;
    }
    default:
      report('E8001', at, `${call.name} is not a condition function`);
  }
}

/** Functions whose values do not exist yet when conditions are evaluated (only parameters and mappings do). */
const NOT_IN_CONDITIONS: Record<string, string> = {
  'Fn::GetAtt': 'resource attributes',
  'Fn::ImportValue': 'other stacks\' exports',
  'Fn::GetStackOutput': 'other stacks\' outputs',
};

/** One side of Fn::Equals: a string, or a function of parameters and mappings that gives one. */
function checkEqualsValue(item: Node, { model, report }: CheckContext): void {
  const call = intrinsicOf(item, { allowCondition: false });
  if (!call) {
    if (isSeq(item) || isMap(item)) report('E8003', model.rangeOf(item), 'Fn::Equals compares strings, not lists or maps');
    return;
  }
  if (Object.hasOwn(NOT_IN_CONDITIONS, call.name)) {
    report('E8003', model.rangeOf(item), `Fn::Equals in a condition cannot use ${call.name}: conditions are evaluated before ${NOT_IN_CONDITIONS[call.name]} exist; use a parameter or a mapping`);
    return;
  }
  const name = call.name === 'Ref' && isScalar(call.arg) ? scalarString(call.arg) : undefined;
  if (name !== undefined && refResult(model, name) === 'list') {
    report('E1020', model.rangeOf(item), `Ref ${name} gives a list, and Fn::Equals compares strings; use Fn::Join or Fn::Select on it`);
  }
}
