import { randomBytes } from 'node:crypto';
import { registerProvider, type ProviderContext, type ProviderResult } from '../stacks/provider';
import { createPipeline, deletePipeline, setTransition, startExecution, updatePipeline } from './engine/api';
import { PipelineStore } from './engine/store';
import { parsePipeline } from './model';
import { spawnDriver } from './triggers';

/** CloudFormation's PascalCase pipeline properties → the CodePipeline API's camelCase declaration. */
export function declarationFromProperties(name: string, properties: Record<string, unknown>): Record<string, unknown> {
  const list = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? (value as Record<string, unknown>[]) : []);
  const artifacts = (value: unknown) => list(value).map((a) => ({ name: a.Name }));
  return {
    name,
    pipelineType: properties.PipelineType ?? 'V1',
    executionMode: properties.ExecutionMode,
    variables: list(properties.Variables).map((v) => ({ name: v.Name, defaultValue: v.DefaultValue, description: v.Description })),
    triggers: list(properties.Triggers).map((t) => camelCase(t)),
    stages: list(properties.Stages).map((stage) => ({
      name: stage.Name,
      onFailure: stage.OnFailure ? camelCase(stage.OnFailure) : undefined,
      actions: list(stage.Actions).map((action) => {
        const type = (action.ActionTypeId ?? {}) as Record<string, unknown>;
        return {
          name: action.Name,
          actionTypeId: { category: type.Category, owner: type.Owner, provider: type.Provider, version: type.Version },
          runOrder: action.RunOrder,
          configuration: action.Configuration,
          inputArtifacts: artifacts(action.InputArtifacts),
          outputArtifacts: artifacts(action.OutputArtifacts),
          namespace: action.Namespace,
          timeoutInMinutes: action.TimeoutInMinutes,
        };
      }),
    })),
  };
}

function camelCase(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelCase);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.charAt(0).toLowerCase() + k.slice(1), camelCase(v)]));
}

function declare(name: string, properties: Record<string, unknown>, ctx: ProviderContext) {
  const text = JSON.stringify(declarationFromProperties(name, properties), null, 2);
  return parsePipeline(`${ctx.stackName}/${ctx.logicalId}.Properties`, text);
}

function applyDisabledTransitions(ctx: ProviderContext, name: string, properties: Record<string, unknown>): void {
  const disabled = Array.isArray(properties.DisableInboundStageTransitions) ? (properties.DisableInboundStageTransitions as { StageName: string; Reason: string }[]) : [];
  const record = new PipelineStore(ctx.store).require(name);
  for (const stage of record.declaration.stages.slice(1)) {
    const wanted = disabled.find((d) => d.StageName === stage.name);
    const current = record.transitions[stage.name]?.enabled !== false;
    if (wanted) setTransition(ctx.store, name, stage.name, false, wanted.Reason || 'disabled by the stack');
    else if (!current) setTransition(ctx.store, name, stage.name, true);
  }
}

/** Creating a pipeline starts its first execution, as in AWS; a detached worker runs it so the stack operation does not wait. */
function startDetached(ctx: ProviderContext, name: string, triggerType: 'CreatePipeline' | 'StackResource'): void {
  startExecution(ctx.store, name, { trigger: { triggerType, triggerDetail: `${ctx.stackName}/${ctx.logicalId}` } });
  spawnDriver(ctx.store.home, name);
}

function result(ctx: ProviderContext, name: string): ProviderResult {
  const record = new PipelineStore(ctx.store).require(name);
  return { physicalId: name, attributes: { Version: String(record.version) } };
}

registerProvider({
  type: 'AWS::CodePipeline::Pipeline',
  replacesOn: (property) => property === 'Name',
  async create(properties, ctx) {
    const name = (properties.Name as string | undefined) ?? `${ctx.stackName}-${ctx.logicalId}-${randomBytes(6).toString('hex').toUpperCase()}`.slice(0, 100);
    const declaration = declare(name, properties, ctx);
    createPipeline(ctx.store, declaration, { baseDir: ctx.templateDir, managedBy: { stackName: ctx.stackName, logicalId: ctx.logicalId } });
    applyDisabledTransitions(ctx, name, properties);
    ctx.log(`created pipeline ${name}; starting its first execution`);
    startDetached(ctx, name, 'CreatePipeline');
    return result(ctx, name);
  },
  async update(physicalId, properties, _old, ctx) {
    const declaration = declare(physicalId, properties, ctx);
    updatePipeline(ctx.store, declaration, { baseDir: ctx.templateDir });
    applyDisabledTransitions(ctx, physicalId, properties);
    if (properties.RestartExecutionOnUpdate === true || properties.RestartExecutionOnUpdate === 'true') startDetached(ctx, physicalId, 'StackResource');
    return result(ctx, physicalId);
  },
  async delete(physicalId, _properties, ctx) {
    if (new PipelineStore(ctx.store).get(physicalId)) await deletePipeline(ctx.store, physicalId);
  },
  async read(physicalId, _properties, ctx) {
    const record = new PipelineStore(ctx.store).get(physicalId);
    return record ? { Name: record.name, Version: record.version } : undefined;
  },
});
