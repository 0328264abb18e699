import type { Diagnostic } from '../../common/diagnostics';
import type { ParsedDocument } from '../../common/yaml/document';
import { entries, pairOf, seqAt, isMap } from '../../common/yaml/nodes';
import { rangeOf } from '../../common/yaml/ranges';
import { PLATFORM_NAMES, platformOf } from './platform';

const SERVER_ONLY = ['os', 'files', 'permissions', 'hooks', 'file_exists_behavior'];
const TRAFFIC_ONLY = ['Resources', 'Hooks'];

/**
 * The keys of an AppSpec file belong to one platform (EA108): EC2/on-premises files
 * need `os` and no `Resources`/`Hooks`; ECS and Lambda files name exactly one resource
 * and use none of the EC2 keys.
 */
export function checkPlatformKeys(parsed: ParsedDocument): Diagnostic[] {
  const root = parsed.doc.contents;
  if (!isMap(root)) return [];
  const platform = platformOf(root);
  const out: Diagnostic[] = [];
  const report = (node: unknown, message: string) => out.push({ range: rangeOf(node, parsed.lines), severity: 'error', code: 'EA108', message });
  if (platform === 'server') {
    if (!root.has('Resources') && !pairOf(root, 'os')) report(root.items[0]?.key ?? root, 'an EC2/on-premises AppSpec file needs "os: linux" or "os: windows"');
    for (const key of TRAFFIC_ONLY) {
      const pair = pairOf(root, key);
      if (pair && root.has('os')) report(pair.key, `"${key}" belongs to ECS and Lambda AppSpec files; this one is for EC2/on-premises (it has "os")`);
    }
    return out;
  }
  for (const key of SERVER_ONLY) {
    const pair = pairOf(root, key);
    if (pair) report(pair.key, `"${key}" belongs to EC2/on-premises AppSpec files, not ${PLATFORM_NAMES[platform]} ones`);
  }
  const resources = seqAt(root, 'Resources');
  const count = (resources?.items ?? []).reduce<number>((n, item) => n + entries(item).length, 0);
  if (resources && count !== 1) report(pairOf(root, 'Resources')?.key, `an ${PLATFORM_NAMES[platform]} AppSpec file names exactly one resource, not ${count}`);
  return out;
}
