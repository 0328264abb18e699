import * as vscode from 'vscode';
import { PipelineStore, executionView, type ExecutionView } from '../../runtime/pipelines';
import { shownStatus } from '../../protocol/pipeline';
import type { Ctx } from '../ctx';
import { ago, duration, statusIcon, type Node } from '../common/node-tree';

/** Data the context-menu commands receive from a row. */
export interface PipelineRowData extends Record<string, unknown> {
  pipeline: string;
  executionId?: string;
  stage?: string;
  action?: string;
}

/** Pipelines → latest execution (status, source commit) → stages → actions, from the state home. */
export function loadPipelines(ctx: Ctx): Node[] {
  const pipelines = new PipelineStore(ctx.store());
  return pipelines.names().flatMap((name) => {
    const record = pipelines.get(name);
    if (!record) return [];
    const latest = pipelines.executions(name).at(-1);
    const view = latest ? executionView(record, latest) : undefined;
    const icon = view ? statusIcon(view.status) : { icon: 'circle-outline' };
    const data: PipelineRowData = { pipeline: name, executionId: view?.executionId };
    return [
      {
        id: `pipeline/${name}`,
        label: name,
        description: view ? view.status : 'no executions',
        tooltip: `${name} (version ${record.version})${record.sourceFile ? ` from ${record.sourceFile}` : ''}${view ? `\n${view.status} · ${ago(view.endTime ?? view.startTime)}` : ''}`,
        ...icon,
        contextValue: `pipeline${view?.status === 'InProgress' ? '.running' : ''}`,
        command: { command: 'slipway.pipeline.open', title: 'Open Pipeline', arguments: [data] },
        data,
        expanded: view?.status === 'InProgress',
        children: () => (view ? [executionNode(view)] : []),
      },
    ];
  });
}

function executionNode(view: ExecutionView): Node {
  const data: PipelineRowData = { pipeline: view.pipelineName, executionId: view.executionId };
  const revision = view.sourceRevisions[0];
  return {
    id: `pipeline/${view.pipelineName}/execution/${view.executionId}`,
    label: `Execution ${view.executionId}`,
    description: [view.status, revision ? `${revision.revisionId.slice(0, 8)} ${revision.revisionSummary ?? ''}`.trim() : undefined].filter(Boolean).join(' · '),
    tooltip: view.statusSummary ?? `${view.trigger.triggerType} at ${view.startTime}`,
    ...statusIcon(view.status),
    contextValue: `pipelineExecution.${view.status}`,
    data,
    expanded: true,
    children: () => view.stages.map((stage) => stageNode(view, stage)),
  };
}

function stageNode(view: ExecutionView, stage: ExecutionView['stages'][number]): Node {
  const data: PipelineRowData = { pipeline: view.pipelineName, executionId: view.executionId, stage: stage.name };
  const transition = stage.inboundTransition.enabled ? '' : ` · transition disabled: ${stage.inboundTransition.reason ?? ''}`;
  return {
    id: `pipeline/${view.pipelineName}/execution/${view.executionId}/${stage.name}`,
    label: stage.name,
    description: `${shownStatus(stage.status, view.status)}${transition}`,
    tooltip: stage.conditionSummary,
    ...(stage.status === 'NotStarted' ? { icon: 'circle-outline' } : statusIcon(stage.status)),
    contextValue: `pipelineStage.${stage.status}.${stage.inboundTransition.enabled ? 'open' : 'closed'}`,
    data,
    expanded: stage.status === 'InProgress' || stage.status === 'Failed',
    children: () => stage.actions.map((action) => actionNode(view, stage.name, action)),
  };
}

function actionNode(view: ExecutionView, stage: string, action: ExecutionView['stages'][number]['actions'][number]): Node {
  const waiting = action.status === 'InProgress' && action.approval && !action.approval.decision;
  const data: PipelineRowData = { pipeline: view.pipelineName, executionId: view.executionId, stage, action: action.name };
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.appendMarkdown(`**${action.name}** — ${action.category}/${action.provider}\n\n${action.status}`);
  if (action.summary) tooltip.appendText(`\n\n${action.summary}`);
  if (action.approval?.customData) tooltip.appendText(`\n\n${action.approval.customData}`);
  return {
    id: `pipeline/${view.pipelineName}/execution/${view.executionId}/${stage}/${action.name}`,
    label: action.name,
    description: [waiting ? 'Waiting for approval' : shownStatus(action.status, view.status), duration(action.durationMs), action.summary && !waiting ? action.summary : undefined].filter(Boolean).join(' · '),
    tooltip,
    ...(waiting ? { icon: 'person', iconColor: 'charts.yellow' } : action.status === 'NotStarted' ? { icon: 'circle-outline' } : statusIcon(action.status)),
    contextValue: waiting ? 'pipelineAction.approval' : `pipelineAction.${action.status}`,
    command: action.externalUrl ? { command: 'vscode.open', title: 'Open Link', arguments: [vscode.Uri.parse(action.externalUrl)] } : undefined,
    data,
  };
}
