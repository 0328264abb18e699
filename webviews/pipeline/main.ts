import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { PipelineActionArgs, PipelineViewAction, PipelineViewExecution, PipelineViewStage, PipelineViewState } from '../../protocol/pipeline';
import { shownStatus } from '../../protocol/pipeline';
import type { WebviewApi } from '../../protocol/webview';
import { button, custom, el } from '../shared/dom';
import { actionSender, connect } from '../shared/page';
import { STYLE } from './style';

/** What survives the panel being hidden: the execution picked and an approval being reviewed. */
interface SavedState {
  selected?: string;
  reviewing?: string;
  comment?: string;
}

declare function acquireVsCodeApi(): WebviewApi<SavedState>;
const vscode = acquireVsCodeApi();
const saved: SavedState = vscode.getState() ?? {};
let current: PipelineViewState | undefined;
const send = actionSender<PipelineActionArgs>(vscode);

function save(patch: Partial<SavedState>): void {
  Object.assign(saved, patch);
  vscode.setState(saved);
}

function duration(ms: number | undefined, start?: string): string {
  const value = ms ?? (start ? Date.now() - Date.parse(start) : undefined);
  if (value === undefined || Number.isNaN(value)) return '';
  if (value < 1000) return `${value} ms`;
  if (value < 60_000) return `${(value / 1000).toFixed(1)} s`;
  return `${Math.floor(value / 60_000)} min ${Math.round((value % 60_000) / 1000)} s`;
}

function statusClass(status: string): string {
  return `status-${status.replace(/[^A-Za-z]/g, '')}`;
}

function statusLine(status: string, waiting = false): HTMLElement {
  const label = waiting ? 'Waiting for approval' : shownStatus(status, current?.execution?.status);
  const line = custom('span', { class: `status ${statusClass(waiting ? 'Waiting' : status)}`, role: 'status' });
  if (status === 'InProgress' && !waiting) line.append(custom('vscode-progress-ring', { class: 'ring', 'aria-hidden': 'true' }));
  else line.append(custom('span', { class: 'dot', 'aria-hidden': 'true' }));
  line.append(label);
  return line;
}

function actionCard(stage: PipelineViewStage, action: PipelineViewAction): HTMLElement {
  const waiting = action.status === 'InProgress' && !!action.approval && !action.approval.decision;
  const key = `${stage.name}/${action.name}`;
  const card = custom('section', { class: `card ${statusClass(waiting ? 'Waiting' : action.status)}`, 'aria-label': `Action ${action.name}: ${action.status}` });
  card.append(
    el('header', {}, el('strong', {}, action.name), el('span', { className: 'provider' }, `${action.provider || action.category}`)),
    statusLine(action.status, waiting),
  );
  const time = duration(action.durationMs, action.status === 'InProgress' ? action.startTime : undefined);
  if (time) card.append(el('div', { className: 'muted' }, `Duration ${time}`));
  const text = action.errorMessage && action.status !== 'Succeeded' ? action.errorMessage : action.summary;
  if (text && !waiting) card.append(el('div', { className: 'summary' }, text));
  if (action.approval?.customData) card.append(el('blockquote', {}, action.approval.customData));
  const links = el('div', { className: 'links' });
  const externalUrl = action.externalUrl;
  if (externalUrl) links.append(button('Details', () => send('openLink', { url: externalUrl }), { secondary: true, title: externalUrl }));
  if (action.status !== 'NotStarted') links.append(button('Logs', () => send('showLogs', { stage: stage.name, action: action.name }), { secondary: true }));
  if (waiting) {
    if (saved.reviewing === key) card.append(reviewForm(stage.name, action, key));
    else links.append(button('Review', () => (save({ reviewing: key, comment: '' }), render())));
  }
  if (links.childElementCount) card.append(links);
  if (action.approval?.decision) card.append(el('div', { className: 'muted' }, `${action.approval.decision.status} by ${action.approval.decision.by}`));
  return card;
}

function reviewForm(stage: string, action: PipelineViewAction, key: string): HTMLElement {
  const comment = custom('vscode-textarea', { placeholder: 'Comment (optional)', 'aria-label': 'Comment', rows: '3' }) as HTMLElement & { value: string };
  comment.value = saved.comment ?? '';
  comment.addEventListener('input', () => save({ comment: comment.value }));
  const decide = (verb: 'approve' | 'reject') => () => {
    send(verb, { stage, action: action.name, summary: comment.value });
    save({ reviewing: undefined, comment: '' });
  };
  const form = custom(
    'div',
    { class: 'review', role: 'group', 'aria-label': `Review ${key}` },
    action.approval?.externalEntityLink ? el('div', { className: 'muted' }, `Link to review: ${action.approval.externalEntityLink}`) : undefined,
    comment,
    el('div', { className: 'links' }, button('Approve', decide('approve')), button('Reject', decide('reject'), { secondary: true }), button('Cancel', () => (save({ reviewing: undefined }), render()), { secondary: true })),
  );
  queueMicrotask(() => comment.focus());
  return form;
}

