import type { Diagnostic } from '../../common/diagnostics';
import type { ParsedDocument } from '../../common/yaml/document';
import { suggest as didYouMean } from '../../schema/suggest';
import { batchBuilds, type BatchBuild } from './batch-builds';

/**
 * In a build graph every `depend-on` names a build of the batch (EB105) and the
 * dependencies form no cycle (EB106): a cycle would leave its builds waiting forever.
 */
export function checkBatchGraph(parsed: ParsedDocument): Diagnostic[] {
  const builds = batchBuilds(parsed.doc.contents, parsed.lines);
  const byId = new Map<string, BatchBuild>();
  for (const build of builds) if (!byId.has(build.identifier)) byId.set(build.identifier, build);
  const out: Diagnostic[] = [];
  for (const build of builds) {
    for (const dep of build.dependsOn) {
      if (byId.has(dep.identifier)) continue;
      const suggestion = didYouMean(dep.identifier, byId.keys());
      out.push({
        range: dep.range,
        severity: 'error',
        code: 'EB105',
        message: `"${build.identifier}" depends on "${dep.identifier}", which is not a build of this batch${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
        ...(suggestion ? { data: { replacement: suggestion } } : {}),
      });
    }
  }
  out.push(...cycles(builds, byId));
  return out;
}

function cycles(builds: BatchBuild[], byId: Map<string, BatchBuild>): Diagnostic[] {
  const state = new Map<string, 'visiting' | 'done'>();
  const reported = new Set<string>();
  const out: Diagnostic[] = [];
  const visit = (id: string, trail: string[]) => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      const cycle = [...trail.slice(trail.indexOf(id)), id];
      const key = [...cycle].slice(0, -1).sort().join(',');
      if (reported.has(key)) return;
      reported.add(key);
      const from = byId.get(trail[trail.length - 1])!;
      const dep = from.dependsOn.find((d) => d.identifier === id)!;
      out.push({ range: dep.range, severity: 'error', code: 'EB106', message: `build graph has a dependency cycle: ${cycle.join(' → ')}` });
      return;
    }
    state.set(id, 'visiting');
    for (const dep of byId.get(id)?.dependsOn ?? []) if (byId.has(dep.identifier)) visit(dep.identifier, [...trail, id]);
    state.set(id, 'done');
  };
  for (const build of builds) visit(build.identifier, []);
  return out;
}
