import type { ServiceDefinition } from './types';
import { cloudFormation } from './cloudformation';
import { codebuildService } from './codebuild';
import { codedeployService } from './codedeploy';
import { codepipelineService } from './codepipeline';
import { codecommitService } from './codecommit';
import { s3 } from './s3';
import { secretsManager } from './secretsmanager';
import { ssm } from './ssm';
import { sts } from './sts';

/**
 * Every AWS service `slipway serve` answers, one per line: a service folder adds its
 * own line (this file merges with git's union driver, see .gitattributes).
 */
export const SERVICES: ServiceDefinition[] = [
  cloudFormation,
  sts,
  s3,
  ssm,
  secretsManager,
  codebuildService,
  codedeployService,
  codepipelineService,
  codecommitService,
];
