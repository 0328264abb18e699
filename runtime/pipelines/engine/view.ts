import type { ExecutionRecord, PipelineRecord } from './records';

/** The `pipeline status --json` shape: AWS's status names, one execution, the inbound transition of each stage. */
export interface ExecutionView {
  pipelineName: string;
  pipelineVersion: number;
  executionId: string;
  status: ExecutionRecord['status'];
  statusSummary?: string;
  trigger: ExecutionRecord['trigger'];
  startTime: string;
  endTime?: string;
  rollback?: ExecutionRecord['rollback'];
  sourceRevisions: ExecutionRecord['sourceRevisions'];
  stages: StageView[];
  variables: Record<string, string>;
  namespaces: Record<string, Record<string, string>>;
}

export interface StageView {
  name: string;
  status: string;
  inboundTransition: { enabled: boolean; reason?: string };
  conditionSummary?: string;
  actions: ActionView[];
}

export interface ActionView {
  name: string;
  category: string;
  provider: string;
  status: string;
  summary?: string;
  externalUrl?: string;
  errorMessage?: string;
  startTime?: string;
  endTime?: string;
  durationMs?: number;
  attempt: number;
  outputVariables?: Record<string, string>;
  approval?: { customData?: string; externalEntityLink?: string; expiresAt: string; decision?: { status: string; summary?: string; by: string } };
}

export function executionView(pipeline: PipelineRecord, execution: ExecutionRecord): ExecutionView {
  const declared = new Map(pipeline.declaration.stages.map((s) => [s.name, s]));
  return {
    pipelineName: pipeline.name,
    pipelineVersion: execution.pipelineVersion,
    executionId: execution.executionId,
    status: execution.status,
    statusSummary: execution.statusSummary,
    trigger: execution.trigger,
    startTime: execution.startTime,
    endTime: execution.endTime,
    rollback: execution.rollback,
    sourceRevisions: execution.sourceRevisions,
    stages: execution.stages.map((stage) => {
      const transition = pipeline.transitions[stage.name];
      const actions = declared.get(stage.name)?.actions ?? [];
      return {
        name: stage.name,
        status: stage.status,
        inboundTransition: { enabled: transition?.enabled !== false, reason: transition?.enabled === false ? transition.reason : undefined },
        conditionSummary: stage.conditionSummary,
        actions: stage.actions.map((action) => {
          const type = actions.find((a) => a.name === action.name)?.actionTypeId;
          const end = action.endTime ? Date.parse(action.endTime) : undefined;
          return {
            name: action.name,
            category: type?.category ?? '',
            provider: type?.provider ?? '',
            status: action.status,
            summary: action.summary,
            externalUrl: action.externalUrl,
            errorMessage: action.errorMessage,
            startTime: action.startTime,
            endTime: action.endTime,
            durationMs: action.startTime && end !== undefined ? end - Date.parse(action.startTime) : undefined,
            attempt: action.attempt,
            outputVariables: action.outputVariables,
            approval: action.approval,
          };
        }),
      };
    }),
    variables: execution.variables,
    namespaces: execution.namespaces,
  };
}
