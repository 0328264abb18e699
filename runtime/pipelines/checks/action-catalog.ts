/**
 * The action types CodePipeline documents, by category and provider: configuration
 * keys (required and optional) and the output variables a namespace publishes.
 * `variables: 'any'` marks providers whose variables depend on the run (CodeBuild's
 * exported variables, CloudFormation's stack outputs, a Lambda's output).
 */
export interface ActionTypeInfo {
  category: string;
  provider: string;
  owner: 'AWS' | 'ThirdParty';
  description: string;
  required: string[];
  optional: string[];
  variables: string[] | 'any';
}

const T = (category: string, provider: string, description: string, required: string[], optional: string[], variables: string[] | 'any', owner: 'AWS' | 'ThirdParty' = 'AWS'): ActionTypeInfo => ({ category, provider, owner, description, required, optional, variables });

export const CATEGORIES = ['Source', 'Build', 'Test', 'Deploy', 'Approval', 'Invoke', 'Compute'];

const CODEBUILD_OPTIONAL = ['PrimarySource', 'BatchEnabled', 'CombineArtifacts', 'EnvironmentVariables'];

export const ACTION_TYPES: ActionTypeInfo[] = [
  T('Source', 'CodeCommit', 'Takes the head of a CodeCommit branch (Slipway: a hosted repository of the local account).', ['RepositoryName', 'BranchName'], ['PollForSourceChanges', 'OutputArtifactFormat'], ['CommitId', 'CommitMessage', 'RepositoryName', 'BranchName', 'AuthorDate', 'CommitterDate']),
  T('Source', 'S3', 'Takes an object (a ZIP) from an S3 bucket.', ['S3Bucket', 'S3ObjectKey'], ['PollForSourceChanges', 'AllowOverrideForS3ObjectKey'], ['ETag', 'VersionId']),
  T('Source', 'ECR', 'Starts on a new image pushed to an ECR repository.', ['RepositoryName'], ['ImageTag'], ['RegistryId', 'RepositoryName', 'ImageTag', 'ImageDigest', 'ImageURI']),
  T('Source', 'CodeStarSourceConnection', 'Takes a branch of a GitHub, GitLab or Bitbucket repository through a connection.', ['ConnectionArn', 'FullRepositoryId', 'BranchName'], ['OutputArtifactFormat', 'DetectChanges'], ['AuthorDate', 'BranchName', 'CommitId', 'CommitMessage', 'ConnectionArn', 'FullRepositoryName']),
  T('Source', 'GitHub', 'GitHub (version 1, OAuth token) source action.', ['Owner', 'Repo', 'Branch', 'OAuthToken'], ['PollForSourceChanges'], ['AuthorDate', 'BranchName', 'CommitId', 'CommitMessage', 'CommitterDate', 'CommitUrl', 'RepositoryName'], 'ThirdParty'),
  T('Build', 'CodeBuild', 'Runs a CodeBuild project (Slipway: a local build of the project\'s buildspec).', ['ProjectName'], CODEBUILD_OPTIONAL, 'any'),
  T('Build', 'Jenkins', 'Runs a Jenkins job through the CodePipeline plugin.', ['ProjectName'], [], 'any', 'ThirdParty'),
  T('Test', 'CodeBuild', 'Runs a CodeBuild project as a test action.', ['ProjectName'], CODEBUILD_OPTIONAL, 'any'),
  T('Test', 'DeviceFarm', 'Runs tests on AWS Device Farm.', ['ProjectId', 'DevicePoolArn', 'AppType', 'TestType'], ['App', 'Test', 'RadioBluetoothEnabled', 'RecordAppPerformanceData', 'RecordVideo', 'RadioWifiEnabled', 'RadioNfcEnabled', 'RadioGpsEnabled', 'Latitude', 'Longitude', 'FuzzEventCount', 'FuzzEventThrottle', 'FuzzRandomizerSeed', 'CustomHostMachineArtifacts', 'CustomDeviceArtifacts', 'JobTimeoutMinutes'], 'any'),
  T('Deploy', 'CloudFormation', 'Creates, updates or deletes a stack or a change set (Slipway: the local stack engine).', ['ActionMode', 'StackName'], ['Capabilities', 'ChangeSetName', 'TemplatePath', 'TemplateConfiguration', 'ParameterOverrides', 'OutputFileName', 'RoleArn'], 'any'),
  T('Deploy', 'CloudFormationStackSet', 'Creates or updates a StackSet and its instances.', ['StackSetName', 'TemplatePath', 'DeploymentTargets'], ['Description', 'Parameters', 'Capabilities', 'PermissionModel', 'AdministrationRoleArn', 'ExecutionRoleName', 'OrganizationsAutoDeployment', 'Regions', 'FailureTolerancePercentage', 'FailureToleranceCount', 'MaxConcurrentPercentage', 'MaxConcurrentCount', 'ConcurrencyMode'], 'any'),
  T('Deploy', 'CloudFormationStackInstances', 'Creates or updates instances of a StackSet.', ['StackSetName', 'DeploymentTargets', 'Regions'], ['ParameterOverrides', 'FailureTolerancePercentage', 'FailureToleranceCount', 'MaxConcurrentPercentage', 'MaxConcurrentCount', 'ConcurrencyMode'], 'any'),
  T('Deploy', 'CodeDeploy', 'Deploys a revision to a CodeDeploy deployment group (Slipway: the local deploy engine).', ['ApplicationName', 'DeploymentGroupName'], [], 'any'),
  T('Deploy', 'CodeDeployToECS', 'Blue/green deployment of an ECS service through CodeDeploy.', ['ApplicationName', 'DeploymentGroupName', 'TaskDefinitionTemplateArtifact', 'AppSpecTemplateArtifact'], ['TaskDefinitionTemplatePath', 'AppSpecTemplatePath', 'Image1ArtifactName', 'Image1ContainerName', 'Image2ArtifactName', 'Image2ContainerName', 'Image3ArtifactName', 'Image3ContainerName', 'Image4ArtifactName', 'Image4ContainerName'], 'any'),
  T('Deploy', 'ECS', 'Rolling update of an ECS service with an image definitions file.', ['ClusterName', 'ServiceName'], ['FileName', 'DeploymentTimeout'], 'any'),
  T('Deploy', 'ElasticBeanstalk', 'Deploys an application version to an Elastic Beanstalk environment.', ['ApplicationName', 'EnvironmentName'], [], 'any'),
  T('Deploy', 'S3', 'Copies the input artifact to an S3 bucket, extracted or as one object.', ['BucketName', 'Extract'], ['ObjectKey', 'KMSEncryptionKeyARN', 'CannedACL', 'CacheControl'], 'any'),
  T('Deploy', 'AppConfig', 'Deploys configuration with AWS AppConfig.', ['Application', 'Environment', 'ConfigurationProfile', 'InputArtifactConfigurationPath', 'DeploymentStrategy'], [], 'any'),
  T('Deploy', 'EKS', 'Deploys Helm charts or manifests to an EKS cluster.', ['ClusterName'], ['ManifestFiles', 'HelmReleaseName', 'HelmChartLocation', 'HelmValuesFiles', 'Namespace', 'Subnets', 'SecurityGroupIds'], 'any'),
  T('Deploy', 'ServiceCatalog', 'Publishes a new version of a Service Catalog product.', ['ProductId', 'TemplateFilePath', 'ProductVersionName', 'ProductType'], ['ProductVersionDescription', 'ConfigurationFilePath'], 'any'),
  T('Deploy', 'OpsWorks', 'Deploys to an OpsWorks stack.', ['Stack', 'App'], ['Layer', 'DeploymentType'], 'any'),
  T('Invoke', 'Lambda', 'Invokes a Lambda function, which reports the result back to the pipeline.', ['FunctionName'], ['UserParameters'], 'any'),
  T('Invoke', 'StepFunctions', 'Starts a Step Functions state machine execution.', ['StateMachineArn'], ['ExecutionNamePrefix', 'InputType', 'Input'], 'any'),
  T('Approval', 'Manual', 'Pauses the pipeline until someone approves or rejects (Slipway: `slipway pipeline approve` or the Pipelines view).', [], ['NotificationArn', 'CustomData', 'ExternalEntityLink'], ['ApprovalSummary']),
  T('Compute', 'Commands', 'Runs shell commands (the action\'s `commands`) in a CodeBuild compute environment.', [], [], 'any'),
  T('Build', 'Commands', 'Runs shell commands (the action\'s `commands`) in a CodeBuild compute environment.', [], [], 'any'),
];

