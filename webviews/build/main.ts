// Browser code of the build detail panel: renders the state the extension sends
// (after our `ready`), with theme colours and keyboard-reachable buttons.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import type { BuildActionArgs, BuildViewState } from '../../protocol/build';
import type { WebviewApi } from '../../protocol/webview';
import type { BuildRecord } from '../../runtime/builds/records';
import { button, custom, el } from '../shared/dom';
import { actionSender, connect } from '../shared/page';

declare function acquireVsCodeApi(): WebviewApi<BuildViewState>;
const vscode = acquireVsCodeApi();
const send = actionSender<BuildActionArgs>(vscode);
const app = document.getElementById('app')!;

const STYLE = `
  h1 { font-size: 1.3em; font-weight: 600; display: flex; gap: 8px; align-items: center; }
  .actions { display: flex; gap: 8px; margin: 8px 0 16px; flex-wrap: wrap; }
  table { border-collapse: collapse; width: 100%; margin-bottom: 16px; }
  th, td { text-align: left; padding: 3px 8px; border-bottom: 1px solid var(--vscode-panel-border); }
  th { color: var(--vscode-descriptionForeground); font-weight: normal; }
  .bar { height: 8px; background: var(--vscode-progressBar-background); border-radius: 2px; min-width: 2px; }
  .SUCCEEDED { color: var(--vscode-testing-iconPassed); }
  .FAILED, .FAULT, .TIMED_OUT, .ERROR { color: var(--vscode-testing-iconFailed); }
  .STOPPED, .SKIPPED, .INCOMPLETE { color: var(--vscode-disabledForeground); }
  .IN_PROGRESS { color: var(--vscode-charts-blue); }
  .warning { color: var(--vscode-editorWarning-foreground); }
  code { font-family: var(--vscode-editor-font-family); }
  section { margin-bottom: 16px; }
`;

function ms(value: number | undefined): string {
  if (value === undefined) return '';
  return value < 1000 ? `${value} ms` : `${(value / 1000).toFixed(1)} s`;
}

function table(head: string[], rows: Array<Array<Node | string>>): HTMLTableElement {
  return el('table', {}, el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { scope: 'col' }, h)))), el('tbody', {}, ...rows.map((r) => el('tr', {}, ...r.map((c) => el('td', {}, c))))));
}

/** A phase's share of the longest phase, as a bar. */
function bar(share: number, title: string): HTMLElement {
  const node = el('div', { className: 'bar', title });
  node.style.width = `${Math.round(share * 100)}%`;
  return node;
}

function render(state: BuildViewState): void {
  const r: BuildRecord = state.record;
  app.replaceChildren();
  app.setAttribute('aria-busy', 'false');
  app.append(el('style', {}, STYLE));
  app.append(el('h1', {}, `${r.project} #${r.number}`, el('span', { className: r.status }, r.status)));
  app.append(el('div', {}, `${r.source}${r.resolvedSourceVersion ? ` @ ${r.resolvedSourceVersion.slice(0, 12)}` : ''} · started ${new Date(r.startTime).toLocaleString()}${r.durationMs !== undefined ? ` · ${ms(r.durationMs)}` : ''}`));
  const actions = el('div', { className: 'actions' }, button('Open Log', () => send('openLog')));
  if (r.artifacts || r.secondaryArtifacts.length) actions.append(button('Reveal Artifacts', () => send('revealArtifacts'), { secondary: true }));
  actions.append(state.canStop ? button('Stop', () => send('stop'), { secondary: true }) : button('Run Again', () => send('rerun'), { secondary: true }));
  app.append(actions);

  const longest = Math.max(1, ...r.phases.map((p) => p.durationMs ?? 0));
  app.append(
    el('section', { ariaLabel: 'Phases' }, el('h2', {}, 'Phases'),
      table(['Phase', 'Status', 'Duration', ''], r.phases.map((p) => [
        p.name,
        el('span', { className: p.status }, p.status),
        ms(p.durationMs),
        bar((p.durationMs ?? 0) / longest, p.contexts?.map((c) => `${c.statusCode}: ${c.message}`).join('\n') ?? ''),
      ])),
      ...r.phases.flatMap((p) => (p.contexts ?? []).map((c) => el('div', { className: 'FAILED' }, `${p.name}: ${c.statusCode} — ${c.message}`))),
    ),
  );
  if (r.warnings.length) app.append(el('section', {}, el('h2', {}, 'Warnings'), ...r.warnings.map((w) => el('div', { className: 'warning' }, w))));
  const vars = Object.entries(r.exportedVariables);
  if (vars.length) app.append(el('section', {}, el('h2', {}, 'Exported variables'), table(['Name', 'Value'], vars.map(([k, v]) => [el('code', {}, k), el('code', {}, v)]))));
  const artifacts = [...(r.artifacts ? [r.artifacts] : []), ...r.secondaryArtifacts];
  if (artifacts.length) {
    app.append(el('section', {}, el('h2', {}, 'Artifacts'), table(['Artifact', 'Files', 'Location'], artifacts.map((a) => [a.identifier ?? 'primary', String(a.files), el('code', {}, a.zip ?? a.location)]))));
  }
  if (r.reports.length) {
    const section = el('section', {}, el('h2', {}, 'Reports'));
    for (const report of r.reports) {
      const t = report.totals;
      const summary = t ? `${t.passed}/${t.total} passed, ${t.failed} failed, ${t.error} errors, ${t.skipped} skipped` : report.coverage ? `line coverage ${report.coverage.lineCoveragePercentage.toFixed(1)}%` : 'no data';
      const group = custom('vscode-collapsible', { title: `${report.name} (${report.format}) — ${report.status}: ${summary}`, ...(report.status !== 'SUCCEEDED' ? { open: '' } : {}) });
      if (report.cases) group.append(table(['Test', 'Status', 'Duration'], report.cases.map((c) => [`${c.prefix ? `${c.prefix} › ` : ''}${c.name}`, el('span', { className: c.status, title: c.message ?? '' }, c.status), ms(c.durationMs)])));
      if (report.coverage) group.append(table(['File', 'Lines', 'Covered'], report.coverage.files.map((f) => [f.file, `${f.linesCovered}/${f.linesCovered + f.linesMissed}`, `${f.lineCoveragePercentage.toFixed(1)}%`])));
      for (const problem of report.problems) group.append(el('div', { className: 'warning' }, problem));
      section.append(group);
    }
    app.append(section);
  }
}

const saved = vscode.getState();
if (saved) render(saved);
connect<BuildViewState>(vscode, (state) => {
  vscode.setState(state);
  render(state);
});
