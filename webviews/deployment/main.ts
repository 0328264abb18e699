// The deployment details page: what was deployed where, each instance's lifecycle events
// with their durations and output, the URL each instance serves at, and the rollback that
// followed. Renders from the state the extension posts.
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-divider/index.js';
import '@vscode-elements/elements/dist/vscode-icon/index.js';
import type { DeploymentActionArgs, DeploymentViewInstance, DeploymentViewState } from '../../protocol/deployment';
import type { WebviewApi } from '../../protocol/webview';
import { button, el } from '../shared/dom';
import { actionSender, connect } from '../shared/page';

declare function acquireVsCodeApi(): WebviewApi<{ state?: DeploymentViewState }>;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app')!;

const send = actionSender<DeploymentActionArgs>(vscode);

const STYLE = `
  h1 { font-size: 1.4em; margin: 16px 0 4px; }
  h2 { font-size: 1.1em; margin: 18px 0 6px; display: flex; gap: 8px; align-items: center; }
  .meta { color: var(--vscode-descriptionForeground); margin: 2px 0; }
  .row { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; margin: 12px 0; }
  .error { color: var(--vscode-errorForeground); border: 1px solid var(--vscode-inputValidation-errorBorder); padding: 6px 8px; margin: 8px 0; }
  table { border-collapse: collapse; width: 100%; max-width: 900px; }
  th { text-align: left; font-weight: 600; color: var(--vscode-descriptionForeground); padding: 2px 8px; }
  td { padding: 3px 8px; vertical-align: top; border-top: 1px solid var(--vscode-widget-border, transparent); }
  .Succeeded { color: var(--vscode-testing-iconPassed); }
  .Failed { color: var(--vscode-errorForeground); }
  .InProgress { color: var(--vscode-charts-blue); }
  .Skipped, .Pending { color: var(--vscode-descriptionForeground); }
  a { color: var(--vscode-textLink-foreground); cursor: pointer; }
  a:focus { outline: 1px solid var(--vscode-focusBorder); }
  .dead { color: var(--vscode-descriptionForeground); text-decoration: line-through; }
`;

function duration(ms: number | undefined): string {
  if (ms === undefined) return '';
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** A keyboard-reachable link that runs an action. */
function link(text: string, onClick: () => void, className = ''): HTMLAnchorElement {
  const a = el('a', { href: '#', className, tabIndex: 0 }, text);
  a.addEventListener('click', (event) => {
    event.preventDefault();
    onClick();
  });
  return a;
}

function instanceSection(instance: DeploymentViewInstance): HTMLElement {
  const section = el('section');
  const heading = el('h2', {}, instance.name, el('span', { className: instance.status }, instance.status));
  if (instance.role) heading.append(el('span', { className: 'meta' }, instance.role));
  section.append(heading);
  section.append(el('div', { className: 'meta' }, `root ${instance.root}`));
  const url = instance.url;
  if (url) {
    const line = el('div', { className: 'meta' }, 'serves at ');
    line.append(instance.live ? link(url, () => send('openUrl', { url })) : el('span', { className: 'dead', title: 'nothing answers there now' }, url));
    line.append(instance.live ? ' (answering)' : ' (not answering now)');
    section.append(line);
  }
  const table = el('table');
  table.setAttribute('aria-label', `Lifecycle events on ${instance.name}`);
  table.append(el('tr', {}, el('th', {}, 'Lifecycle event'), el('th', {}, 'Status'), el('th', {}, 'Duration'), el('th', {}, 'Output')));
  for (const event of instance.events) {
    table.append(
      el(
        'tr',
        {},
        el('td', {}, event.name),
        el('td', { className: event.status, title: event.message ?? '' }, event.status + (event.message && event.status === 'Failed' ? ` — ${event.message}` : '')),
        el('td', {}, duration(event.durationMs)),
        el('td', {}, event.hasLog ? link('Output', () => send('openLog', { instance: instance.name, event: event.name })) : ''),
      ),
    );
  }
  section.append(table);
  return section;
}

function render(state: DeploymentViewState): void {
  app.replaceChildren();
  const style = el('style', {}, STYLE);
  app.append(style, el('h1', {}, `Deployment ${state.id}`, ' ', el('span', { className: state.status }, state.status)));
  app.append(el('div', { className: 'meta' }, `${state.application} / ${state.group} · ${state.config}`));
  app.append(el('div', { className: 'meta' }, `revision ${state.revision}`));
  app.append(el('div', { className: 'meta' }, `started ${new Date(state.createTime).toLocaleString()}${state.completeTime ? ` · took ${duration(Date.parse(state.completeTime) - Date.parse(state.createTime))}` : ''}`));
  if (state.errorMessage) app.append(el('div', { className: 'error', role: 'alert' }, state.errorMessage));
  const { rollback, rollbackOf } = state;
  if (rollback) {
    const line = el('div', { className: 'row' }, 'Rolled back by ');
    line.append(link(rollback.id, () => send('openDeployment', { id: rollback.id })), el('span', { className: rollback.status }, ` ${rollback.status}`));
    app.append(line);
  }
  if (rollbackOf) {
    const line = el('div', { className: 'row' }, 'Rolls back ');
    line.append(link(rollbackOf, () => send('openDeployment', { id: rollbackOf })));
    app.append(line);
  }
  if (state.status === 'InProgress') {
    app.append(
      el(
        'div',
        { className: 'row' },
        button('Stop', () => send('stop'), { secondary: true }),
        button('Stop and Roll Back', () => send('stopAndRollback'), { secondary: true }),
      ),
    );
  }
  for (const instance of state.instances) app.append(instanceSection(instance));
}

const saved = vscode.getState()?.state;
if (saved) render(saved);
connect<DeploymentViewState>(vscode, (state) => {
  vscode.setState({ state });
  render(state);
});