/** Built-in namespaces every action can read. */
export const BUILTIN_NAMESPACES: Record<string, string[]> = {
  codepipeline: ['PipelineExecutionId'],
};

export function actionType(category: string | undefined, provider: string | undefined): ActionTypeInfo | undefined {
  return ACTION_TYPES.find((t) => t.category === category && t.provider === provider);
}

export function providersOf(category: string | undefined): ActionTypeInfo[] {
  return ACTION_TYPES.filter((t) => !category || t.category === category);
}

/** Conditional requirements: keys a configuration needs because of another key's value. */
export function conditionallyRequired(info: ActionTypeInfo, configuration: Record<string, string | undefined>): string[] {
  if (info.provider === 'CloudFormation' && /^CHANGE_SET_(REPLACE|EXECUTE)$/.test(configuration.ActionMode ?? '')) return ['ChangeSetName'];
  if (info.provider === 'CloudFormation' && /^(CREATE_UPDATE|REPLACE_ON_FAILURE|CHANGE_SET_REPLACE)$/.test(configuration.ActionMode ?? '')) return ['TemplatePath'];
  if (info.category === 'Deploy' && info.provider === 'S3' && /^false$/i.test(configuration.Extract ?? '')) return ['ObjectKey'];
  return [];
}

export const CLOUDFORMATION_ACTION_MODES = ['CHANGE_SET_EXECUTE', 'CHANGE_SET_REPLACE', 'CREATE_UPDATE', 'DELETE_ONLY', 'REPLACE_ON_FAILURE'];
