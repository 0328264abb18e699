import * as YAML from 'yaml';
import type { Range } from '../../common/diagnostics';
import type { LineIndex } from '../../common/text';
import { mapAt, pairOf, seqAt, textOf, isMap } from '../../common/yaml/nodes';
import { rangeOf } from '../../common/yaml/ranges';

export interface BatchBuild {
  identifier: string;
  range: Range;
  node: YAML.YAMLMap;
  list: 'build-list' | 'build-graph';
  dependsOn: Array<{ identifier: string; range: Range }>;
}

/** The builds of `batch.build-list` and `batch.build-graph` that have a literal identifier. */
export function batchBuilds(root: unknown, lines: LineIndex): BatchBuild[] {
  const batch = mapAt(root, 'batch');
  const out: BatchBuild[] = [];
  for (const list of ['build-list', 'build-graph'] as const) {
    for (const item of seqAt(batch, list)?.items ?? []) {
      if (!isMap(item)) continue;
      const pair = pairOf(item, 'identifier');
      const identifier = textOf(pair?.value);
      if (!pair || identifier === undefined) continue;
      const dependsOn = (seqAt(item, 'depend-on')?.items ?? [])
        .map((dep) => ({ identifier: textOf(dep), range: rangeOf(dep, lines) }))
        .filter((dep): dep is { identifier: string; range: Range } => dep.identifier !== undefined);
      out.push({ identifier, range: rangeOf(pair.value, lines), node: item, list, dependsOn });
    }
  }
  return out;
}
