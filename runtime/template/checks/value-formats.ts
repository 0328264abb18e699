import { forEachKeyed, hasDynamicReference, intrinsicOf, isLiteralScalar } from '../nodes';
import { scalarString, type Node, isSeq } from '../../common/yaml/nodes';
import type { TemplateCheck } from './context';

interface Format {
  code: string;
  label: string;
  pattern: RegExp;
}

const SECURITY_GROUP: Format = { code: 'E1150', label: 'security group id (sg-…)', pattern: /^sg-([a-fA-F0-9]{8}|[a-fA-F0-9]{17})$/ };
const VPC: Format = { code: 'E1151', label: 'VPC id (vpc-…)', pattern: /^vpc-([0-9A-Fa-f]{8}|[0-9A-Fa-f]{17})$/ };
const IMAGE: Format = { code: 'E1152', label: 'AMI id (ami- and 8 or 17 characters)', pattern: /^ami-([0-9a-z]{8}|[0-9a-z]{17})$/ };
const SUBNET: Format = { code: 'E1154', label: 'subnet id (subnet-…)', pattern: /^subnet-([0-9A-Fa-f]{8}|[0-9A-Fa-f]{17})$/ };
const ROLE_ARN: Format = { code: 'E1156', label: 'IAM role ARN (arn:aws:iam::<account>:role/…)', pattern: /^arn:aws[a-zA-Z-]*:iam::\d{12}:role\/.+$/ };
/**
 * The four ways to name a KMS key: key id (a UUID, or mrk-… for a multi-Region key), key ARN,
 * alias name (which starts with alias/: `aws/sns` alone is not one) or alias ARN
 * (https://docs.aws.amazon.com/kms/latest/APIReference/API_DescribeKey.html#KMS-DescribeKey-request-KeyId;
 * alias names: https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html).
 * Properties that take fewer forms (an ARN only) still take one of these.
 */
const KMS_KEY: Format = {
  code: 'E1162',
  label: 'KMS key (key id, key ARN, alias/… name or alias ARN)',
  pattern: /^(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|mrk-[0-9a-fA-F]{32}|alias\/[a-zA-Z0-9/_-]+|arn:aws[a-zA-Z-]*:kms:[a-z0-9-]+:\d{12}:(?:key|alias)\/.+)$/,
};

/** Property names whose values are EC2/IAM identifiers with a fixed format. */
const FORMATS: Record<string, Format> = {
  ImageId: IMAGE,
  VpcId: VPC,
  SubnetId: SUBNET,
  SubnetIds: SUBNET,
  SourceSecurityGroupId: SECURITY_GROUP,
  DestinationSecurityGroupId: SECURITY_GROUP,
  SecurityGroupIds: SECURITY_GROUP,
  VpcSecurityGroupIds: SECURITY_GROUP,
  RoleArn: ROLE_ARN,
  KmsKeyId: KMS_KEY,
  KmsMasterKeyId: KMS_KEY,
  KMSMasterKeyID: KMS_KEY,
  KMSMasterKeyId: KMS_KEY,
};

const MAX_DEPTH = 60;

/** E1150–E1162: literal identifiers (AMI, VPC, subnet, security group, role ARN, KMS key) have their AWS format. */
export const valueFormats: TemplateCheck = {
  codes: ['E1150', 'E1151', 'E1152', 'E1154', 'E1156', 'E1162'],
  run({ model, report }) {
    const checkValue = (node: Node, format: Format, name: string, depth: number): void => {
      if (!node || depth > MAX_DEPTH) return;
      const call = intrinsicOf(node, { allowCondition: false });
      if (call) {
        if (call.name === 'Fn::If' && isSeq(call.arg)) for (const branch of call.arg.items.slice(1)) checkValue(branch as Node, format, name, depth + 1);
        return;
      }
      if (isSeq(node)) {
        for (const item of node.items) checkValue(item as Node, format, name, depth + 1);
        return;
      }
      if (!isLiteralScalar(node) || typeof node.value !== 'string') return;
      const value = scalarString(node) ?? '';
      if (hasDynamicReference(value)) return;
      if (!format.pattern.test(value)) report(format.code, model.rangeOf(node), `"${value}" is not a valid ${format.label} for ${name}`);
    };
    for (const resource of model.resources.values()) {
      if (resource.type?.startsWith('Custom::') || resource.type === 'AWS::CloudFormation::CustomResource') continue;
      forEachKeyed(resource.properties?.value, (key) => (Object.hasOwn(FORMATS, key) ? FORMATS[key] : undefined), (value, key, format, depth) => checkValue(value, format, key, depth));
    }
  },
};
