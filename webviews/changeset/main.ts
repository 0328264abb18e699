// The change-set page: what executing a change set will do to a stack (action, logical
// id, type, replacement, property diff), with Execute and Discard, then the stack's
// events live while it runs. Renders from the state the extension posts.
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-divider/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import '@vscode-elements/elements/dist/vscode-table/index.js';
import '@vscode-elements/elements/dist/vscode-table-body/index.js';
import '@vscode-elements/elements/dist/vscode-table-cell/index.js';
import '@vscode-elements/elements/dist/vscode-table-header/index.js';
import '@vscode-elements/elements/dist/vscode-table-header-cell/index.js';
import '@vscode-elements/elements/dist/vscode-table-row/index.js';
import type { ChangeSetActionArgs, ChangeSetViewChange, ChangeSetViewState } from '../../protocol/changeset';
import type { WebviewApi } from '../../protocol/webview';
import { button, custom, el } from '../shared/dom';
import { actionSender, connect } from '../shared/page';

declare function acquireVsCodeApi(): WebviewApi<{ state?: ChangeSetViewState; open?: string[] }>;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app')!;
const saved = vscode.getState() ?? {};
const open = new Set(saved.open ?? []);

const action = actionSender<ChangeSetActionArgs>(vscode);




const STYLE = `
  h1 { font-size: 1.4em; margin: 16px 0 4px; }
  .meta { color: var(--vscode-descriptionForeground); margin-bottom: 12px; }
  .row { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; margin: 12px 0; }
  .error { color: var(--vscode-errorForeground); border: 1px solid var(--vscode-inputValidation-errorBorder); padding: 6px 8px; margin: 8px 0; }
  .Add { color: var(--vscode-gitDecoration-addedResourceForeground); }
  .Modify { color: var(--vscode-gitDecoration-modifiedResourceForeground); }
  .Remove { color: var(--vscode-gitDecoration-deletedResourceForeground); }
  .replace-True { color: var(--vscode-errorForeground); font-weight: bold; }
  .replace-Conditional { color: var(--vscode-editorWarning-foreground); }
  details { margin: 2px 0 8px 16px; }
  summary { cursor: pointer; }
  pre { font-family: var(--vscode-editor-font-family); white-space: pre-wrap; margin: 2px 0; padding: 4px 6px; background: var(--vscode-textCodeBlock-background); }
  .before { border-left: 3px solid var(--vscode-gitDecoration-deletedResourceForeground); }
  .after { border-left: 3px solid var(--vscode-gitDecoration-addedResourceForeground); }
  .simulated { color: var(--vscode-descriptionForeground); font-style: italic; }
  table.events { border-collapse: collapse; width: 100%; }
  table.events td { padding: 2px 8px; vertical-align: top; }
  .FAILED, .ROLLBACK { color: var(--vscode-errorForeground); }
  .COMPLETE { color: var(--vscode-testing-iconPassed); }
`;

function statusClass(status: string): string {
  if (/FAILED$/.test(status) || /ROLLBACK/.test(status)) return 'FAILED';
  if (/COMPLETE$/.test(status)) return 'COMPLETE';
  return '';
}

function changesTable(changes: ChangeSetViewChange[]): HTMLElement {
  const table = custom('vscode-table', { 'zebra': '', 'bordered-rows': '', 'resizable': '', columns: '["12%", "24%", "34%", "14%", "16%"]' });
  table.setAttribute('aria-label', 'Resource changes');
  const header = custom('vscode-table-header', { slot: 'header' });
  for (const title of ['Action', 'Logical ID', 'Type', 'Replacement', 'Properties']) header.append(custom('vscode-table-header-cell', {}, title));
  table.append(header);
  const body = custom('vscode-table-body', { slot: 'body' });
  for (const change of changes) {
    const row = custom('vscode-table-row');
    row.dataset.logicalId = change.logicalId;
    row.append(custom('vscode-table-cell', { class: change.action }, change.action));
    row.append(custom('vscode-table-cell', {}, change.logicalId));
    row.append(custom('vscode-table-cell', {}, change.type, ...(change.simulated ? [el('span', { className: 'simulated' }, ' (simulated)')] : [])));
    row.append(custom('vscode-table-cell', { class: `replace-${change.replacement ?? ''}` }, change.replacement ?? '—'));
    row.append(custom('vscode-table-cell', {}, change.details.map((d) => d.name ?? d.attribute).join(', ') || '—'));
    body.append(row);
  }
  table.append(body);
  return table;
}

