import * as YAML from 'yaml';
import { entries, seqAt, scalarAt, isMap } from '../../common/yaml/nodes';

export type AppspecPlatform = 'server' | 'ecs' | 'lambda';

/** Lifecycle events each compute platform runs, in the order CodeDeploy runs them. */
export const LIFECYCLE: Record<AppspecPlatform, string[]> = {
  server: ['BeforeBlockTraffic', 'AfterBlockTraffic', 'ApplicationStop', 'BeforeInstall', 'AfterInstall', 'ApplicationStart', 'ValidateService', 'BeforeAllowTraffic', 'AfterAllowTraffic'],
  ecs: ['BeforeInstall', 'AfterInstall', 'AfterAllowTestTraffic', 'BeforeAllowTraffic', 'AfterAllowTraffic'],
  lambda: ['BeforeAllowTraffic', 'AfterAllowTraffic'],
};

/** Events CodeDeploy runs itself on EC2/on-premises; no script can be attached to them. */
export const RESERVED_SERVER_EVENTS = ['Start', 'DownloadBundle', 'Install', 'BlockTraffic', 'AllowTraffic', 'End'];

export const PLATFORM_NAMES: Record<AppspecPlatform, string> = { server: 'EC2/on-premises', ecs: 'Amazon ECS', lambda: 'AWS Lambda' };

/** The platform an AppSpec file is for: ECS or Lambda when its resource says so, else EC2/on-premises. */
export function platformOf(root: unknown): AppspecPlatform {
  if (!isMap(root)) return 'server';
  const resources = seqAt(root, 'Resources');
  for (const item of resources?.items ?? []) {
    for (const resource of entries(item)) {
      const type = scalarAt(resource.value, 'Type');
      if (type === 'AWS::ECS::Service') return 'ecs';
      if (type === 'AWS::Lambda::Function') return 'lambda';
    }
  }
  if (root.has('Resources') || (root.has('Hooks') && !root.has('hooks'))) return resources ? 'ecs' : 'server';
  return 'server';
}

/** Every hook of the file: the `hooks` map (EC2/on-premises) or the `Hooks` list (ECS, Lambda). */
export function hooksOf(root: unknown): Array<{ name: string; keyNode: YAML.Scalar; value: unknown }> {
  const out: Array<{ name: string; keyNode: YAML.Scalar; value: unknown }> = [];
  for (const e of entries(isMap(root) ? root.get('hooks', true) : undefined)) out.push({ name: e.key, keyNode: e.keyNode, value: e.value });
  for (const item of seqAt(root, 'Hooks')?.items ?? []) for (const e of entries(item)) out.push({ name: e.key, keyNode: e.keyNode, value: e.value });
  return out;
}
