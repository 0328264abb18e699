// CodePipeline's response shapes from the pipeline engine's records, as the CodePipeline
// API reference defines them (GetPipelineState, PipelineExecution, ActionExecutionDetail).
// https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_GetPipelineState.html
import { LOCAL_ACCOUNT } from '../../common/ids';
import type { ActionState, ExecutionRecord, PipelineRecord } from '../../pipelines/engine/records';
import type { PipelineDeclaration } from '../../pipelines/model';
import { defined, epochSeconds, stableUuid, type TimeFormat } from '../operations';

export const pipelineArn = (name: string) => `arn:${LOCAL_ACCOUNT.partition}:codepipeline:${LOCAL_ACCOUNT.region}:${LOCAL_ACCOUNT.accountId}:${name}`;

/** The members of a declaration the engine does not run (roleArn, artifactStore), kept as given. */
export interface DeclarationExtras {
  roleArn?: string;
  artifactStore?: unknown;
  artifactStores?: unknown;
}

/** A stable id in UUID form for an action's attempt (action execution id, approval token). */
export function actionToken(kind: string, executionId: string, stage: string, action: string, attempt: number): string {
  return stableUuid(kind, executionId, stage, action, attempt);
}

export function declarationShape(declaration: PipelineDeclaration, version: number, extras: DeclarationExtras = {}): Record<string, unknown> {
  return defined({
    name: declaration.name,
    roleArn: extras.roleArn ?? `arn:${LOCAL_ACCOUNT.partition}:iam::${LOCAL_ACCOUNT.accountId}:role/slipway-local`,
    artifactStore: extras.artifactStores ? undefined : (extras.artifactStore ?? { type: 'S3', location: 'slipway-local-artifacts' }),
    artifactStores: extras.artifactStores,
    stages: declaration.stages.map((stage) =>
      defined({
        name: stage.name,
        actions: stage.actions.map((a) =>
          defined({
            name: a.name,
            actionTypeId: a.actionTypeId,
            runOrder: a.runOrder,
            configuration: a.configuration,
            inputArtifacts: a.inputArtifacts.map((name) => ({ name })),
            outputArtifacts: a.outputArtifacts.map((name) => ({ name })),
            namespace: a.namespace,
            timeoutInMinutes: a.timeoutInMinutes,
          }),
        ),
        onFailure: stage.onFailure ? { result: stage.onFailure.result, retryConfiguration: { retryMode: stage.onFailure.retryMode } } : undefined,
        beforeEntry: stage.beforeEntry
          ? {
              conditions: stage.beforeEntry.map((c) => ({
                result: c.result,
                rules: c.rules.map((r) => ({ name: r.name, ruleTypeId: { category: 'Rule', owner: 'AWS', provider: 'VariableCheck', version: '1' }, configuration: { Variable: r.variable, Value: r.value, Operator: r.operator } })),
              })),
            }
          : undefined,
      }),
    ),
    version,
    pipelineType: declaration.pipelineType,
    executionMode: declaration.executionMode,
    variables: declaration.variables.length ? declaration.variables : undefined,
    triggers: declaration.triggers.length ? declaration.triggers : undefined,
  });
}

function actionExecution(action: ActionState, execution: ExecutionRecord, stage: string, time: TimeFormat): Record<string, unknown> | undefined {
  if (action.status === 'NotStarted') return undefined;
  const waiting = !!action.approval && !action.approval.decision && action.status === 'InProgress';
  return defined({
    actionExecutionId: actionToken('execution', execution.executionId, stage, action.name, action.attempt),
    status: action.status,
    summary: action.approval?.decision?.summary ?? action.summary,
    lastStatusChange: time(action.endTime ?? action.startTime),
    token: waiting ? actionToken('approval', execution.executionId, stage, action.name, action.attempt) : undefined,
    lastUpdatedBy: action.approval?.decision?.by,
    externalExecutionUrl: action.externalUrl,
    errorDetails: action.errorMessage ? { code: 'JobFailed', message: action.errorMessage } : undefined,
  });
}

/**
 * GetPipelineState: each stage shows the latest execution that reached it (AWS shows
 * each stage's own latest execution), its actions' latest executions and approval tokens.
 */
