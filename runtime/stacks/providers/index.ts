/**
 * Registers every resource provider with the stack engine. Each engine adds one
 * import line here for the types it makes real (CodeBuild projects, CodeDeploy
 * applications, CodePipeline pipelines, CodeCommit repositories…).
 */
import '../../pipelines/provider';
import './simulated';
import './local-file';
import './local-directory';
import './local-command';
import './ssm-parameter';
import './s3-bucket';
import './custom-resource';
import './nested-stack';
import './wait-condition-handle';
import '../../deployments/providers';
import '../../repos/provider';
import '../../builds/provider';
