import type * as YAML from 'yaml';
import { didYouMean } from '../../common/text';
import { entries, entry, isMap, isScalar, isSeq, type Node } from '../../common/yaml/nodes';
import { deployedValues, hasDynamicReference } from '../nodes';
import { fitsPrimitive } from '../property-walk';
import type { CheckContext, TemplateCheck } from './context';

/** The documented shape of a policy attribute's value. */
type Shape = 'integer' | 'string' | 'boolean' | { oneOf: string[] } | { keys: Record<string, Shape> };

const PRIMITIVE_OF = { integer: 'Integer', string: 'String', boolean: 'Boolean' } as const;

const RESOURCE_SIGNAL: Shape = { keys: { Count: 'integer', Timeout: 'string' } };

/**
 * CreationPolicy per resource type, from the CreationPolicy attribute page
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-creationpolicy.html):
 * AppStream fleets take StartFleet, Auto Scaling groups AutoScalingCreationPolicy and
 * ResourceSignal, wait conditions ResourceSignal. An EC2 instance's ResourceSignal is checked
 * on its own (`RESOURCE_SIGNAL_ONLY`); other types are not checked.
 */
const CREATION_POLICIES: Record<string, Record<string, Shape>> = {
  'AWS::AppStream::Fleet': { StartFleet: { keys: { Type: 'boolean' } } },
  'AWS::AutoScaling::AutoScalingGroup': { AutoScalingCreationPolicy: { keys: { MinSuccessfulInstancesPercent: 'integer' } }, ResourceSignal: RESOURCE_SIGNAL },
  'AWS::CloudFormation::WaitCondition': { ResourceSignal: RESOURCE_SIGNAL },
};
const RESOURCE_SIGNAL_ONLY = new Set(['AWS::EC2::Instance']);

/**
 * Auto Scaling processes a rolling update may suspend (the Auto Scaling API's process names,
 * https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-suspend-resume-processes.html).
 */
const SCALING_PROCESSES = ['Launch', 'Terminate', 'AddToLoadBalancer', 'AlarmNotification', 'AZRebalance', 'HealthCheck', 'InstanceRefresh', 'ReplaceUnhealthy', 'ScheduledActions'];

/**
 * UpdatePolicy per resource type, from the UpdatePolicy attribute page
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-updatepolicy.html).
 * AutoScalingInstanceRefresh is newer than the rest: only its presence is known here, not
 * its inside. A Lambda alias's policy is checked inside CodeDeployLambdaAliasUpdate only.
 * Other types are not checked (a module's policies are E5001's).
 */
const UPDATE_POLICIES: Record<string, Record<string, Shape | 'open'>> = {
  'AWS::AutoScaling::AutoScalingGroup': {
    AutoScalingInstanceRefresh: 'open',
    AutoScalingReplacingUpdate: { keys: { WillReplace: 'boolean' } },
    AutoScalingRollingUpdate: {
      keys: {
        MaxBatchSize: 'integer',
        MinActiveInstancesPercent: 'integer',
        MinInstancesInService: 'integer',
        MinSuccessfulInstancesPercent: 'integer',
        PauseTime: 'string',
        SuspendProcesses: { oneOf: SCALING_PROCESSES },
        WaitOnResourceSignals: 'boolean',
      },
    },
    AutoScalingScheduledAction: { keys: { IgnoreUnmodifiedGroupSizeProperties: 'boolean' } },
  },
  'AWS::Elasticsearch::Domain': { EnableVersionUpgrade: 'boolean' },
  'AWS::OpenSearchService::Domain': { EnableVersionUpgrade: 'boolean' },
  'AWS::ElastiCache::ReplicationGroup': { UseOnlineResharding: 'boolean' },
};
const CODE_DEPLOY_ALIAS_UPDATE: Shape = { keys: { AfterAllowTrafficHook: 'string', ApplicationName: 'string', BeforeAllowTrafficHook: 'string', DeploymentGroupName: 'string' } };

/** Where each top-level policy key applies, for the message when it is used on another type. */
function typesTaking(key: string, table: Record<string, Record<string, unknown>>): string[] {
  return Object.keys(table).filter((type) => Object.hasOwn(table[type], key));
}

class PolicyChecker {
  constructor(
    private readonly context: CheckContext,
    private readonly code: string,
    private readonly label: string,
  ) {}

  /** Checks every value the node may deploy as (each Fn::If branch; other calls are unknown). */
  check(node: Node, shape: Shape, path: string): void {
    for (const value of deployedValues(node)) this.checkValue(value, shape, path);
  }

