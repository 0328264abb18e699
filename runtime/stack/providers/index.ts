/**
 * Registers every resource provider with the stack engine. Each engine adds one
 * import line here for the types it makes real (CodeBuild projects, CodeDeploy
 * applications, CodePipeline pipelines, CodeCommit repositories…).
 */
import '../../pipeline/provider';
