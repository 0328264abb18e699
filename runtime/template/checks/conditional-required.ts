import type * as YAML from 'yaml';
import { isMap, isSeq, entry, scalarString, type Node } from '../../common/yaml/nodes';
import { intrinsicOf, isLiteralScalar } from '../nodes';
import type { TemplateCheck } from './context';

interface Rule {
  code: string;
  type: string;
  /** Why the properties are needed ("has …"), or undefined when they are not (or it cannot be known). */
  when(properties: YAML.YAMLMap): string | undefined;
  required: string[];
}

function literal(node: Node): string | undefined {
  return isLiteralScalar(node) ? scalarString(node) : undefined;
}

/** Whether a property is absent for certain: a Properties-level or value-level intrinsic may add it. */
function absent(properties: YAML.YAMLMap, name: string): boolean {
  return !entry(properties, name);
}

/** Properties the AWS documentation requires only in some configurations. */
const RULES: Rule[] = [
  {
    // EC2 RunInstances: an AMI is needed unless the launch template supplies one.
    code: 'E3673',
    type: 'AWS::EC2::Instance',
    when: (p) => (absent(p, 'LaunchTemplate') ? 'has no LaunchTemplate' : undefined),
    required: ['ImageId'],
  },
  {
    // Lambda: Runtime is required for a .zip deployment package; inline code (ZipFile) is one.
    code: 'E3678',
    type: 'AWS::Lambda::Function',
    when(p) {
      const code = entry(p, 'Code')?.value;
      const packageType = entry(p, 'PackageType')?.value;
      if (packageType && literal(packageType) !== 'Zip') return undefined;
      return isMap(code) && !intrinsicOf(code) && entry(code, 'ZipFile') ? 'has inline code (ZipFile)' : undefined;
    },
    required: ['Runtime'],
  },
  {
    // ECS: Fargate task definitions set the task-level Cpu and Memory and the awsvpc NetworkMode.
    code: 'E3048',
    type: 'AWS::ECS::TaskDefinition',
    when(p) {
      const compatibilities = entry(p, 'RequiresCompatibilities')?.value;
      if (!isSeq(compatibilities)) return undefined;
      return compatibilities.items.some((item) => literal(item as Node) === 'FARGATE') ? 'requires FARGATE' : undefined;
    },
    required: ['Cpu', 'Memory', 'NetworkMode'],
  },
  {
    // ELBv2 Listener Certificates: "You must provide exactly one certificate if the listener protocol is HTTPS or TLS."
    code: 'E3676',
    type: 'AWS::ElasticLoadBalancingV2::Listener',
    when(p) {
      const protocol = literal(entry(p, 'Protocol')?.value);
      return protocol === 'HTTPS' || protocol === 'TLS' ? `listens on ${protocol}` : undefined;
    },
    required: ['Certificates'],
  },
  {
    // API Gateway RestApi Name: "A name is required if the REST API is not based on an OpenAPI specification."
    code: 'E3660',
    type: 'AWS::ApiGateway::RestApi',
    when: (p) => (absent(p, 'Body') && absent(p, 'BodyS3Location') && absent(p, 'CloneFrom') ? 'has no OpenAPI Body or BodyS3Location' : undefined),
    required: ['Name'],
  },
  {
    // DynamoDB Table ProvisionedThroughput: "If you set BillingMode as PROVISIONED, you must specify this property."
    code: 'E3639',
    type: 'AWS::DynamoDB::Table',
    when: (p) => (literal(entry(p, 'BillingMode')?.value) === 'PROVISIONED' ? 'has the PROVISIONED billing mode' : undefined),
    required: ['ProvisionedThroughput'],
  },
];

/**
 * E3048, E3639, E3660, E3673, E3676, E3678: properties required only in some configurations,
 * reported at Properties. Pages: aws-resource-elasticloadbalancingv2-listener.html#cfn-elasticloadbalancingv2-listener-certificates,
 * aws-resource-apigateway-restapi.html#cfn-apigateway-restapi-name,
 * aws-resource-dynamodb-table.html#cfn-dynamodb-table-provisionedthroughput (CloudFormation Template Reference).
 */
export const conditionalRequired: TemplateCheck = {
  codes: [...new Set(RULES.map((r) => r.code))],
  run({ model, report }) {
    for (const [id, resource] of model.resources) {
      const properties = resource.properties;
      if (!properties || !isMap(properties.value) || intrinsicOf(properties.value)) continue;
      const map = properties.value;
      // A Properties-level Fn::If among the keys may supply anything.
      if (map.items.some((pair) => String((pair.key as YAML.Scalar | null)?.value ?? '').startsWith('Fn::'))) continue;
      for (const rule of RULES) {
        if (rule.type !== resource.type) continue;
        const reason = rule.when(map);
        if (!reason) continue;
        const missing = rule.required.filter((name) => absent(map, name));
        if (missing.length) report(rule.code, model.rangeOf(properties.keyNode), `${id} ${reason}, so it needs ${missing.join(', ')}`);
      }
    }
  },
};
