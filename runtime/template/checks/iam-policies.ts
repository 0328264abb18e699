import * as YAML from 'yaml';
import { didYouMean } from '../../common/text';
import { entries, entry, intrinsicOf, isLiteralScalar, scalarString, type MapEntry, type Node } from '../nodes';
import type { CheckContext, TemplateCheck } from './context';

type PolicyKind = 'identity' | 'resource';

/** Where policy documents live: resource type → property paths ("[]" walks a list). */
const POLICY_LOCATIONS: Record<string, Array<{ path: string[]; kind: PolicyKind }>> = {
  'AWS::IAM::Policy': [{ path: ['PolicyDocument'], kind: 'identity' }],
  'AWS::IAM::ManagedPolicy': [{ path: ['PolicyDocument'], kind: 'identity' }],
  'AWS::IAM::Role': [{ path: ['Policies', '[]', 'PolicyDocument'], kind: 'identity' }],
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

/** E3510 identity policies, E3513 resource policies: document shape, Effect, Action/Resource pairs, ARNs. */
export const iamPolicies: TemplateCheck = {
  codes: ['E3510', 'E3513'],
  run(context) {
    for (const resource of context.model.resources.values()) {
      const locations = resource.type ? POLICY_LOCATIONS[resource.type] : undefined;
      if (!locations) continue;
      for (const location of locations) {
        for (const document of follow(resource.properties?.value, location.path)) checkDocument(document, location.kind, context);
      }
    }
  },
};

function follow(node: Node, path: string[]): MapEntry[] {
  if (!path.length || !node) return [];
  const [head, ...rest] = path;
  if (head === '[]') return YAML.isSeq(node) ? node.items.flatMap((item) => follow(item as Node, rest)) : [];
  const item = entry(node, head);
  if (!item) return [];
  return rest.length ? follow(item.value, rest) : [item];
}

function checkDocument(document: MapEntry, kind: PolicyKind, { model, report }: CheckContext): void {
  const code = kind === 'identity' ? 'E3510' : 'E3513';
  const node = document.value;
  if (!node || intrinsicOf(node, { allowCondition: false }) || (YAML.isScalar(node) && typeof node.value === 'string')) return;
  if (!YAML.isMap(node)) {
    report(code, model.rangeOf(node), 'a policy document must be a map with Version and Statement');
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
    report(kind === 'identity' ? 'E3510' : 'E3513', model.rangeOf(document.keyNode), 'a policy document needs a Statement');
    return;
  }
  const value = statement.value;
  if (intrinsicOf(value, { allowCondition: false })) return;
  const statements = YAML.isSeq(value) ? (value.items as Node[]) : YAML.isMap(value) ? [value] : undefined;
  if (!statements) {
    report(code, model.rangeOf(statement.keyNode), 'Statement must be a statement or a list of statements');
    return;
  }
  for (const item of statements) checkStatement(item, kind, code, model, report);
}

function checkStatement(node: Node, kind: PolicyKind, code: string, model: CheckContext['model'], report: CheckContext['report']): void {
  if (!node || intrinsicOf(node, { allowCondition: false })) return;
  if (!YAML.isMap(node)) {
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
  const effect = entry(node, 'Effect');
  if (!effect) report(code, model.rangeOf(node.items[0]?.key as YAML.Node), 'a statement needs an Effect (Allow or Deny)');
  else if (isLiteralScalar(effect.value) && !['Allow', 'Deny'].includes(scalarString(effect.value) ?? '')) {
    report(code, model.rangeOf(effect.value), `Effect must be Allow or Deny, not "${scalarString(effect.value)}"`);
  }
  const pairs: Array<[string, string]> = [['Action', 'NotAction']];
  if (kind === 'identity') pairs.push(['Resource', 'NotResource']);
  else pairs.push(['Principal', 'NotPrincipal']);
  for (const [a, b] of pairs) {
    const has = [entry(node, a), entry(node, b)].filter((x): x is MapEntry => !!x);
    if (has.length === 0) report(code, model.rangeOf(node.items[0]?.key as YAML.Node), `a statement needs ${a} or ${b}`);
    else if (has.length === 2) for (const item of has) report(code, model.rangeOf(item.keyNode), `a statement takes only one of ${a} and ${b}`);
  }
  if (kind === 'resource') {
    const principal = entry(node, 'Principal');
    if (principal && isLiteralScalar(principal.value) && scalarString(principal.value) !== '*') {
      report(code, model.rangeOf(principal.value), 'a Principal string must be "*"; name principals in a map (AWS, Service, Federated)');
    }
  }
  for (const key of ['Resource', 'NotResource']) {
    const item = entry(node, key);
    const values = YAML.isSeq(item?.value) ? (item!.value.items as Node[]) : item ? [item.value] : [];
    for (const value of values) {
      if (YAML.isMap(value) && !intrinsicOf(value, { allowCondition: false })) {
        report(code, model.rangeOf(value), `${key} must be ARN strings`);
      } else if (isLiteralScalar(value) && typeof value.value === 'string' && !ARN_OR_STAR.test(value.value) && !value.value.includes('${')) {
        report(code, model.rangeOf(value), `"${value.value}" is not an ARN or "*"`);
      }
    }
  }
}