function propertyDiffs(changes: ChangeSetViewChange[]): HTMLElement {
  const section = el('section', { ariaLabel: 'Property changes' });
  for (const change of changes.filter((c) => c.details.length > 0)) {
    const details = el('details', { open: open.has(change.logicalId) });
    details.addEventListener('toggle', () => {
      if (details.open) open.add(change.logicalId);
      else open.delete(change.logicalId);
      vscode.setState({ ...vscode.getState(), open: [...open] });
    });
    details.append(el('summary', {}, `${change.logicalId}: ${change.details.length} change${change.details.length === 1 ? '' : 's'}`));
    for (const d of change.details) {
      const name = d.name ? `${d.attribute}.${d.name}` : d.attribute;
      details.append(
        el('div', {}, el('strong', {}, name), ` — recreation ${d.requiresRecreation}, ${d.evaluation}${d.causingEntity ? ` (from ${d.causingEntity})` : ''}`),
        el('pre', { className: 'before', ariaLabel: `${name} before` }, d.before ?? '(not set)'),
        el('pre', { className: 'after', ariaLabel: `${name} after` }, d.after ?? '(removed)'),
      );
    }
    section.append(details);
  }
  return section;
}

function render(state: ChangeSetViewState): void {
  app.replaceChildren();
  app.setAttribute('aria-busy', state.executionStatus === 'EXECUTE_IN_PROGRESS' ? 'true' : 'false');
  app.append(el('style', { textContent: STYLE }));
  app.append(el('h1', {}, `${state.stackName} · change set ${state.changeSetName}`));
  const params = Object.entries(state.parameters).map(([k, v]) => `${k}=${v}`).join(', ');
  app.append(
    el('div', { className: 'meta' }, custom('vscode-badge', {}, state.executionStatus), ` ${state.changeSetType === 'CREATE' ? 'Creates the stack' : 'Updates the stack'} · ${state.changes.length} change${state.changes.length === 1 ? '' : 's'}${params ? ` · ${params}` : ''}`),
  );
  if (state.statusReason) app.append(el('div', { className: 'meta' }, state.statusReason));
  if (state.error) app.append(el('div', { className: 'error', role: 'alert' }, state.error));
  const available = state.executionStatus === 'AVAILABLE';
  app.append(
    el(
      'div',
      { className: 'row' },
      button('Execute', () => action('execute'), { disabled: !available, id: 'execute' }),
      button('Discard', () => action('discard'), { secondary: true, disabled: !available, id: 'discard' }),
      button('Open Template', () => action('openTemplate'), { secondary: true }),
      ...(state.executionStatus === 'EXECUTE_IN_PROGRESS' ? [custom('vscode-progress-ring', { 'aria-label': 'Executing' })] : []),
    ),
  );
  app.append(changesTable(state.changes));
  app.append(propertyDiffs(state.changes));
  if (state.stackStatus || state.events.length) {
    app.append(custom('vscode-divider'));
    app.append(el('h2', {}, 'Stack events ', el('span', { className: statusClass(state.stackStatus ?? ''), id: 'stack-status' }, state.stackStatus ?? '')));
    const table = el('table', { className: 'events' });
    for (const e of [...state.events].reverse()) {
      table.append(el('tr', {}, el('td', {}, e.time.slice(11, 19)), el('td', { className: statusClass(e.status) }, e.status), el('td', {}, e.logicalId), el('td', {}, e.type), el('td', {}, e.reason ?? '')));
    }
    app.append(table);
  }
}

if (saved.state) render(saved.state);
connect<ChangeSetViewState>(vscode, (state) => {
  vscode.setState({ ...vscode.getState(), state });
  render(state);
});
