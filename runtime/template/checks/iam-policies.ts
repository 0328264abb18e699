import * as YAML from 'yaml';
import { didYouMean } from '../../common/text';
import { deployedValues, intrinsicOf, isLiteralScalar } from '../nodes';
import { entries, entry, scalarString, type MapEntry, type Node, isMap, isScalar, isSeq } from '../../common/yaml/nodes';
import type { CheckContext, TemplateCheck } from './context';
import { iamActions, unknownAction } from '../iam-actions';

/** Identity policies (E3510), resource policies (E3513) and role trust policies (E3530). */
type PolicyKind = 'identity' | 'resource' | 'trust';

/** Where policy documents live: resource type → property paths ("[]" walks a list). */
const POLICY_LOCATIONS: Record<string, Array<{ path: string[]; kind: PolicyKind }>> = {
  'AWS::IAM::Policy': [{ path: ['PolicyDocument'], kind: 'identity' }],
  'AWS::IAM::ManagedPolicy': [{ path: ['PolicyDocument'], kind: 'identity' }],
  'AWS::IAM::Role': [
    { path: ['Policies', '[]', 'PolicyDocument'], kind: 'identity' },
    { path: ['AssumeRolePolicyDocument'], kind: 'trust' },
  ],
  'AWS::IAM::User': [{ path: ['Policies', '[]', 'PolicyDocument'], kind: 'identity' }],
  'AWS::IAM::Group': [{ path: ['Policies', '[]', 'PolicyDocument'], kind: 'identity' }],
  'AWS::IAM::RolePolicy': [{ path: ['PolicyDocument'], kind: 'identity' }],
  'AWS::IAM::UserPolicy': [{ path: ['PolicyDocument'], kind: 'identity' }],
  'AWS::IAM::GroupPolicy': [{ path: ['PolicyDocument'], kind: 'identity' }],
  'AWS::S3::BucketPolicy': [{ path: ['PolicyDocument'], kind: 'resource' }],
  'AWS::SQS::QueuePolicy': [{ path: ['PolicyDocument'], kind: 'resource' }],
  'AWS::SNS::TopicPolicy': [{ path: ['PolicyDocument'], kind: 'resource' }],
  'AWS::ECR::Repository': [{ path: ['RepositoryPolicyText'], kind: 'resource' }],
};

const STATEMENT_KEYS = ['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'];
const ARN_OR_STAR = /^(arn:(aws[A-Za-z-]*?|\*):[^:]+:[^:]*(:(?:\d{12}|\*|aws)?:.+|)|\*)$/;
/** S3 bucket policies name buckets and objects: `*` alone is rejected. */
const ARN_ONLY = /^arn:aws[A-Za-z-]*?:[^:]+:[^:]*(:(?:\d{12}|\*|aws)?:.+|)$/;
const CODES: Record<PolicyKind, string> = { identity: 'E3510', resource: 'E3513', trust: 'E3530' };
const MAX_DEPTH = 30;

/**
 * E3510 identity policies, E3513 resource policies, E3530 role trust policies: document shape,
 * Effect, Action/Resource pairs, ARNs; E3514 S3 bucket policy resources that are not ARNs;
 * W3037 actions the Service Authorization Reference does not list.
 */
export const iamPolicies: TemplateCheck = {
  codes: ['E3510', 'E3513', 'E3514', 'E3530', 'W3037'],
  run(context) {
    for (const resource of context.model.resources.values()) {
      const locations = resource.type ? POLICY_LOCATIONS[resource.type] : undefined;
      if (!locations) continue;
      const arns = resource.type === 'AWS::S3::BucketPolicy' ? { pattern: ARN_ONLY, code: 'E3514', wanted: 'an ARN' } : { pattern: ARN_OR_STAR, code: '', wanted: 'an ARN or "*"' };
      for (const location of locations) {
        for (const document of follow(resource.properties?.value, location.path)) {
          const options: DocumentOptions = { kind: location.kind, arns, literalVariables: !context.transformed };
          checkDocument(document.item, document.value, options, context);
        }
      }
    }
  },
};

interface DocumentOptions {
  kind: PolicyKind;
  /** What Resource values must look like, and the code for those that do not (default: the kind's). */
  arns: { pattern: RegExp; code: string; wanted: string };
  /** `${}` in a plain string stays literal (no Sub, no transform): such ARNs are checked as written. */
  literalVariables: boolean;
}

/** The documents at a path (with the entry that holds each), through Fn::If on the way. */
function follow(node: Node, path: string[], depth = 0): Array<{ item: MapEntry; value: Node }> {
  if (!path.length || !node || depth > MAX_DEPTH) return [];
  const [head, ...rest] = path;
  return deployedValues(node, {}, depth).flatMap((choice) => {
    if (head === '[]') return isSeq(choice) ? choice.items.flatMap((item) => follow(item as Node, rest, depth + 1)) : [];
    const item = entry(choice, head);
    if (!item) return [];
    if (rest.length) return follow(item.value, rest, depth + 1);
    return isSeq(item.value) ? [{ item, value: item.value }] : deployedValues(item.value, {}, depth + 1).map((value) => ({ item, value }));
  });
}

