// Reads the value limits of CloudFormation properties (string length, pattern, number range,
// list item count) from @awboost/cfn-resource-types, whose lib/AWS-*.d.ts are generated from
// the CloudFormation registry schemas and carry them as JSDoc tags (@minLength, @maxLength,
// @pattern, @min, @max; on list properties @minLength/@maxLength count items). Used by
// 20-cfn-spec.mjs at build time only: the result is folded into dist/data/cfn-spec.jsonl.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

export const LIMITS_PACKAGE = 'node_modules/@awboost/cfn-resource-types';
const LIB = path.join(LIMITS_PACKAGE, 'lib');

/** `AWS-EC2-Instance.d.ts` → `AWS::EC2::Instance`. */
function typeNameOf(file) {
  return file.slice(0, -'.d.ts'.length).split('-').join('::');
}

/** The backquoted value of a tag: @pattern `^a$` → ^a$. */
function tagValue(tag) {
  const text = typeof tag.comment === 'string' ? tag.comment : (tag.comment ?? []).map((part) => part.text).join('');
  const match = /^\s*`([\s\S]*)`\s*$/.exec(text);
  return match ? match[1] : undefined;
}

function isArrayType(node) {
  if (!node) return false;
  if (ts.isArrayTypeNode(node)) return true;
  if (ts.isParenthesizedTypeNode(node)) return isArrayType(node.type);
  if (ts.isTypeReferenceNode(node)) return ['Array', 'ReadonlyArray'].includes(node.typeName.getText());
  return false;
}

