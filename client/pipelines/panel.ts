import * as vscode from 'vscode';
import type { PipelineAction, PipelineActionName, PipelineViewExecution, PipelineViewState } from '../../protocol/pipeline';
import { PipelineStore, executionView, stopExecution, type ExecutionRecord } from '../../runtime/pipelines';
import { approveOrReject, retryFailedStage, toggleTransition } from './actions';
import { requireTrust } from '../trust';
import type { Ctx } from '../ctx';
import { StatePanel } from '../common/state-panel';

const panels = new Map<string, PipelinePanel>();

/** Opens (or reveals) the panel of one pipeline. */
export function openPipelinePanel(ctx: Ctx, pipeline: string | undefined): void {
  if (!pipeline) return;
  const existing = panels.get(pipeline);
  if (existing) {
    existing.reveal();
    return;
  }
  panels.set(pipeline, new PipelinePanel(ctx, pipeline));
}

function summary(execution: ExecutionRecord): PipelineViewExecution {
  const revision = execution.sourceRevisions[0];
  return {
    executionId: execution.executionId,
    status: execution.status,
    statusSummary: execution.statusSummary,
    trigger: execution.trigger.triggerType,
    startTime: execution.startTime,
    endTime: execution.endTime,
    revision: revision ? { revisionId: revision.revisionId, revisionSummary: revision.revisionSummary } : undefined,
  };
}

/** The page's actions that drive an execution on (and so run workspace content), as the trust prompt names them. */
const PANEL_TRUST: Partial<Record<PipelineActionName, string>> = {
  approve: 'Approving a pipeline stage',
  reject: 'Rejecting a pipeline stage',
  retry: 'Retrying a pipeline stage',
  enableTransition: 'Enabling a stage transition',
  stop: 'Stopping a pipeline execution',
};

/**
 * The pipeline webview's host side (webviews/pipeline): builds the page state from the state
 * home, re-sends it whenever the state home changes (CLI runs and detached workers
 * included), and turns the page's buttons into engine calls.
 */
class PipelinePanel {
  private readonly page: StatePanel<PipelineViewState, PipelineAction>;
  private selected: string | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly ctx: Ctx,
    private readonly pipeline: string,
  ) {
    this.page = new StatePanel<PipelineViewState, PipelineAction>(
      { extensionUri: ctx.extension.extensionUri, viewType: 'slipway.pipeline', bundle: 'pipeline', title: `Pipeline: ${pipeline}` },
      this.state(),
      (message) => void this.onAction(message),
      () => this.closed(),
    );
    this.subscription = ctx.onDidChangeState(() => this.post());
  }

  reveal(): void {
    this.page.reveal();
  }

  private state(): PipelineViewState {
    const pipelines = new PipelineStore(this.ctx.store());
    const record = pipelines.get(this.pipeline);
    if (!record) return { pipelineName: this.pipeline, version: 0, executionMode: '', history: [], exists: false };
    const executions = pipelines.executions(this.pipeline);
    const shown = executions.find((e) => e.executionId === this.selected) ?? executions.at(-1);
    let execution: PipelineViewState['execution'];
    if (shown) {
      const view = executionView(record, shown);
      const declared = new Map(record.declaration.stages.flatMap((s) => s.actions.map((a) => [`${s.name}/${a.name}`, a.runOrder] as const)));
      execution = {
        ...summary(shown),
        variables: view.variables,
        stages: view.stages.map((stage) => ({
          name: stage.name,
          status: stage.status,
          inboundTransition: stage.inboundTransition,
          conditionSummary: stage.conditionSummary,
          actions: stage.actions.map((a) => ({
            name: a.name,
            category: a.category,
            provider: a.provider,
            runOrder: declared.get(`${stage.name}/${a.name}`) ?? 1,
            status: a.status,
            summary: a.summary,
            errorMessage: a.errorMessage,
            externalUrl: a.externalUrl,
            durationMs: a.durationMs,
            startTime: a.startTime,
            approval: a.approval,
          })),
        })),
      };
    }
    return {
      pipelineName: record.name,
      version: record.version,
      executionMode: record.declaration.executionMode,
      execution,
      history: executions.slice(-50).reverse().map(summary),
      exists: true,
    };
  }

  private post(): void {
    this.page.setState(this.state());
  }

  private async onAction(message: PipelineAction): Promise<void> {
    const trust = Object.hasOwn(PANEL_TRUST, message.action) ? PANEL_TRUST[message.action] : undefined;
    if (trust && !requireTrust(trust)) return;
    try {
      // The page is ours, but its messages are still checked: a missing name is an error, never `undefined` passed on.
      switch (message.action) {
        case 'approve':
        case 'reject':
          approveOrReject(this.ctx, this.pipeline, given(message.args.stage, 'stage'), given(message.args.action, 'action'), message.action === 'approve' ? 'Approved' : 'Rejected', optional(message.args.summary));
          break;
        case 'retry':
          retryFailedStage(this.ctx, this.pipeline, given(message.args.stage, 'stage'), this.selected);
          break;
        case 'enableTransition':
          toggleTransition(this.ctx, this.pipeline, given(message.args.stage, 'stage'), true);
          break;
        case 'disableTransition':
          toggleTransition(this.ctx, this.pipeline, given(message.args.stage, 'stage'), false, given(message.args.reason, 'reason'));
          break;
        case 'release':
          this.selected = undefined;
          await vscode.commands.executeCommand('slipway.pipeline.start', { pipeline: this.pipeline });
          break;
        case 'stop':
          await stopExecution(this.ctx.store(), this.pipeline, { executionId: this.selected, abandon: message.args.abandon === true });
          break;
        case 'select':
          this.selected = optional(message.args.executionId);
          break;
        case 'openLink': {
          const url = given(message.args.url, 'url');
          // Local links (a build log, a stack record) open in the editor; others in the browser.
          await (url.startsWith('file:') ? vscode.commands.executeCommand('vscode.open', vscode.Uri.parse(url), vscode.ViewColumn.Beside) : vscode.env.openExternal(vscode.Uri.parse(url)));
          break;
        }
        case 'showLogs':
          await this.showLogs(optional(message.args.stage), optional(message.args.action));
          break;
      }
    } catch (error) {
      void vscode.window.showErrorMessage(`Slipway: ${(error as Error).message}`);
    }
    this.ctx.refresh();
    this.post();
  }

  private async showLogs(stage?: string, action?: string): Promise<void> {
    const pipelines = new PipelineStore(this.ctx.store());
    const execution = this.selected ?? pipelines.executions(this.pipeline).at(-1)?.executionId;
    if (!execution) return;
    const lines = pipelines
      .logs(this.pipeline, execution)
      .filter((l) => (!stage || l.stage === stage) && (!action || l.action === action))
      .map((l) => `${l.time} ${[l.stage, l.action].filter(Boolean).join('/')}: ${l.line}`);
    const document = await vscode.workspace.openTextDocument({ content: lines.join('\n') + '\n', language: 'log' });
    await vscode.window.showTextDocument(document, { preview: true, viewColumn: vscode.ViewColumn.Beside });
  }

  private closed(): void {
    panels.delete(this.pipeline);
    this.subscription.dispose();
  }
}

/** A required string argument of a page message. */
function given(value: unknown, name: string): string {
  if (typeof value !== 'string' || !value) throw new Error(`the pipeline page sent no ${name}`);
  return value;
}

function optional(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}
