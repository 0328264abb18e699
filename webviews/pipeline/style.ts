/** The panel's styles: VS Code theme variables only, so it follows every theme. */
export const STYLE = `
h1 { font-size: 1.4em; margin: 12px 0 4px; }
h2 { font-size: 1.1em; margin: 0; }
.page { display: flex; flex-wrap: wrap; align-items: baseline; gap: 12px; }
.toolbar { margin-left: auto; display: flex; gap: 6px; }
.muted { color: var(--vscode-descriptionForeground); }
.mono { font-family: var(--vscode-editor-font-family); }
.execution { margin: 8px 0; }
.summary { margin: 4px 0; }
.stages { display: flex; flex-direction: column; align-items: stretch; max-width: 760px; margin: 12px 0; }
.stage { border: 1px solid var(--vscode-panel-border, var(--vscode-widget-border)); border-left-width: 4px; border-radius: 4px; padding: 10px 12px; background: var(--vscode-sideBar-background); }
.stage > header { display: flex; align-items: center; gap: 12px; margin-bottom: 8px; }
.group { display: flex; flex-wrap: wrap; gap: 8px; margin: 6px 0; }
.card { flex: 1 1 220px; border: 1px solid var(--vscode-widget-border, var(--vscode-panel-border)); border-radius: 4px; padding: 8px; background: var(--vscode-editor-background); }
.card header { display: flex; justify-content: space-between; gap: 8px; }
.provider { color: var(--vscode-descriptionForeground); font-size: 0.9em; }
.links { display: flex; gap: 6px; margin-top: 6px; flex-wrap: wrap; }
.review { margin-top: 6px; display: flex; flex-direction: column; gap: 6px; }
blockquote { margin: 6px 0; padding: 4px 8px; border-left: 3px solid var(--vscode-textBlockQuote-border); background: var(--vscode-textBlockQuote-background); }
.status { display: inline-flex; align-items: center; gap: 6px; }
.dot { width: 10px; height: 10px; border-radius: 50%; background: var(--vscode-disabledForeground); display: inline-block; }
.ring { width: 14px; height: 14px; }
.status-Succeeded .dot, .stage.status-Succeeded, .card.status-Succeeded { border-left-color: var(--vscode-testing-iconPassed); }
.status-Succeeded .dot { background: var(--vscode-testing-iconPassed); }
.status-Failed .dot, .status-Abandoned .dot { background: var(--vscode-testing-iconFailed); }
.stage.status-Failed, .card.status-Failed { border-left-color: var(--vscode-testing-iconFailed); }
.status-InProgress .dot, .stage.status-InProgress { border-left-color: var(--vscode-charts-blue); background-color: var(--vscode-charts-blue); }
.stage.status-InProgress { background-color: var(--vscode-sideBar-background); }
.status-Waiting .dot { background: var(--vscode-charts-yellow); }
.card.status-Waiting { border-color: var(--vscode-charts-yellow); }
.status-Stopped .dot, .status-Superseded .dot { background: var(--vscode-disabledForeground); }
.transition { display: flex; align-items: center; gap: 8px; padding: 6px 0 6px 24px; }
.transition.closed .arrow { color: var(--vscode-testing-iconFailed); }
.arrow { font-size: 1.4em; }
.history { display: flex; flex-direction: column; }
.history-row { display: grid; grid-template-columns: 110px 200px 1fr 180px; gap: 8px; text-align: left; padding: 4px 6px; background: none; color: inherit; border: 0; border-bottom: 1px solid var(--vscode-widget-border, transparent); font: inherit; cursor: pointer; }
.history-row:hover { background: var(--vscode-list-hoverBackground); }
.history-row.selected { background: var(--vscode-list-activeSelectionBackground); color: var(--vscode-list-activeSelectionForeground); }
`;
