/**
 * The one place where plug-ins meet their registries. Each engine defines a registry
 * (stacks/provider.ts for resource providers, pipelines/actions/provider.ts for
 * pipeline actions, repos/events.ts for push listeners, validate.ts for document
 * checks) and never imports what registers with it; the entry points (the CLI, the
 * language server, the extension) import this file once, so a new plug-in is one
 * line here. Order does not matter: registration only fills maps.
 */

// Resource providers (the stack engine's Slipway::Local::* and the AWS types made real).
// An engine's provider for the stack engine is its stack-resource(s).ts; provider.ts is
// always a registry (stacks/provider.ts, pipelines/actions/provider.ts).
import './stacks/providers/simulated';
import './stacks/providers/local-file';
import './stacks/providers/local-directory';
import './stacks/providers/local-command';
import './stacks/providers/ssm-parameter';
import './stacks/providers/s3-bucket';
import './stacks/providers/custom-resource';
import './stacks/providers/nested-stack';
import './stacks/providers/wait-condition-handle';
import './builds/stack-resource';
import './deployments/stack-resources';
import './repos/stack-resource';
import './pipelines/stack-resource';

// Pipeline action providers.
import './pipelines/actions/manual-approval';
import './pipelines/actions/command';
import './pipelines/actions/codecommit';
import './pipelines/actions/local-git';
import './pipelines/actions/codebuild';
import './pipelines/actions/cloudformation';
import './pipelines/actions/codedeploy';

// Push listeners (a push to a hosted repository starts the pipelines watching it).
import './push-listeners';

// Document checks (templates, buildspecs, appspecs, pipeline declarations).
import './checks';
