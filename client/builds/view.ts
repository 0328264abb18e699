import { ProjectStore } from '../../runtime/builds/projects';
import { BuildStore, type BuildRecord } from '../../runtime/builds/records';
import type { Ctx } from '../ctx';
import { ago, duration, statusIcon, type Node } from '../common/node-tree';

/** How many builds of a project the view lists (newest first). */
const HISTORY = 30;

function buildNode(record: BuildRecord): Node {
  const running = record.status === 'IN_PROGRESS';
  const paused = running ? record.paused : undefined;
  const state = paused ? `Paused at ${paused.phase}` : running ? record.currentPhase : record.status;
  return {
    id: `build:${record.id}`,
    label: `#${record.number}`,
    description: [state, duration(record.durationMs), ago(record.startTime)].filter(Boolean).join(' · '),
    tooltip: `${record.id}\n${paused ? `paused at ${paused.phase}: ${paused.command}` : record.status}${record.warnings.length ? `\n${record.warnings.join('\n')}` : ''}\nsource ${record.source}`,
    ...(paused ? { icon: 'debug-pause', iconColor: 'charts.yellow' } : statusIcon(record.status)),
    contextValue: paused ? 'slipway.build.paused' : running ? 'slipway.build.running' : 'slipway.build',
    command: { command: 'slipway.showBuild', title: 'Show Build', arguments: [record.id] },
    data: { buildId: record.id },
  };
}

/** The Builds view: build projects and ad-hoc sources, each with its build history. */
export function loadBuilds(ctx: Ctx): Node[] {
  const store = ctx.store();
  const builds = new BuildStore(store).list();
  const projects = new Map(new ProjectStore(store).list().map((p) => [p.name, p]));
  const names = [...new Set([...projects.keys(), ...builds.map((b) => b.project)])].sort();
  return names.map((name) => {
    const history = builds.filter((b) => b.project === name);
    const latest = history[0];
    const isProject = projects.has(name);
    return {
      id: `project:${name}`,
      label: name,
      description: latest ? `${latest.status === 'IN_PROGRESS' && latest.paused ? 'Paused' : latest.status} · ${ago(latest.startTime)}` : 'no builds yet',
      icon: isProject ? 'project' : 'folder',
      contextValue: isProject ? 'slipway.buildProject' : 'slipway.buildSource',
      expanded: true,
      data: { project: isProject ? name : undefined },
      children: () => history.slice(0, HISTORY).map(buildNode),
    };
  });
}
