import { registeredActionProviders, type ActionTypeInfo, type ArtifactRules } from '../actions/provider';

/**
 * The action types CodePipeline documents that run only in AWS (no local provider), by
 * category and provider: what the editor checks their configuration, variables and artifacts
 * against. A type with a local provider carries the same facts itself
 * (runtime/pipelines/actions/*.ts); `actionType` and `providersOf` answer from both.
 */

const ONE_IN: ArtifactRules = { inputs: [1, 1], outputs: [0, 0] };
const SOURCE: ArtifactRules = { inputs: [0, 0], outputs: [1, 1] };
const UP_TO_FIVE: ArtifactRules = { inputs: [0, 5], outputs: [0, 5] };

const T = (category: string, provider: string, description: string, required: string[], optional: string[], variables: string[] | 'any', artifacts?: ArtifactRules, owner: 'AWS' | 'ThirdParty' = 'AWS'): ActionTypeInfo => ({ category, provider, owner, description, required, optional, variables, ...(artifacts ? { artifacts } : {}) });

export const CATEGORIES = ['Source', 'Build', 'Test', 'Deploy', 'Approval', 'Invoke', 'Compute'];

const AWS_ONLY_TYPES: ActionTypeInfo[] = [
  T('Source', 'S3', 'Takes an object (a ZIP) from an S3 bucket.', ['S3Bucket', 'S3ObjectKey'], ['PollForSourceChanges', 'AllowOverrideForS3ObjectKey'], ['ETag', 'VersionId'], SOURCE),
  T('Source', 'ECR', 'Starts on a new image pushed to an ECR repository.', ['RepositoryName'], ['ImageTag'], ['RegistryId', 'RepositoryName', 'ImageTag', 'ImageDigest', 'ImageURI'], SOURCE),
  T('Source', 'CodeStarSourceConnection', 'Takes a branch of a GitHub, GitLab or Bitbucket repository through a connection.', ['ConnectionArn', 'FullRepositoryId', 'BranchName'], ['OutputArtifactFormat', 'DetectChanges'], ['AuthorDate', 'BranchName', 'CommitId', 'CommitMessage', 'ConnectionArn', 'FullRepositoryName'], SOURCE),
  T('Source', 'GitHub', 'GitHub (version 1, OAuth token) source action.', ['Owner', 'Repo', 'Branch', 'OAuthToken'], ['PollForSourceChanges'], ['AuthorDate', 'BranchName', 'CommitId', 'CommitMessage', 'CommitterDate', 'CommitUrl', 'RepositoryName'], undefined, 'ThirdParty'),
  T('Build', 'Jenkins', 'Runs a Jenkins job through the CodePipeline plugin.', ['ProjectName'], [], 'any', UP_TO_FIVE, 'ThirdParty'),
  T('Test', 'DeviceFarm', 'Runs tests on AWS Device Farm.', ['ProjectId', 'DevicePoolArn', 'AppType', 'TestType'], ['App', 'Test', 'RadioBluetoothEnabled', 'RecordAppPerformanceData', 'RecordVideo', 'RadioWifiEnabled', 'RadioNfcEnabled', 'RadioGpsEnabled', 'Latitude', 'Longitude', 'FuzzEventCount', 'FuzzEventThrottle', 'FuzzRandomizerSeed', 'CustomHostMachineArtifacts', 'CustomDeviceArtifacts', 'JobTimeoutMinutes'], 'any', ONE_IN),
  T('Deploy', 'CloudFormationStackSet', 'Creates or updates a StackSet and its instances.', ['StackSetName', 'TemplatePath', 'DeploymentTargets'], ['Description', 'Parameters', 'Capabilities', 'PermissionModel', 'AdministrationRoleArn', 'ExecutionRoleName', 'OrganizationsAutoDeployment', 'Regions', 'FailureTolerancePercentage', 'FailureToleranceCount', 'MaxConcurrentPercentage', 'MaxConcurrentCount', 'ConcurrencyMode'], 'any'),
  T('Deploy', 'CloudFormationStackInstances', 'Creates or updates instances of a StackSet.', ['StackSetName', 'DeploymentTargets', 'Regions'], ['ParameterOverrides', 'FailureTolerancePercentage', 'FailureToleranceCount', 'MaxConcurrentPercentage', 'MaxConcurrentCount', 'ConcurrencyMode'], 'any'),
  T('Deploy', 'CodeDeployToECS', 'Blue/green deployment of an ECS service through CodeDeploy.', ['ApplicationName', 'DeploymentGroupName', 'TaskDefinitionTemplateArtifact', 'AppSpecTemplateArtifact'], ['TaskDefinitionTemplatePath', 'AppSpecTemplatePath', 'Image1ArtifactName', 'Image1ContainerName', 'Image2ArtifactName', 'Image2ContainerName', 'Image3ArtifactName', 'Image3ContainerName', 'Image4ArtifactName', 'Image4ContainerName'], 'any'),
  T('Deploy', 'ECS', 'Rolling update of an ECS service with an image definitions file.', ['ClusterName', 'ServiceName'], ['FileName', 'DeploymentTimeout'], 'any', ONE_IN),
  T('Deploy', 'ElasticBeanstalk', 'Deploys an application version to an Elastic Beanstalk environment.', ['ApplicationName', 'EnvironmentName'], [], 'any', ONE_IN),
  { ...T('Deploy', 'S3', 'Copies the input artifact to an S3 bucket, extracted or as one object.', ['BucketName', 'Extract'], ['ObjectKey', 'KMSEncryptionKeyARN', 'CannedACL', 'CacheControl'], 'any', ONE_IN), requiredWhen: (configuration) => (/^false$/i.test(configuration.Extract ?? '') ? ['ObjectKey'] : []) },
  T('Deploy', 'AppConfig', 'Deploys configuration with AWS AppConfig.', ['Application', 'Environment', 'ConfigurationProfile', 'InputArtifactConfigurationPath', 'DeploymentStrategy'], [], 'any'),
  T('Deploy', 'EKS', 'Deploys Helm charts or manifests to an EKS cluster.', ['ClusterName'], ['ManifestFiles', 'HelmReleaseName', 'HelmChartLocation', 'HelmValuesFiles', 'Namespace', 'Subnets', 'SecurityGroupIds'], 'any'),
  T('Deploy', 'ServiceCatalog', 'Publishes a new version of a Service Catalog product.', ['ProductId', 'TemplateFilePath', 'ProductVersionName', 'ProductType'], ['ProductVersionDescription', 'ConfigurationFilePath'], 'any', ONE_IN),
  T('Deploy', 'OpsWorks', 'Deploys to an OpsWorks stack.', ['Stack', 'App'], ['Layer', 'DeploymentType'], 'any', ONE_IN),
  T('Invoke', 'Lambda', 'Invokes a Lambda function, which reports the result back to the pipeline.', ['FunctionName'], ['UserParameters'], 'any', UP_TO_FIVE),
  T('Invoke', 'StepFunctions', 'Starts a Step Functions state machine execution.', ['StateMachineArn'], ['ExecutionNamePrefix', 'InputType', 'Input'], 'any'),
  T('Compute', 'Commands', 'Runs shell commands (the action\'s `commands`) in a CodeBuild compute environment.', [], [], 'any'),
  T('Build', 'Commands', 'Runs shell commands (the action\'s `commands`) in a CodeBuild compute environment.', [], [], 'any'),
];

/** Built-in namespaces every action can read. */
export const BUILTIN_NAMESPACES: Record<string, string[]> = {
  codepipeline: ['PipelineExecutionId'],
};

/** Every known type: the registered providers first, then the AWS-only types no provider runs. */
function allTypes(): ActionTypeInfo[] {
  const local = registeredActionProviders();
  return [...local, ...AWS_ONLY_TYPES.filter((t) => !local.some((p) => p.category === t.category && p.provider === t.provider))];
}

export function actionType(category: string | undefined, provider: string | undefined): ActionTypeInfo | undefined {
  return allTypes().find((t) => t.category === category && t.provider === provider);
}

export function providersOf(category: string | undefined): ActionTypeInfo[] {
  return allTypes().filter((t) => !category || t.category === category);
}

/** Keys a configuration needs: the type's required keys and those another key's value calls for. */
export function requiredKeys(info: ActionTypeInfo, configuration: Record<string, string | undefined>): string[] {
  return [...info.required, ...(info.requiredWhen?.(configuration) ?? [])];
}
