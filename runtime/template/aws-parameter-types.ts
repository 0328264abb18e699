// CloudFormation's parameter types: the AWS-specific ones, whose values must name something
// that exists in the account and region, and the Systems Manager ones, read from Parameter
// Store at create and update time ("Specify existing resources at runtime with
// CloudFormation-supplied parameter types").
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-supplied-parameter-types.html

const EC2_ID = (prefix: string) => new RegExp(`^${prefix}-([0-9a-f]{8}|[0-9a-f]{17})$`);

export interface AwsParameterType {
  /** The form of a value (EC2's ids: prefix and 8 or 17 hex digits); undefined: any text. */
  format?: RegExp;
  /** The resource type whose resources the values name, and the identifier the value is. */
  resource?: { type: string; identifier: string };
}

export const AWS_PARAMETER_TYPES: Record<string, AwsParameterType> = {
  'AWS::EC2::AvailabilityZone::Name': {},
  'AWS::EC2::Image::Id': { format: EC2_ID('ami') },
  'AWS::EC2::Instance::Id': { format: EC2_ID('i'), resource: { type: 'AWS::EC2::Instance', identifier: 'InstanceId' } },
  'AWS::EC2::KeyPair::KeyName': { resource: { type: 'AWS::EC2::KeyPair', identifier: 'KeyName' } },
  'AWS::EC2::SecurityGroup::GroupName': { resource: { type: 'AWS::EC2::SecurityGroup', identifier: 'GroupName' } },
  'AWS::EC2::SecurityGroup::Id': { format: EC2_ID('sg'), resource: { type: 'AWS::EC2::SecurityGroup', identifier: 'GroupId' } },
  'AWS::EC2::Subnet::Id': { format: EC2_ID('subnet'), resource: { type: 'AWS::EC2::Subnet', identifier: 'SubnetId' } },
  'AWS::EC2::Volume::Id': { format: EC2_ID('vol'), resource: { type: 'AWS::EC2::Volume', identifier: 'VolumeId' } },
  'AWS::EC2::VPC::Id': { format: EC2_ID('vpc'), resource: { type: 'AWS::EC2::VPC', identifier: 'VpcId' } },
  'AWS::Route53::HostedZone::Id': { resource: { type: 'AWS::Route53::HostedZone', identifier: 'Id' } },
};

export const AWS_PARAMETER_TYPE_NAMES = Object.keys(AWS_PARAMETER_TYPES);

/** An AWS-specific type (or `List<…>` of one) and whether it is the list form, or undefined. */
export function awsParameterType(type: string): { name: string; spec: AwsParameterType; list: boolean } | undefined {
  const list = /^List<(.+)>$/.exec(type);
  const name = list ? list[1] : type;
  const spec = Object.hasOwn(AWS_PARAMETER_TYPES, name) ? AWS_PARAMETER_TYPES[name] : undefined;
  if (!spec) return undefined;
  return { name, spec, list: !!list };
}