function checkDocument(document: MapEntry, node: Node, options: DocumentOptions, { model, report }: CheckContext): void {
  const { kind } = options;
  const code = CODES[kind];
  if (!node || intrinsicOf(node, { allowCondition: false }) || (isScalar(node) && typeof node.value === 'string')) return;
  if (!isMap(node)) {
    report(code, model.rangeOf(document.keyNode), `${document.key} must be a map with Version and Statement, not ${isSeq(node) ? 'a list' : 'a scalar'}`);
    return;
  }
  for (const item of entries(node)) {
    if (!['Version', 'Id', 'Statement'].includes(item.key)) report(code, model.rangeOf(item.keyNode), `unknown policy document key "${item.key}"`);
  }
  const version = entry(node, 'Version');
  if (version && isLiteralScalar(version.value) && !['2008-10-17', '2012-10-17'].includes(scalarString(version.value) ?? '')) {
    report(code, model.rangeOf(version.value), `policy Version must be 2012-10-17 (or 2008-10-17), not "${scalarString(version.value)}"`);
  }
  const statement = entry(node, 'Statement');
  if (!statement) {
    report(code, model.rangeOf(document.keyNode), `${document.key} needs a Statement`);
    return;
  }
  const value = statement.value;
  if (intrinsicOf(value, { allowCondition: false })) return;
  const statements = isSeq(value) ? (value.items as Node[]) : isMap(value) ? [value] : undefined;
  if (!statements) {
    report(code, model.rangeOf(statement.keyNode), 'Statement must be a statement or a list of statements');
    return;
  }
  for (const item of statements) checkStatement(item, options, code, model, report);
}

function checkStatement(node: Node, options: DocumentOptions, code: string, model: CheckContext['model'], report: CheckContext['report']): void {
  const { kind } = options;
  if (!node || intrinsicOf(node, { allowCondition: false })) return;
  if (!isMap(node)) {
    report(code, model.rangeOf(node), 'a policy statement must be a map');
    return;
  }
  for (const item of entries(node)) {
    if (!STATEMENT_KEYS.includes(item.key)) {
      const guess = didYouMean(item.key, STATEMENT_KEYS);
      report(code, model.rangeOf(item.keyNode), `unknown statement key "${item.key}"${guess ? `; did you mean ${guess}?` : ''}`, { data: guess ? { replacement: guess } : undefined });
    } else if (kind === 'identity' && (item.key === 'Principal' || item.key === 'NotPrincipal')) {
      report(code, model.rangeOf(item.keyNode), `${item.key} is not allowed in an identity-based policy`);
    }
  }
  // A missing key is shown where the statement opens (its `{` in JSON), through its first key.
  const firstKey = node.items[0]?.key as YAML.Node | undefined;
  const opening = node.range && firstKey?.range ? model.range(node.range[0], firstKey.range[1]) : model.rangeOf(firstKey);
  const effect = entry(node, 'Effect');
  if (!effect) report(code, opening, 'a statement needs an Effect (Allow or Deny)');
  else if (isLiteralScalar(effect.value) && !['Allow', 'Deny'].includes(scalarString(effect.value) ?? '')) {
    report(code, model.rangeOf(effect.value), `Effect must be Allow or Deny, not "${scalarString(effect.value)}"`);
  }
  const pairs: Array<[string, string]> = [['Action', 'NotAction']];
  if (kind === 'identity') pairs.push(['Resource', 'NotResource']);
  else pairs.push(['Principal', 'NotPrincipal']);
  for (const [a, b] of pairs) {
    const has = [entry(node, a), entry(node, b)].filter((x): x is MapEntry => !!x);
    if (has.length === 0) report(code, opening, `a statement needs ${a} or ${b}`);
    else if (has.length === 2) for (const item of has) report(code, model.rangeOf(item.keyNode), `a statement takes only one of ${a} and ${b}`);
  }
  if (kind === 'resource') {
    const principal = entry(node, 'Principal');
    if (principal && isLiteralScalar(principal.value) && scalarString(principal.value) !== '*') {
      report(code, model.rangeOf(principal.value), 'a Principal string must be "*"; name principals in a map (AWS, Service, Federated)');
    }
  }
  for (const key of ['Action', 'NotAction']) {
    const item = entry(node, key);
    const values = deployedValues(item?.value).flatMap((v) => (isSeq(v) ? (v.items as Node[]) : [v]));
    for (const value of values) {
      if (!isLiteralScalar(value) || typeof value.value !== 'string') continue;
      const problem = unknownAction(value.value);
      if (problem) report('W3037', model.rangeOf(value), `${problem} (${iamActions().source}, from the Service Authorization Reference)`);
    }
  }
  for (const key of ['Resource', 'NotResource']) {
    const item = entry(node, key);
    // A short-form call (`!Join [...]`) is a tagged list too: only a plain list holds ARNs.
    const values = isSeq(item?.value) && !intrinsicOf(item.value, { allowCondition: false }) ? (item.value.items as Node[]) : item ? [item.value] : [];
    for (const value of values) {
      if (isMap(value) && !intrinsicOf(value, { allowCondition: false })) {
        report(code, model.rangeOf(value), `${key} must be ARN strings`);
      } else if (isLiteralScalar(value) && typeof value.value === 'string' && !options.arns.pattern.test(value.value) && (options.literalVariables || !value.value.includes('${'))) {
        report(options.arns.code || code, model.rangeOf(value), `"${value.value}" is not ${options.arns.wanted}`);
      }
    }
  }
}