function transition(stage: PipelineViewStage): HTMLElement {
  const row = el('div', { className: `transition ${stage.inboundTransition.enabled ? 'open' : 'closed'}` });
  row.append(custom('span', { class: 'arrow', 'aria-hidden': 'true' }, '↓'));
  if (stage.inboundTransition.enabled) {
    row.append(
      button('Disable transition', () => {
        const reason = custom('vscode-textfield', { placeholder: 'Reason', 'aria-label': `Reason to disable the transition into ${stage.name}` }) as HTMLElement & { value: string };
        const confirm = button('Disable', () => reason.value.trim() && send('disableTransition', { stage: stage.name, reason: reason.value.trim() }));
        reason.addEventListener('keydown', (e) => (e as KeyboardEvent).key === 'Enter' && confirm.click());
        row.replaceChildren(custom('span', { class: 'arrow', 'aria-hidden': 'true' }, '↓'), reason, confirm, button('Cancel', render, { secondary: true }));
        reason.focus();
      }, { secondary: true }),
    );
  } else {
    row.append(el('span', { className: 'muted' }, `Transition disabled: ${stage.inboundTransition.reason ?? ''}`), button('Enable transition', () => send('enableTransition', { stage: stage.name })));
  }
  return row;
}

function stageBox(stage: PipelineViewStage, isFirst: boolean): DocumentFragment {
  const fragment = document.createDocumentFragment();
  if (!isFirst) fragment.append(transition(stage));
  const box = custom('section', { class: `stage ${statusClass(stage.status)}`, 'aria-label': `Stage ${stage.name}: ${stage.status}` });
  const header = el('header', {}, el('h2', {}, stage.name), statusLine(stage.status));
  if (stage.status === 'Failed') header.append(button('Retry failed actions', () => send('retry', { stage: stage.name })));
  box.append(header);
  if (stage.conditionSummary) box.append(el('div', { className: 'muted' }, stage.conditionSummary));
  const orders = [...new Set(stage.actions.map((a) => a.runOrder))].sort((a, b) => a - b);
  for (const order of orders) {
    box.append(custom('div', { class: 'group', 'aria-label': `runOrder ${order}` }, ...stage.actions.filter((a) => a.runOrder === order).map((a) => actionCard(stage, a))));
  }
  fragment.append(box);
  return fragment;
}

function historyTable(history: PipelineViewExecution[], selected: string | undefined): HTMLElement {
  const collapsible = custom('vscode-collapsible', { title: `Execution history (${history.length})` });
  const list = custom('div', { class: 'history', role: 'list' });
  for (const e of history) {
    const row = custom(
      'button',
      { class: `history-row ${e.executionId === selected ? 'selected' : ''}`, role: 'listitem', 'aria-current': e.executionId === selected ? 'true' : 'false' },
      el('span', { className: `status ${statusClass(e.status)}` }, custom('span', { class: 'dot', 'aria-hidden': 'true' }), e.status),
      el('span', { className: 'mono' }, e.executionId),
      el('span', {}, e.revision ? `${e.revision.revisionId.slice(0, 8)} ${e.revision.revisionSummary ?? ''}` : e.trigger),
      el('span', { className: 'muted' }, new Date(e.startTime).toLocaleString()),
    );
    row.addEventListener('click', () => {
      save({ selected: e.executionId });
      send('select', { executionId: e.executionId });
    });
    list.append(row);
  }
  collapsible.append(list);
  return collapsible;
}

function render(): void {
  const app = document.getElementById('app')!;
  app.setAttribute('aria-busy', 'false');
  const state = current;
  if (!state) return;
  const focused = document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent;
  if (!state.exists) {
    app.replaceChildren(el('p', {}, `Pipeline ${state.pipelineName} no longer exists.`));
    return;
  }
  const e = state.execution;
  const toolbar = el('div', { className: 'toolbar' }, button('Release change', () => send('release')));
  if (e && (e.status === 'InProgress' || e.status === 'Stopping')) {
    toolbar.append(button('Stop', () => send('stop', { abandon: false }), { secondary: true, title: 'Stop and wait: in-progress actions finish' }));
    toolbar.append(button('Stop and abandon', () => send('stop', { abandon: true }), { secondary: true }));
  }
  const heading = el(
    'header',
    { className: 'page' },
    el('h1', {}, state.pipelineName),
    el('span', { className: 'muted' }, `Version ${state.version} · ${state.executionMode} mode`),
    toolbar,
  );
  const body: Node[] = [heading];
  if (!e) body.push(el('p', {}, 'No executions yet. Release a change to run the pipeline.'));
  else {
    const revision = e.revision ? ` · ${e.revision.revisionId.slice(0, 8)} ${e.revision.revisionSummary ?? ''}` : '';
    body.push(
      el(
        'div',
        { className: 'execution' },
        statusLine(e.status),
        el('span', { className: 'mono' }, ` ${e.executionId}`),
        el('span', { className: 'muted' }, ` · ${e.trigger} · ${new Date(e.startTime).toLocaleString()}${revision}`),
      ),
    );
    if (e.statusSummary) body.push(el('div', { className: 'summary' }, e.statusSummary));
    const stages = el('div', { className: 'stages' });
    e.stages.forEach((stage, i) => stages.append(stageBox(stage, i === 0)));
    body.push(stages);
    if (Object.keys(e.variables).length) {
      body.push(el('div', { className: 'muted' }, `Variables: ${Object.entries(e.variables).map(([k, v]) => `${k}=${v}`).join(', ')}`));
    }
  }
  body.push(historyTable(state.history, e?.executionId));
  app.replaceChildren(...body);
  // Keep keyboard focus on the same control across live re-renders.
  if (focused) {
    const again = Array.from(app.querySelectorAll<HTMLElement>('vscode-button, button, vscode-textfield, vscode-textarea')).find(
      (node) => (node.getAttribute('aria-label') ?? node.textContent) === focused,
    );
    again?.focus();
  }
}

document.head.append(el('style', {}, STYLE));

connect<PipelineViewState>(vscode, (state) => {
  current = state;
  render();
});
if (saved.selected) send('select', { executionId: saved.selected });