  private checkValue(node: YAML.Node, shape: Shape, path: string): void {
    const { model, report } = this.context;
    if (isScalar(node) && (node.value === null || (typeof node.value === 'string' && hasDynamicReference(node.value)))) return;
    if (typeof shape === 'string') {
      // CloudFormation converts scalars (`"2"` for an integer, `"true"` for a boolean), as for properties.
      if (!fitsPrimitive(PRIMITIVE_OF[shape], node)) report(this.code, model.rangeOf(node), `${path} of the ${this.label} must be ${shape === 'integer' ? 'an integer' : shape === 'boolean' ? 'true or false' : 'a string'}`);
      return;
    }
    if ('oneOf' in shape) {
      if (!isSeq(node)) {
        report(this.code, model.rangeOf(node), `${path} of the ${this.label} must be a list`);
        return;
      }
      for (const item of node.items as Node[]) {
        for (const value of deployedValues(item)) {
          const text = isScalar(value) && typeof value.value === 'string' ? value.value : undefined;
          if (text === undefined || hasDynamicReference(text) || shape.oneOf.includes(text)) continue;
          const guess = didYouMean(text, shape.oneOf);
          report(this.code, model.rangeOf(value), `"${text}" in ${path} of the ${this.label} is not one of ${shape.oneOf.join(', ')}${guess ? `; did you mean ${guess}?` : ''}`);
        }
      }
      return;
    }
    if (!isMap(node)) {
      report(this.code, model.rangeOf(node), `${path} of the ${this.label} must be a map`);
      return;
    }
    for (const item of entries(node)) {
      const inner = Object.hasOwn(shape.keys, item.key) ? shape.keys[item.key] : undefined;
      if (inner) {
        this.check(item.value, inner, `${path}.${item.key}`);
        continue;
      }
      const guess = didYouMean(item.key, Object.keys(shape.keys));
      report(this.code, model.rangeOf(item.keyNode), `${path} of the ${this.label} has no ${item.key}; it takes ${Object.keys(shape.keys).join(', ')}${guess ? ` (did you mean ${guess}?)` : ''}`);
    }
  }
}

function checkCreationPolicy(context: CheckContext, id: string, type: string, policy: Node): void {
  const checker = new PolicyChecker(context, 'E3055', `CreationPolicy of ${id}`);
  if (RESOURCE_SIGNAL_ONLY.has(type)) {
    for (const value of deployedValues(policy)) {
      const signal = entry(value, 'ResourceSignal');
      if (signal) checker.check(signal.value, RESOURCE_SIGNAL, 'ResourceSignal');
    }
    return;
  }
  const keys = CREATION_POLICIES[type];
  if (!keys) return;
  for (const value of deployedValues(policy)) {
    if (!isMap(value)) {
      context.report('E3055', context.model.rangeOf(value), `the CreationPolicy of ${id} must be a map`);
      continue;
    }
    for (const item of entries(value)) {
      const shape = Object.hasOwn(keys, item.key) ? keys[item.key] : undefined;
      if (shape) checker.check(item.value, shape, item.key);
      else context.report('E3055', context.model.rangeOf(item.keyNode), unknownPolicyKey('CreationPolicy', item.key, type, keys, CREATION_POLICIES));
    }
  }
}

function checkUpdatePolicy(context: CheckContext, id: string, type: string, policy: Node): void {
  const checker = new PolicyChecker(context, 'E3016', `UpdatePolicy of ${id}`);
  if (type === 'AWS::Lambda::Alias') {
    for (const value of deployedValues(policy)) {
      const update = entry(value, 'CodeDeployLambdaAliasUpdate');
      if (update) checker.check(update.value, CODE_DEPLOY_ALIAS_UPDATE, 'CodeDeployLambdaAliasUpdate');
    }
    return;
  }
  const keys = UPDATE_POLICIES[type];
  if (!keys) return;
  for (const value of deployedValues(policy)) {
    if (!isMap(value)) {
      context.report('E3016', context.model.rangeOf(value), `the UpdatePolicy of ${id} must be a map`);
      continue;
    }
    for (const item of entries(value)) {
      const shape = Object.hasOwn(keys, item.key) ? keys[item.key] : undefined;
      if (shape === 'open') continue;
      if (shape) checker.check(item.value, shape, item.key);
      else context.report('E3016', context.model.rangeOf(item.keyNode), unknownPolicyKey('UpdatePolicy', item.key, type, keys, { ...UPDATE_POLICIES, 'AWS::Lambda::Alias': { CodeDeployLambdaAliasUpdate: 1 } }));
    }
  }
}

function unknownPolicyKey(attribute: string, key: string, type: string, keys: Record<string, unknown>, table: Record<string, Record<string, unknown>>): string {
  const elsewhere = typesTaking(key, table);
  if (elsewhere.length) return `${key} is not a ${attribute} of ${type}; it applies to ${elsewhere.join(', ')}`;
  const guess = didYouMean(key, Object.keys(keys));
  return `${attribute} of ${type} has no ${key}; it takes ${Object.keys(keys).join(', ')}${guess ? ` (did you mean ${guess}?)` : ''}`;
}

/** E3055 CreationPolicy and E3016 UpdatePolicy: the keys and value types AWS documents per resource type. */
export const policyAttributes: TemplateCheck = {
  codes: ['E3055', 'E3016'],
  run(context) {
    for (const [id, resource] of context.model.resources) {
      const type = resource.type;
      if (!type) continue;
      const creation = entry(resource.value, 'CreationPolicy');
      if (creation) checkCreationPolicy(context, id, type, creation.value);
      const update = entry(resource.value, 'UpdatePolicy');
      if (update) checkUpdatePolicy(context, id, type, update.value);
    }
  },
};
