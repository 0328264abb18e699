import type { TemplateCheck } from './context';
import { sqsQueueTypes } from './sqs-queue-types';
import { s3Ownership } from './s3-ownership';
import { rdsClusterInstances } from './rds-cluster-instances';
import { ecsServiceTasks } from './ecs-service-tasks';
import { apiGatewayLinks } from './apigateway-links';
import { backupLifecycle } from './backup-lifecycle';
import { cidrNetworks } from './cidr-networks';
import { cloudFrontAliases } from './cloudfront-aliases';
import { codePipelineStages } from './codepipeline-stages';
import { collectionKeys } from './collection-keys';
import { conditionRefs } from './condition-refs';
import { conditionalRequired } from './conditional-required';
import { conditions } from './conditions';
import { cycles } from './cycles';
import { dependsOnCheck } from './depends-on';
import { dynamoDbAttributes } from './dynamodb-attributes';
import { ebsVolumes } from './ebs-volumes';
import { elastiCacheFailover } from './elasticache-failover';
import { elastiCacheNodeTypes } from './elasticache-node-types';
import { embeddedSub } from './embedded-sub';
import { exclusiveProperties } from './exclusive-properties';
import { findInMap } from './findinmap';
import { getAttTarget } from './getatt';
import { iamPolicies } from './iam-policies';
import { iamRolePaths } from './iam-role-paths';
import { intrinsicArguments } from './intrinsic-arguments';
import { intrinsicResults } from './intrinsic-results';
import { lambdaRuntimes } from './lambda-runtimes';
import { logSubscriptionFilters } from './log-subscription-filters';
import { mappings } from './mappings';
import { modules } from './modules';
import { nestedStackParameters } from './nested-stack-parameters';
import { nullValues } from './null-values';
import { outputs } from './outputs';
import { parameters } from './parameters';
import { policyAttributes } from './policy-attributes';
import { propertyAllowed } from './property-allowed';
import { propertyLimits } from './property-limits';
import { propertyRequired } from './property-required';
import { propertyType } from './property-type';
import { propertyUnknown } from './property-unknown';
import { rdsEngines } from './rds-engines';
import { refTarget } from './ref';
import { resourcePolicies } from './resource-policies';
import { route53Records } from './route53-records';
import { routeTableAssociations } from './route-table-associations';
import { resourceStructure } from './resource-structure';
import { resourceType } from './resource-type';
import { samResources } from './sam-resources';
import { serviceLifecycleCheck } from './service-lifecycle';
import { securityGroupPorts } from './security-group-ports';
import { securityGroupRefs } from './security-group-refs';
import { subCheck } from './sub';
import { subnetCidrs } from './subnet-cidrs';
import { templateLimits } from './template-limits';
import { templateStructure } from './template-structure';
import { uniqueIdentifiers } from './unique-identifiers';
import { uniqueItems } from './unique-items';
import { unusedDeclarations } from './unused';
import { valueFormats } from './value-formats';

/** Every template check, in the order their findings are most useful to read. */
export const TEMPLATE_CHECKS: TemplateCheck[] = [
  templateStructure,
  templateLimits,
  collectionKeys,
  parameters,
  mappings,
  conditions,
  nullValues,
  resourceStructure,
  resourceType,
  serviceLifecycleCheck,
  samResources,
  resourcePolicies,
  policyAttributes,
  propertyUnknown,
  propertyRequired,
  conditionalRequired,
  propertyType,
  propertyAllowed,
  propertyLimits,
  valueFormats,
  securityGroupPorts,
  securityGroupRefs,
  lambdaRuntimes,
  logSubscriptionFilters,
  uniqueIdentifiers,
  uniqueItems,
  iamPolicies,
  iamRolePaths,
  route53Records,
  routeTableAssociations,
  exclusiveProperties,
  dynamoDbAttributes,
  ebsVolumes,
  elastiCacheFailover,
  elastiCacheNodeTypes,
  backupLifecycle,
  codePipelineStages,
  rdsEngines,
  rdsClusterInstances,
  sqsQueueTypes,
  apiGatewayLinks,
  ecsServiceTasks,
  s3Ownership,
  subnetCidrs,
  cidrNetworks,
  cloudFrontAliases,
  nestedStackParameters,
  modules,
  refTarget,
  getAttTarget,
  subCheck,
  embeddedSub,
  findInMap,
  intrinsicArguments,
  intrinsicResults,
  dependsOnCheck,
  conditionRefs,
  cycles,
  outputs,
  unusedDeclarations,
];
