import { pathToFileURL } from 'node:url';
import { DeployEngine } from '../../deployments/engine';
import type { Deployment } from '../../deployments/records';
import { registerActionProvider, type ActionJob, type ActionOutcome } from './provider';

function describe(deployment: Deployment): string {
  const done = deployment.instances.filter((i) => i.status === 'Succeeded').length;
  return `Deployment ${deployment.id} ${deployment.status}: ${done}/${deployment.instances.length} instances`;
}

/** Deploy/AWS/CodeDeploy: the input artifact is the revision, deployed by the local deploy engine. */
async function runCodeDeploy(job: ActionJob): Promise<ActionOutcome> {
  const revision = job.inputs[0];
  if (!revision) return { status: 'Failed', errorMessage: 'a CodeDeploy action needs an input artifact (the revision)' };
  const engine = new DeployEngine(job.store);
  let current: string | undefined;
  const onAbort = () => {
    if (current) void engine.stop(current, false).catch(() => undefined);
  };
  job.signal.addEventListener('abort', onAbort, { once: true });
  let deployment: Deployment;
  try {
    deployment = await engine.start(job.configuration.ApplicationName, job.configuration.DeploymentGroupName, {
      revision: revision.dir,
      cwd: revision.dir,
      onProgress: (d) => {
        if (current !== d.id) {
          current = d.id;
          job.progress({ summary: describe(d), externalUrl: pathToFileURL(job.store.path('deployments', 'runs', d.id, 'deployment.json')).toString() });
        }
      },
    });
  } finally {
    job.signal.removeEventListener('abort', onAbort);
  }
  const externalUrl = pathToFileURL(job.store.path('deployments', 'runs', deployment.id, 'deployment.json')).toString();
  job.log(describe(deployment));
  if (deployment.status !== 'Succeeded') {
    return { status: 'Failed', errorMessage: `deployment ${deployment.id} ${deployment.status}${deployment.errorMessage ? `: ${deployment.errorMessage}` : ''}`, summary: describe(deployment), externalUrl };
  }
  return { status: 'Succeeded', summary: describe(deployment), externalUrl, outputVariables: { DeploymentId: deployment.id } };
}

registerActionProvider({
  category: 'Deploy',
  owner: 'AWS',
  provider: 'CodeDeploy',
  description: 'Deploys a revision to a CodeDeploy deployment group (Slipway: the local deploy engine).',
  required: ['ApplicationName', 'DeploymentGroupName'],
  optional: [],
  variables: 'any',
  artifacts: { inputs: [1, 1], outputs: [0, 0] },
  async run(job) {
    try {
      return await runCodeDeploy(job);
    } catch (error) {
      return { status: 'Failed', errorMessage: (error as Error).message };
    }
  },
});
