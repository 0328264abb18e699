// The pull request description page: title, description, status, approvals, changed
// files and the merge button with its strategy. Renders from the ReviewState the
// extension posts; every action goes back as a message (the page never writes state).
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-divider/index.js';
import '@vscode-elements/elements/dist/vscode-label/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import type { ReviewActionArgs, ReviewState } from '../../protocol/review';
import type { WebviewApi } from '../../protocol/webview';
import { button, custom, el } from '../shared/dom';
import { actionSender, connect } from '../shared/page';

declare function acquireVsCodeApi(): WebviewApi<{ review?: ReviewState; strategy?: string }>;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app')!;
let saved = vscode.getState() ?? {};

const action = actionSender<ReviewActionArgs>(vscode);




const STYLE = `
  h1 { font-size: 1.4em; margin: 16px 0 4px; }
  .meta { color: var(--vscode-descriptionForeground); margin-bottom: 12px; }
  .description { white-space: pre-wrap; margin: 12px 0; }
  .error { color: var(--vscode-errorForeground); border: 1px solid var(--vscode-inputValidation-errorBorder); padding: 6px 8px; margin: 8px 0; }
  .row { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; margin: 8px 0; }
  ul { padding-left: 18px; }
  li.ok::marker { content: '✓ '; color: var(--vscode-testing-iconPassed); }
  li.missing::marker { content: '○ '; color: var(--vscode-descriptionForeground); }
  a { color: var(--vscode-textLink-foreground); cursor: pointer; }
  code { font-family: var(--vscode-editor-font-family); }
`;

function render(state: ReviewState): void {
  app.replaceChildren();
  app.setAttribute('aria-busy', 'false');
  app.append(el('style', { textContent: STYLE }));
  app.append(el('h1', {}, `#${state.id} ${state.title}`));
  const status = custom('vscode-badge', { variant: state.status === 'OPEN' ? 'counter' : 'default' }, state.isMerged ? 'MERGED' : state.status);
  app.append(
    el('div', { className: 'meta' }, status, ` ${state.author} wants to merge `, el('code', {}, state.source), ' into ', el('code', {}, state.destination), ` · ${new Date(state.createdAt).toLocaleString()}`),
  );
  if (state.error) app.append(el('div', { className: 'error', role: 'alert' }, state.error));
  app.append(el('div', { className: 'description' }, state.description || 'No description.'));
  app.append(custom('vscode-divider'));

  app.append(el('h2', {}, 'Approvals'));
  const rules = el('ul');
  for (const rule of state.rules) {
    rules.append(el('li', { className: rule.satisfied ? 'ok' : 'missing' }, `${rule.approvedBy.length}/${rule.approvals} — ${rule.source}${rule.approvers.length ? ` (from ${rule.approvers.join(', ')})` : ''}${rule.approvedBy.length ? `: ${rule.approvedBy.join(', ')}` : ''}`));
  }
  if (state.rules.length === 0) rules.append(el('li', { className: 'ok' }, 'No approval rules apply to this destination.'));
  app.append(rules);
  const current = state.approvals.filter((a) => a.current).map((a) => a.user);
  app.append(el('div', { className: 'meta' }, current.length ? `Approved by ${current.join(', ')} on the current revision.` : 'No approvals on the current revision yet.'));

  if (state.status === 'OPEN') {
    const approved = current.includes(state.user);
    const row = el('div', { className: 'row' });
    // CodeCommit refuses an author's approval of their own pull request: say so on the button.
    const own = state.user === state.author;
    row.append(
      approved
        ? button('Revoke Approval', () => action('revoke'), { secondary: true })
        : button('Approve', () => action('approve'), { disabled: own, title: own ? `You (${state.user}) opened this pull request; only others can approve it` : `Approve as ${state.user}` }),
    );
    if (own) row.append(el('span', { className: 'meta' }, `You opened this pull request, so others approve it (you are ${state.user}).`));
    app.append(row);

    app.append(el('h2', {}, 'Merge'));
    const label = custom('vscode-label', { for: 'merge-strategy' }, 'Merge strategy');
    const select = custom('vscode-single-select', { id: 'merge-strategy', 'aria-label': 'Merge strategy' });
    for (const strategy of ['fast-forward', 'squash', 'three-way']) {
      const option = custom('vscode-option', { value: strategy }, strategy);
      if (strategy === (saved.strategy ?? 'three-way')) option.setAttribute('selected', '');
      select.append(option);
    }
    select.addEventListener('change', () => {
      saved = { ...saved, strategy: (select as HTMLSelectElement).value };
      vscode.setState(saved);
    });
    const merge = button(`Merge into ${state.destination}`, () => action('merge', { strategy: (select as HTMLSelectElement).value || saved.strategy || 'three-way' }), { disabled: !state.mergeable });
    app.append(el('div', { className: 'row' }, label, select, merge));
    if (state.conflicts.length) app.append(el('div', { className: 'meta' }, `${state.source} conflicts with ${state.destination} in ${state.conflicts.join(', ')}: merge ${state.destination} into ${state.source}, resolve and push.`));
    else if (!state.mergeable) app.append(el('div', { className: 'meta' }, 'Merging is possible once every approval rule is met.'));
    app.append(el('div', { className: 'row' }, button('Close Pull Request', () => action('close'), { secondary: true, title: 'Close without merging (a closed pull request cannot be reopened)' })));
  } else if (state.isMerged && state.merge) {
    app.append(el('div', { className: 'meta' }, `Merged by ${state.merge.by} (${state.merge.strategy}) as `, el('code', {}, state.merge.mergeCommit.slice(0, 12)), ` · ${new Date(state.merge.time).toLocaleString()}`));
  } else {
    app.append(el('div', { className: 'meta' }, 'Closed without merging (a closed pull request cannot be reopened; open a new one).'));
  }

  app.append(custom('vscode-divider'));
  app.append(el('h2', {}, `Changed files (${state.files.length}) · ${state.openThreads} open thread${state.openThreads === 1 ? '' : 's'}, ${state.resolvedThreads} resolved`));
  const files = el('ul');
  for (const file of state.files) {
    const link = el('a', { href: '#', tabIndex: 0 }, `${file.oldPath ? `${file.oldPath} → ` : ''}${file.path}`);
    link.addEventListener('click', (event) => {
      event.preventDefault();
      action('openFile', { path: file.path });
    });
    files.append(el('li', {}, `${file.status} `, link));
  }
  app.append(files);
  app.append(el('div', { className: 'row' }, button('Refresh', () => action('refresh'), { secondary: true })));
}

if (saved.review) render(saved.review);
connect<ReviewState>(vscode, (state) => {
  saved = { ...saved, review: state };
  vscode.setState(saved);
  render(state);
});
