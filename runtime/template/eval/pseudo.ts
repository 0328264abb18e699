import { LOCAL_ACCOUNT } from '../../common/ids';

/** The values behind CloudFormation's pseudo parameters for one stack. */
export interface PseudoValues {
  stackName: string;
  stackId: string;
  region: string;
  accountId: string;
  partition: string;
  urlSuffix: string;
  notificationArns: string[];
}

/** A stack id in CloudFormation's ARN form (`arn:aws:cloudformation:REGION:ACCOUNT:stack/NAME/UUID`). */
export function stackArn(name: string, uuid: string, region = LOCAL_ACCOUNT.region, accountId = LOCAL_ACCOUNT.accountId): string {
  return `arn:${partitionOf(region)}:cloudformation:${region}:${accountId}:stack/${name}/${uuid}`;
}

/** aws, aws-cn or aws-us-gov, from the region's prefix as AWS assigns partitions. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return LOCAL_ACCOUNT.partition;
}

export function urlSuffixOf(region: string): string {
  return region.startsWith('cn-') ? 'amazonaws.com.cn' : LOCAL_ACCOUNT.urlSuffix;
}

export function pseudoValues(stackName: string, stackId: string, region = LOCAL_ACCOUNT.region, accountId = LOCAL_ACCOUNT.accountId): PseudoValues {
  return { stackName, stackId, region, accountId, partition: partitionOf(region), urlSuffix: urlSuffixOf(region), notificationArns: [] };
}

/** The value of `Ref` on a pseudo parameter; `undefined` when the name is not one. */
export function pseudoRef(name: string, pseudo: PseudoValues): unknown {
  switch (name) {
    case 'AWS::StackName':
      return pseudo.stackName;
    case 'AWS::StackId':
      return pseudo.stackId;
    case 'AWS::Region':
      return pseudo.region;
    case 'AWS::AccountId':
      return pseudo.accountId;
    case 'AWS::Partition':
      return pseudo.partition;
    case 'AWS::URLSuffix':
      return pseudo.urlSuffix;
    case 'AWS::NotificationARNs':
      return pseudo.notificationArns;
    default:
      return undefined;
  }
}

/**
 * Availability zones per region (us-east-1 as the Fn::GetAZs reference documents it); Fn::GetAZs
 * returns these (other regions get three zones a–c, the common case).
 */
const ZONE_LETTERS: Record<string, string> = {
  'us-east-1': 'abcde',
  'us-east-2': 'abc',
  'us-west-1': 'ac',
  'us-west-2': 'abcd',
  'eu-west-1': 'abc',
  'ap-northeast-1': 'acd',
};

export function availabilityZones(region: string): string[] {
  return [...(ZONE_LETTERS[region] ?? 'abc')].map((letter) => `${region}${letter}`);
}
