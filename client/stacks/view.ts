import { describeStack } from '../../runtime/stacks/describe';
import { StackStore } from '../../runtime/stacks/stack-store';
import type { StackRecord } from '../../runtime/stacks/types';
import type { Ctx } from '../ctx';
import { ago, statusIcon, type Node } from '../common/node-tree';

/** Codicons for the resource types people meet most; anything else gets a generic box. */
function typeIcon(type: string): string {
  if (type === 'Slipway::Local::File') return 'file';
  if (type === 'Slipway::Local::Directory' || type === 'AWS::S3::Bucket') return 'folder';
  if (type === 'Slipway::Local::Command') return 'terminal';
  if (type === 'AWS::SSM::Parameter') return 'symbol-key';
  if (type === 'AWS::CloudFormation::Stack') return 'layers';
  if (type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource') return 'extensions';
  if (/::(Function|Lambda)/.test(type)) return 'symbol-method';
  if (/::IAM::/.test(type)) return 'shield';
  if (/::CodeBuild::/.test(type)) return 'tools';
  if (/::CodePipeline::/.test(type)) return 'git-pull-request';
  if (/::CodeCommit::/.test(type)) return 'repo';
  if (/::CodeDeploy::/.test(type)) return 'rocket';
  return 'symbol-constructor';
}

function stackNode(ctx: Ctx, record: StackRecord, stacks: StackStore): Node {
  const d = describeStack(record);
  const id = `stack/${d.name}`;
  const group = (key: string, label: string, children: () => Node[], count: number, icon: string): Node => ({
    id: `${id}/${key}`,
    label,
    description: String(count),
    icon,
    children: count ? children : undefined,
  });
  return {
    id,
    label: d.name,
    // Status words are long (UPDATE_ROLLBACK_COMPLETE): the row shows the word, the tooltip when.
    description: d.status,
    tooltip: `${d.name}\n${d.status} · ${ago(d.lastUpdatedTime ?? d.creationTime)}${d.statusReason ? `\n${d.statusReason}` : ''}${d.description ? `\n\n${d.description}` : ''}${d.terminationProtection ? '\nTermination protection on' : ''}`,
    contextValue: d.terminationProtection ? 'slipway.stack.protected' : 'slipway.stack',
    data: { stackName: d.name },
    ...statusIcon(d.status),
    expanded: /_IN_PROGRESS$/.test(d.status),
    children: () => [
      group('parameters', 'Parameters', () => Object.entries(d.parameters).map(([k, v]) => ({ id: `${id}/p/${k}`, label: k, description: v, icon: 'symbol-variable' })), Object.keys(d.parameters).length, 'symbol-parameter'),
      group(
        'resources',
        'Resources',
        () =>
          d.resources.map((r) => ({
            id: `${id}/r/${r.logicalId}`,
            label: r.logicalId,
            description: `${r.type} · ${r.status}${r.simulated ? ' · simulated' : ''}`,
            tooltip: `${r.logicalId} (${r.type})\n${r.status}${r.statusReason ? `\n${r.statusReason}` : ''}\n${r.physicalId ?? 'no physical id'}${r.simulated ? '\nSimulated: nothing real was created for this type.' : ''}`,
            icon: /FAILED$/.test(r.status) ? statusIcon(r.status).icon : typeIcon(r.type),
            iconColor: statusIcon(r.status).iconColor,
            contextValue: 'slipway.stack.resource',
            data: { stackName: d.name, logicalId: r.logicalId, physicalId: r.physicalId },
          })),
        d.resources.length,
        'symbol-class',
      ),
      group('outputs', 'Outputs', () => Object.entries(d.outputs).map(([k, v]) => ({ id: `${id}/o/${k}`, label: k, description: String(v), tooltip: String(v), icon: 'output' })), Object.keys(d.outputs).length, 'export'),
      group(
        'events',
        'Events',
        () =>
          stacks
            .events(d.name)
            .filter((e) => e.status !== 'LOG')
            .reverse()
            .slice(0, 100)
            .map((e) => ({
              id: `${id}/e/${e.eventId}`,
              label: `${e.logicalId} ${e.status}`,
              description: `${ago(e.time)}${e.reason ? ` · ${e.reason}` : ''}`,
              tooltip: `${e.time}\n${e.type}\n${e.status}${e.reason ? `\n${e.reason}` : ''}`,
              ...statusIcon(e.status),
            })),
        stacks.events(d.name).filter((e) => e.status !== 'LOG').length,
        'history',
      ),
    ],
  };
}

/** The Stacks view: each stack with its status, parameters, resources, outputs and events. */
export function loadStacks(ctx: Ctx): Node[] {
  const stacks = new StackStore(ctx.store());
  return stacks
    .names()
    .map((name) => stacks.read(name)!)
    .filter((record) => record && !record.parentId)
    .concat(stacks.names().map((name) => stacks.read(name)!).filter((record) => record?.parentId))
    .map((record) => stackNode(ctx, record, stacks));
}
