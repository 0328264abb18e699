import * as vscode from 'vscode';
import { DeployEngine } from '../../runtime/deployments/engine';
import type { Deployment, DeploymentGroup, InstanceRun } from '../../runtime/deployments/records';
import { isListening, serviceUrl } from '../../runtime/deployments/service-urls';
import type { Ctx } from '../ctx';
import { ago, duration, statusIcon, type Node } from '../common/node-tree';

/** How many deployments a group shows (newest first), and how many records the view reads. */
const SHOWN_PER_GROUP = 20;
const READ_AT_MOST = 500;

/**
 * The Deployments view: applications → deployment groups → deployments → instances →
 * lifecycle events (status, duration; a click opens the event's output).
 */
export function loadDeployments(ctx: Ctx): Node[] {
  const engine = new DeployEngine(ctx.store());
  const deployments = engine.listDeployments({ limit: READ_AT_MOST });
  return engine.registry.listApplications().map((app) => {
    const groups = engine.registry.listGroups(app.name);
    const latest = deployments.find((d) => d.application === app.name);
    return {
    id: `deploy/app/${app.name}`,
    label: app.name,
    description: [`${groups.length} group${groups.length === 1 ? '' : 's'}`, latest ? `last ${latest.status} ${ago(latest.createTime)}` : 'no deployments yet'].join(' · '),
    tooltip: `CodeDeploy application ${app.name}`,
    icon: 'package',
    contextValue: 'slipway.deployApplication',
    data: { application: app.name },
    expanded: true,
    children: () => groups.map((group) => groupNode(engine, group, deployments.filter((d) => d.application === app.name && d.group === group.name))),
    };
  });
}

function groupNode(engine: DeployEngine, group: DeploymentGroup, deployments: Deployment[]): Node {
  const instances = engine.registry.groupInstances(group);
  return {
    id: `deploy/group/${group.application}/${group.name}`,
    label: group.name,
    description: `${instances.length} instance${instances.length === 1 ? '' : 's'} · ${group.config.replace('CodeDeployDefault.', '')}${group.blueGreen ? ' · blue/green' : ''}`,
    tooltip: instances.map((i) => `${i.name}: ${i.root}`).join('\n'),
    icon: 'server-environment',
    contextValue: 'slipway.deployGroup',
    data: { application: group.application, group: group.name },
    expanded: true,
    children: () => deployments.slice(0, SHOWN_PER_GROUP).map((d, i) => deploymentNode(d, i === 0)),
  };
}

function deploymentNode(d: Deployment, latest: boolean): Node {
  const running = d.status === 'InProgress';
  const took = d.completeTime ? Date.parse(d.completeTime) - Date.parse(d.createTime) : undefined;
  const note = d.rollbackOf ? ` · rollback of ${d.rollbackOf}` : d.rollback ? ` · rolled back by ${d.rollback.id}` : '';
  return {
    id: `deploy/run/${d.id}`,
    label: d.id,
    description: `${d.status} · ${ago(d.createTime)}${took === undefined ? '' : ` · ${duration(took)}`}${note}`,
    tooltip: new vscode.MarkdownString(`**${d.status}**${d.errorMessage ? ` — ${d.errorMessage}` : ''}\n\nrevision \`${d.revision.source}\`\n\nconfig ${d.config}`),
    ...statusIcon(d.status),
    contextValue: running ? 'slipway.deployment.running' : 'slipway.deployment',
    data: { id: d.id },
    expanded: running,
    // The group's latest good deployment is what the instances serve now: show where, and whether it answers.
    children: async () => Promise.all(d.instances.map(async (run) => instanceNode(d, run, latest && d.status === 'Succeeded' ? await liveUrl(run) : undefined))),
  };
}

async function liveUrl(run: InstanceRun): Promise<{ url: string; live: boolean } | undefined> {
  const url = serviceUrl(run);
  return url ? { url, live: await isListening(url) } : undefined;
}

function instanceNode(d: Deployment, run: InstanceRun, serving?: { url: string; live: boolean }): Node {
  return {
    id: `deploy/run/${d.id}/${run.name}`,
    label: run.name,
    description: [run.status, run.role, serving ? `${serving.url}${serving.live ? '' : ' (not answering)'}` : undefined].filter(Boolean).join(' · '),
    tooltip: `${run.root}${serving ? `\nserves at ${serving.url}${serving.live ? '' : ' — nothing answers there now'}` : ''}`,
    data: serving?.live ? { url: serving.url } : undefined,
    ...statusIcon(run.status),
    contextValue: serving?.live ? 'slipway.deploymentInstance.serving' : 'slipway.deploymentInstance',
    expanded: run.status === 'InProgress' || run.status === 'Failed',
    children: () =>
      run.events.map((event) => ({
        id: `deploy/run/${d.id}/${run.name}/${event.name}`,
        label: event.name,
        description: [event.status, duration(event.durationMs)].filter(Boolean).join(' · '),
        tooltip: event.message,
        ...statusIcon(event.status),
        contextValue: event.logFile ? 'slipway.deploymentEvent.log' : 'slipway.deploymentEvent',
        data: { logFile: event.logFile },
        command: event.logFile ? { command: 'slipway.deployments.openLog', title: 'Open Output', arguments: [event.logFile] } : undefined,
      })),
  };
}
