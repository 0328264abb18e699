import { userArn, userId } from '../identity';
import type { ServiceDefinition } from '../types';

/** AWS STS (awsQuery): who the signed request's access key belongs to. */
export const sts: ServiceDefinition = {
  signingName: 'sts',
  protocol: 'awsQuery',
  version: '2011-06-15',
  xmlNamespace: 'https://sts.amazonaws.com/doc/2011-06-15/',
  operations: {
    // https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html
    async GetCallerIdentity(_input, ctx) {
      return { UserId: userId(ctx.user), Account: ctx.accountId, Arn: userArn(ctx) };
    },
  },
};