export function pipelineStateShape(pipeline: PipelineRecord, executions: ExecutionRecord[], time: TimeFormat = epochSeconds): Record<string, unknown> {
  return {
    pipelineName: pipeline.name,
    pipelineVersion: pipeline.version,
    stageStates: pipeline.declaration.stages.map((declared) => {
      const transition = pipeline.transitions[declared.name];
      const execution = [...executions].reverse().find((e) => e.stages.some((s) => s.name === declared.name && s.status !== 'NotStarted'));
      const stage = execution?.stages.find((s) => s.name === declared.name);
      return defined({
        stageName: declared.name,
        inboundTransitionState: defined({ enabled: transition?.enabled !== false, disabledReason: transition?.enabled === false ? transition.reason : undefined, lastChangedAt: time(transition?.lastChangedAt) }),
        actionStates: declared.actions.map((a) => {
          const state = stage?.actions.find((s) => s.name === a.name);
          return defined({ actionName: a.name, latestExecution: state && execution ? actionExecution(state, execution, declared.name, time) : undefined });
        }),
        latestExecution: execution && stage ? { pipelineExecutionId: execution.executionId, status: stage.status } : undefined,
      });
    }),
    created: time(pipeline.created),
    updated: time(pipeline.updated),
  };
}

export function executionShape(execution: ExecutionRecord): Record<string, unknown> {
  return defined({
    pipelineName: execution.pipelineName,
    pipelineVersion: execution.pipelineVersion,
    pipelineExecutionId: execution.executionId,
    status: execution.status,
    statusSummary: execution.statusSummary,
    artifactRevisions: execution.sourceRevisions.map((r) => defined({ name: r.actionName, revisionId: r.revisionId, revisionSummary: r.revisionSummary })),
    variables: Object.entries(execution.variables).map(([name, resolvedValue]) => ({ name, resolvedValue })),
    trigger: defined({ triggerType: execution.trigger.triggerType, triggerDetail: execution.trigger.triggerDetail }),
    executionMode: execution.executionMode,
    rollbackMetadata: execution.rollback ? { rollbackTargetPipelineExecution: execution.rollback.targetExecutionId } : undefined,
  });
}

export function executionSummaryShape(execution: ExecutionRecord, time: TimeFormat = epochSeconds): Record<string, unknown> {
  return defined({
    pipelineExecutionId: execution.executionId,
    status: execution.status,
    statusSummary: execution.statusSummary,
    startTime: time(execution.startTime),
    lastUpdateTime: time(execution.lastUpdateTime),
    sourceRevisions: execution.sourceRevisions.map((r) => defined({ actionName: r.actionName, revisionId: r.revisionId, revisionSummary: r.revisionSummary })),
    trigger: defined({ triggerType: execution.trigger.triggerType, triggerDetail: execution.trigger.triggerDetail }),
    executionMode: execution.executionMode,
    rollbackMetadata: execution.rollback ? { rollbackTargetPipelineExecution: execution.rollback.targetExecutionId } : undefined,
  });
}

/** ListActionExecutions: one detail per action attempt that ran, newest execution first. */
export function actionExecutionDetails(execution: ExecutionRecord, declaration: PipelineDeclaration, time: TimeFormat = epochSeconds): Record<string, unknown>[] {
  const details: Record<string, unknown>[] = [];
  for (const stage of execution.stages) {
    const declared = declaration.stages.find((s) => s.name === stage.name);
    for (const action of stage.actions) {
      if (action.status === 'NotStarted') continue;
      const decl = declared?.actions.find((a) => a.name === action.name);
      details.push(
        defined({
          pipelineExecutionId: execution.executionId,
          actionExecutionId: actionToken('execution', execution.executionId, stage.name, action.name, action.attempt),
          pipelineVersion: execution.pipelineVersion,
          stageName: stage.name,
          actionName: action.name,
          startTime: time(action.startTime),
          lastUpdateTime: time(action.endTime ?? action.startTime),
          status: action.status,
          input: decl
            ? defined({
                actionTypeId: decl.actionTypeId,
                configuration: decl.configuration,
                resolvedConfiguration: action.resolvedConfiguration,
                namespace: decl.namespace,
                inputArtifacts: decl.inputArtifacts.map((name) => ({ name })),
              })
            : undefined,
          output: defined({
            outputArtifacts: decl?.outputArtifacts.map((name) => ({ name })),
            executionResult: defined({ externalExecutionSummary: action.summary ?? action.errorMessage, externalExecutionUrl: action.externalUrl }),
            outputVariables: action.outputVariables,
          }),
        }),
      );
    }
  }
  return details;
}