function numberOf(text) {
  if (text === undefined || text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/**
 * Only patterns that mean the same in JavaScript: they must compile with the `u` flag, which
 * rejects the escapes (`\A`, `\Z`, `\h`…) that would silently turn into literal letters.
 */
function usablePattern(pattern) {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

/**
 * Compact limits of one property: `sl` string length, `ic` item count, `nr` number range (each
 * [min, max] with null for no bound) and `re` a pattern; undefined when it has none. (The
 * documented limits below may also set `il`, the length of each string item of a list.)
 */
function limitsOf(member) {
  const tags = new Map();
  for (const tag of ts.getJSDocTags(member)) tags.set(tag.tagName.text, tagValue(tag));
  const result = {};
  const minLength = numberOf(tags.get('minLength'));
  const maxLength = numberOf(tags.get('maxLength'));
  if (minLength !== null || maxLength !== null) {
    // A lower bound of 0 says nothing; leave it out to keep the index small.
    const bounds = [minLength || null, maxLength];
    if (bounds[0] !== null || bounds[1] !== null) result[isArrayType(member.type) ? 'ic' : 'sl'] = bounds;
  }
  const min = numberOf(tags.get('min'));
  const max = numberOf(tags.get('max'));
  if (min !== null || max !== null) result.nr = [min, max];
  const pattern = tags.get('pattern');
  if (pattern && usablePattern(pattern)) result.re = pattern;
  return Object.keys(result).length ? result : undefined;
}

/** Property type name from the JSDoc "Type definition for `AWS::X::Y.Name`." of a type alias. */
function propertyTypeNameOf(statement, resourceType) {
  const text = ts
    .getJSDocCommentsAndTags(statement)
    .map((doc) => (typeof doc.comment === 'string' ? doc.comment : ''))
    .join('\n');
  const match = /Type definition for `([^`]+)`/.exec(text);
  if (!match) return undefined;
  const prefix = `${resourceType}.`;
  return match[1].startsWith(prefix) ? match[1].slice(prefix.length) : undefined;
}

/**
 * Limits (and allowed values, `v`) the AWS documentation states that the registry schemas leave
 * out (each with its source); they apply only where the generated types carry no limit of that kind.
 */
const DOCUMENTED = {
  // IAM quotas: role names are at most 64 characters.
  'AWS::IAM::Role': { '': { RoleName: { sl: [1, 64], re: '^[\\w+=,.@-]+$' } } },
  // IAM: an instance profile can contain only one role.
  'AWS::IAM::InstanceProfile': { '': { Roles: { ic: [1, 1] } } },
  // SNS CreateTopic: up to 256 alphanumerics, hyphens and underscores (.fifo suffix for FIFO topics).
  'AWS::SNS::Topic': { '': { TopicName: { sl: [1, 256], re: '^[\\w-]+(\\.fifo)?$' } } },
  // Lambda: the function name is up to 64 letters, digits, hyphens and underscores (or its ARN).
  'AWS::Lambda::Function': { '': { FunctionName: { re: '^(arn:[^:]+:lambda:[^:]*:\\d{12}:function:)?[a-zA-Z0-9_-]{1,64}$' } } },
  // CodeCommit: 1 to 100 letters, digits, periods, underscores and dashes, not ending in .git.
  'AWS::CodeCommit::Repository': { '': { RepositoryName: { sl: [1, 100], re: '^[\\w.-]+(?<!\\.git)$' } } },
  // CodeDeploy CreateApplication / CreateDeploymentConfig: computePlatform is Server, Lambda or ECS
  // (https://docs.aws.amazon.com/codedeploy/latest/APIReference/API_CreateApplication.html); `v` lists allowed values.
  'AWS::CodeDeploy::Application': { '': { ComputePlatform: { v: ['ECS', 'Lambda', 'Server'] } } },
  'AWS::CodeDeploy::DeploymentConfig': { '': { ComputePlatform: { v: ['ECS', 'Lambda', 'Server'] } } },
  // CloudWatch PutMetricAlarm: up to 5 actions per alarm state, each an ARN of up to 1024 characters.
  'AWS::CloudWatch::Alarm': {
    '': { AlarmActions: { ic: [null, 5], il: [1, 1024] }, OKActions: { ic: [null, 5], il: [1, 1024] }, InsufficientDataActions: { ic: [null, 5], il: [1, 1024] } },
  },
};
// EC2 security groups (in a VPC) and their rules: descriptions up to 255 of a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*.
const DESCRIPTION = { sl: [null, 255], re: '^[a-zA-Z0-9. _\\-:/()#,@[\\]+=&;{}!$*]*$' };
const RULE_DESCRIPTION = { Description: DESCRIPTION };
DOCUMENTED['AWS::EC2::SecurityGroup'] = { '': { GroupDescription: DESCRIPTION }, Ingress: RULE_DESCRIPTION, Egress: RULE_DESCRIPTION };
DOCUMENTED['AWS::EC2::SecurityGroupIngress'] = { '': RULE_DESCRIPTION };
DOCUMENTED['AWS::EC2::SecurityGroupEgress'] = { '': RULE_DESCRIPTION };

/** Adds the documented limits (of kinds a property does not already have) to what the types carry. */
function addDocumented(result) {
  for (const [resourceType, owners] of Object.entries(DOCUMENTED)) {
    if (!result.has(resourceType)) result.set(resourceType, new Map());
    const known = result.get(resourceType);
    for (const [owner, properties] of Object.entries(owners)) {
      const target = known.get(owner) ?? {};
      for (const [name, limits] of Object.entries(properties)) {
        for (const [kind, value] of Object.entries(limits)) {
          if (kind === 're' && !usablePattern(value)) throw new Error(`cfn-value-limits: documented pattern for ${resourceType}.${name} does not compile: ${value}`);
        }
        target[name] = { ...limits, ...(target[name] ?? {}) };
      }
      known.set(owner, target);
    }
  }
  return result;
}

/** resource type → (property type name, '' for the resource's own properties) → property → limits. */
export function readValueLimits() {
  const result = new Map();
  if (!fs.existsSync(LIB)) throw new Error(`cfn-spec: ${LIB} is missing; run npm ci`);
  for (const file of fs.readdirSync(LIB)) {
    if (!file.startsWith('AWS-') || !file.endsWith('.d.ts')) continue;
    const resourceType = typeNameOf(file);
    const source = ts.createSourceFile(file, fs.readFileSync(path.join(LIB, file), 'utf8'), ts.ScriptTarget.Latest, true);
    const owners = new Map();
    let sawProperties = false;
    for (const statement of source.statements) {
      if (!ts.isTypeAliasDeclaration(statement) || !ts.isTypeLiteralNode(statement.type)) continue;
      let owner = propertyTypeNameOf(statement, resourceType);
      if (owner === undefined) {
        // The resource's own properties: the first alias named …Properties that is no property type.
        if (sawProperties || !statement.name.text.endsWith('Properties')) continue;
        sawProperties = true;
        owner = '';
      }
      const properties = {};
      for (const member of statement.type.members) {
        if (!ts.isPropertySignature(member) || !member.name) continue;
        const limits = limitsOf(member);
        if (limits) properties[member.name.getText().replace(/^["']|["']$/g, '')] = limits;
      }
      if (Object.keys(properties).length) owners.set(owner, properties);
    }
    if (owners.size) result.set(resourceType, owners);
  }
  return addDocumented(result);
}
