import * as path from 'node:path';
import { readDocumentFile, toPlain } from '../common/yaml/document';
import { nameProblem } from '../common/names';
import { YamlReader, type NodePath } from '../common/yaml/reader';

/** CodePipeline V2 declaration, as much of it as runs locally. Field names follow the AWS API. */
export type ExecutionMode = 'SUPERSEDED' | 'QUEUED' | 'PARALLEL';
export type FailureResult = 'ROLLBACK' | 'RETRY' | 'FAIL';

export interface ActionTypeId {
  category: string;
  owner: string;
  provider: string;
  version: string;
}

export interface ActionDeclaration {
  name: string;
  actionTypeId: ActionTypeId;
  runOrder: number;
  configuration: Record<string, string>;
  inputArtifacts: string[];
  outputArtifacts: string[];
  namespace?: string;
  timeoutInMinutes?: number;
  /** 1-based line of the action in its file, for errors raised while running it. */
  line?: number;
}

/** A VariableCheck rule of an entry condition (the one rule type that is fully local). */
export interface VariableCheckRule {
  name: string;
  variable: string;
  value: string;
  operator: 'EQ' | 'NE' | 'CONTAINS' | 'MATCHES';
}

export interface EntryCondition {
  result: 'FAIL' | 'SKIP';
  rules: VariableCheckRule[];
}

export interface StageDeclaration {
  name: string;
  actions: ActionDeclaration[];
  onFailure?: { result: FailureResult; retryMode: 'FAILED_ACTIONS' | 'ALL_ACTIONS' };
  /** beforeEntry conditions: every rule of a condition must pass, else its result applies. */
  beforeEntry?: EntryCondition[];
}

export interface PipelineVariable {
  name: string;
  defaultValue?: string;
  description?: string;
}

export interface PipelineDeclaration {
  name: string;
  pipelineType: 'V1' | 'V2';
  executionMode: ExecutionMode;
  variables: PipelineVariable[];
  stages: StageDeclaration[];
  /** V2 triggers as declared (git push / pull-request filters); read by the trigger matcher. */
  triggers: unknown[];
}

const EXECUTION_MODES = ['SUPERSEDED', 'QUEUED', 'PARALLEL'];
const FAILURE_RESULTS = ['ROLLBACK', 'RETRY', 'FAIL'];
const CATEGORIES = ['Source', 'Build', 'Test', 'Deploy', 'Approval', 'Invoke', 'Compute'];
const NAME = /^[A-Za-z0-9.@_-]{1,100}$/;
/** `#{Namespace.Variable}` references; AWS variable names are letters, digits, `_`, `-`, `.`, `@`. */
export const VARIABLE_REFERENCE = /#\{([A-Za-z0-9@_-]+)\.([A-Za-z0-9@_.-]+)\}/g;

/** Reads a declaration file; every problem that blocks running is an InputError naming file:line. */
export function loadPipelineFile(file: string): PipelineDeclaration {
  return parsePipeline(file, readDocumentFile(file, 'no such file'));
}

export function parsePipeline(file: string, text: string): PipelineDeclaration {
  const reader = YamlReader.parse(file, text);
  const root = toPlain(reader.root);
  if (!isObject(root)) throw reader.errorAt([], 'a pipeline declaration is a mapping with "name" and "stages"');
  const wrapped = isObject(root.pipeline);
  const base: NodePath = wrapped ? ['pipeline'] : [];
  const body = (wrapped ? root.pipeline : root) as Record<string, unknown>;
  return readPipeline(body, base, reader);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readString(value: unknown, at: NodePath, what: string, reader: YamlReader): string {
  if (typeof value === 'string' && value.length > 0) return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw reader.errorAt(at, `${what} must be a non-empty string`);
}

function readPipeline(body: Record<string, unknown>, base: NodePath, reader: YamlReader): PipelineDeclaration {
  const name = readString(body.name, [...base, 'name'], 'pipeline "name"', reader);
  const problem = nameProblem('pipeline', name);
  if (problem) throw reader.errorAt([...base, 'name'], problem);
  const pipelineType = body.pipelineType === undefined ? 'V1' : body.pipelineType;
  if (pipelineType !== 'V1' && pipelineType !== 'V2') throw reader.errorAt([...base, 'pipelineType'], `pipelineType must be V1 or V2, not "${String(pipelineType)}"`);
  const executionMode = body.executionMode === undefined ? 'SUPERSEDED' : body.executionMode;
  if (typeof executionMode !== 'string' || !EXECUTION_MODES.includes(executionMode)) {
    throw reader.errorAt([...base, 'executionMode'], `executionMode must be SUPERSEDED, QUEUED or PARALLEL, not "${String(executionMode)}"`);
  }
  if (executionMode !== 'SUPERSEDED' && pipelineType !== 'V2') throw reader.errorAt([...base, 'executionMode'], `executionMode ${executionMode} needs pipelineType V2`);
  const variables = readVariables(body.variables, [...base, 'variables'], reader);
  if (!Array.isArray(body.stages) || body.stages.length === 0) throw reader.errorAt([...base, 'stages'], 'a pipeline needs "stages": a list of at least two stages');
  const stages = body.stages.map((stage, i) => readStage(stage, [...base, 'stages', i], reader));
  const declaration: PipelineDeclaration = {
    name,
    pipelineType,
    executionMode: executionMode as ExecutionMode,
    variables,
    stages,
    triggers: Array.isArray(body.triggers) ? body.triggers : [],
  };
  checkStructure(declaration, base, reader);
  return declaration;
}

function readVariables(value: unknown, at: NodePath, reader: YamlReader): PipelineVariable[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw reader.errorAt(at, '"variables" must be a list of {name, defaultValue, description}');
  const seen = new Set<string>();
  return value.map((item, i) => {
    if (!isObject(item)) throw reader.errorAt([...at, i], 'a pipeline variable is a mapping with "name"');
    const name = readString(item.name, [...at, i, 'name'], 'variable "name"', reader);
    if (!/^[A-Za-z0-9@_-]{1,128}$/.test(name)) throw reader.errorAt([...at, i, 'name'], `variable name "${name}" may use only letters, digits and @ _ -`);
    if (seen.has(name)) throw reader.errorAt([...at, i, 'name'], `variable "${name}" is declared twice`);
    seen.add(name);
    const defaultValue = item.defaultValue === undefined || item.defaultValue === null ? undefined : String(item.defaultValue);
    return { name, defaultValue, description: typeof item.description === 'string' ? item.description : undefined };
  });
}

function readStage(value: unknown, at: NodePath, reader: YamlReader): StageDeclaration {
  if (!isObject(value)) throw reader.errorAt(at, 'a stage is a mapping with "name" and "actions"');
  const name = readString(value.name, [...at, 'name'], 'stage "name"', reader);
  if (!NAME.test(name)) throw reader.errorAt([...at, 'name'], `stage name "${name}" may use only letters, digits and . @ _ -`);
  if (!Array.isArray(value.actions) || value.actions.length === 0) throw reader.errorAt([...at, 'actions'], `stage "${name}" needs at least one action`);
  const actions = value.actions.map((action, i) => readAction(action, [...at, 'actions', i], reader));
  const stage: StageDeclaration = { name, actions };
  if (value.onFailure !== undefined) {
    const failure = value.onFailure;
    const result = isObject(failure) ? failure.result : undefined;
    if (typeof result !== 'string' || !FAILURE_RESULTS.includes(result)) {
      throw reader.errorAt([...at, 'onFailure'], `onFailure.result must be ROLLBACK, RETRY or FAIL, not "${String(result)}"`);
    }
    const retry = isObject(failure) && isObject(failure.retryConfiguration) ? failure.retryConfiguration.retryMode : undefined;
    if (retry !== undefined && retry !== 'FAILED_ACTIONS' && retry !== 'ALL_ACTIONS') {
      throw reader.errorAt([...at, 'onFailure', 'retryConfiguration'], `retryMode must be FAILED_ACTIONS or ALL_ACTIONS, not "${String(retry)}"`);
    }
    stage.onFailure = { result: result as FailureResult, retryMode: (retry as 'FAILED_ACTIONS' | 'ALL_ACTIONS' | undefined) ?? 'FAILED_ACTIONS' };
  }
  if (value.beforeEntry !== undefined) stage.beforeEntry = readConditions(value.beforeEntry, [...at, 'beforeEntry'], reader);
  return stage;
}

const OPERATORS = ['EQ', 'NE', 'CONTAINS', 'MATCHES'];

function readConditions(value: unknown, at: NodePath, reader: YamlReader): EntryCondition[] {
  const conditions = isObject(value) ? value.conditions : undefined;
  if (!Array.isArray(conditions)) throw reader.errorAt(at, 'beforeEntry needs "conditions": a list of {result, rules}');
  return conditions.map((condition, c) => {
    const cat: NodePath = [...at, 'conditions', c];
    if (!isObject(condition)) throw reader.errorAt(cat, 'a condition is a mapping with "result" and "rules"');
    const result = condition.result ?? 'FAIL';
    if (result !== 'FAIL' && result !== 'SKIP') throw reader.errorAt([...cat, 'result'], `a beforeEntry condition's result is FAIL or SKIP, not "${String(result)}"`);
    if (!Array.isArray(condition.rules) || condition.rules.length === 0) throw reader.errorAt([...cat, 'rules'], 'a condition needs at least one rule');
    const rules = condition.rules.map((rule, r) => {
      const rat: NodePath = [...cat, 'rules', r];
      if (!isObject(rule)) throw reader.errorAt(rat, 'a rule is a mapping with "name", "ruleTypeId" and "configuration"');
      const type = isObject(rule.ruleTypeId) ? rule.ruleTypeId : {};
      if (type.provider !== 'VariableCheck') {
        throw reader.errorAt([...rat, 'ruleTypeId'], `rule provider "${String(type.provider)}" cannot run locally; Slipway runs VariableCheck rules`);
      }
      const config = isObject(rule.configuration) ? rule.configuration : {};
      const operator = config.Operator;
      if (typeof operator !== 'string' || !OPERATORS.includes(operator)) throw reader.errorAt([...rat, 'configuration'], `VariableCheck Operator must be ${OPERATORS.join(', ')}`);
      return {
        name: readString(rule.name, [...rat, 'name'], 'rule "name"', reader),
        variable: readString(config.Variable, [...rat, 'configuration'], 'VariableCheck "Variable"', reader),
        value: config.Value === undefined ? '' : String(config.Value),
        operator: operator as VariableCheckRule['operator'],
      };
    });
    return { result, rules };
  });
}

function readAction(value: unknown, at: NodePath, reader: YamlReader): ActionDeclaration {
  if (!isObject(value)) throw reader.errorAt(at, 'an action is a mapping with "name" and "actionTypeId"');
  const name = readString(value.name, [...at, 'name'], 'action "name"', reader);
  if (!NAME.test(name)) throw reader.errorAt([...at, 'name'], `action name "${name}" may use only letters, digits and . @ _ -`);
  const type = value.actionTypeId;
  if (!isObject(type)) throw reader.errorAt([...at, 'actionTypeId'], `action "${name}" needs "actionTypeId" {category, owner, provider, version}`);
  const category = readString(type.category, [...at, 'actionTypeId', 'category'], 'actionTypeId "category"', reader);
  if (!CATEGORIES.includes(category)) throw reader.errorAt([...at, 'actionTypeId', 'category'], `unknown action category "${category}" (${CATEGORIES.join(', ')})`);
  const actionTypeId: ActionTypeId = {
    category,
    owner: readString(type.owner, [...at, 'actionTypeId', 'owner'], 'actionTypeId "owner"', reader),
    provider: readString(type.provider, [...at, 'actionTypeId', 'provider'], 'actionTypeId "provider"', reader),
    version: type.version === undefined ? '1' : readString(type.version, [...at, 'actionTypeId', 'version'], 'actionTypeId "version"', reader),
  };
  const runOrder = value.runOrder === undefined ? 1 : value.runOrder;
  if (typeof runOrder !== 'number' || !Number.isInteger(runOrder) || runOrder < 1 || runOrder > 999) {
    throw reader.errorAt([...at, 'runOrder'], `runOrder must be a whole number from 1 to 999, not ${JSON.stringify(runOrder)}`);
  }
  const configuration: Record<string, string> = {};
  if (value.configuration !== undefined && value.configuration !== null) {
    if (!isObject(value.configuration)) throw reader.errorAt([...at, 'configuration'], 'configuration must be a mapping of strings');
    for (const [key, v] of Object.entries(value.configuration)) {
      // AWS takes strings only; a mapping (e.g. ParameterOverrides written inline) is sent as JSON text.
      configuration[key] = typeof v === 'string' ? v : JSON.stringify(v);
    }
  }
  const artifacts = (key: 'inputArtifacts' | 'outputArtifacts'): string[] => {
    const list = value[key];
    if (list === undefined || list === null) return [];
    if (!Array.isArray(list)) throw reader.errorAt([...at, key], `${key} must be a list of {name}`);
    return list.map((item, i) => {
      const artifactName = isObject(item) ? item.name : undefined;
      const result = readString(artifactName, [...at, key, i], `${key}[${i}].name`, reader);
      if (!/^[A-Za-z0-9_-]{1,100}$/.test(result)) throw reader.errorAt([...at, key, i], `artifact name "${result}" may use only letters, digits, _ and -`);
      return result;
    });
  };
  const namespace = value.namespace === undefined ? undefined : readString(value.namespace, [...at, 'namespace'], 'namespace', reader);
  if (namespace !== undefined && !/^[A-Za-z0-9@_-]{1,100}$/.test(namespace)) throw reader.errorAt([...at, 'namespace'], `namespace "${namespace}" may use only letters, digits and @ _ -`);
  const timeout = value.timeoutInMinutes;
  if (timeout !== undefined && (typeof timeout !== 'number' || timeout < 5 || timeout > 86400)) {
    throw reader.errorAt([...at, 'timeoutInMinutes'], 'timeoutInMinutes must be a number from 5 to 86400');
  }
  return {
    name,
    actionTypeId,
    runOrder,
    configuration,
    inputArtifacts: artifacts('inputArtifacts'),
    outputArtifacts: artifacts('outputArtifacts'),
    namespace,
    timeoutInMinutes: timeout as number | undefined,
    line: reader.lineAt(at),
  };
}

/** The cross-references AWS checks when a pipeline is created. */
function checkStructure(p: PipelineDeclaration, base: NodePath, reader: YamlReader): void {
  const stageNames = new Set<string>();
  const producedBy = new Set<string>();
  const namespaces = new Set<string>();
  const variableNames = new Set(p.variables.map((v) => v.name));
  const checkReferences = (action: ActionDeclaration, aat: NodePath): void => {
    action.inputArtifacts.forEach((input, i) => {
      if (!producedBy.has(input)) throw reader.errorAt([...aat, 'inputArtifacts', i], `input artifact "${input}" of "${action.name}" is not the output of an action that runs before it`);
    });
    for (const [key, value] of Object.entries(action.configuration)) {
      for (const match of value.matchAll(VARIABLE_REFERENCE)) {
        const [reference, ns, variable] = match;
        if (ns === 'variables') {
          if (!variableNames.has(variable)) throw reader.errorAt([...aat, 'configuration', key], `${reference}: the pipeline declares no variable "${variable}"`);
        } else if (ns !== 'codepipeline' && !namespaces.has(ns)) {
          throw reader.errorAt([...aat, 'configuration', key], `${reference}: no action that runs before "${action.name}" has namespace "${ns}"`);
        }
      }
    }
  };
  p.stages.forEach((stage, s) => {
    const at: NodePath = [...base, 'stages', s];
    if (stageNames.has(stage.name)) throw reader.errorAt([...at, 'name'], `stage "${stage.name}" is declared twice`);
    stageNames.add(stage.name);
    if (stage.onFailure?.result === 'ROLLBACK' && p.executionMode === 'PARALLEL') {
      throw reader.errorAt([...at, 'onFailure'], 'onFailure ROLLBACK is not available in PARALLEL execution mode');
    }
    if (stage.onFailure?.result === 'ROLLBACK' && s === 0) throw reader.errorAt([...at, 'onFailure'], 'the first (source) stage cannot roll back');
    const actionNames = new Set<string>();
    stage.actions.forEach((action, a) => {
      if (actionNames.has(action.name)) throw reader.errorAt([...at, 'actions', a, 'name'], `action "${action.name}" is declared twice in stage "${stage.name}"`);
      actionNames.add(action.name);
      const isSource = action.actionTypeId.category === 'Source';
      if (s === 0 && !isSource) throw reader.errorAt([...at, 'actions', a], `the first stage may contain only Source actions; "${action.name}" is ${action.actionTypeId.category}`);
      if (s > 0 && isSource) throw reader.errorAt([...at, 'actions', a], `Source action "${action.name}" must be in the first stage`);
    });
    // Outputs and namespaces become visible after their runOrder group, so check group by group.
    const orders = [...new Set(stage.actions.map((a) => a.runOrder))].sort((x, y) => x - y);
    for (const order of orders) {
      const group = stage.actions.map((action, a) => ({ action, a })).filter(({ action }) => action.runOrder === order);
      for (const { action, a } of group) checkReferences(action, [...at, 'actions', a]);
      for (const { action, a } of group) {
        const aat: NodePath = [...at, 'actions', a];
        action.outputArtifacts.forEach((output, i) => {
          if (producedBy.has(output)) throw reader.errorAt([...aat, 'outputArtifacts', i], `output artifact "${output}" is produced by more than one action`);
          producedBy.add(output);
        });
        if (action.namespace) {
          if (action.namespace === 'variables' || action.namespace === 'codepipeline') throw reader.errorAt([...aat, 'namespace'], `namespace "${action.namespace}" is reserved`);
          if (namespaces.has(action.namespace)) throw reader.errorAt([...aat, 'namespace'], `namespace "${action.namespace}" is used by more than one action`);
          namespaces.add(action.namespace);
        }
      }
    }
  });
  if (p.stages.length < 2) throw reader.errorAt([...base, 'stages'], 'a pipeline needs at least two stages');
}

/** Where relative paths in a declaration resolve (the declaration's folder). */
export function declarationDir(file: string): string {
  return path.dirname(path.resolve(file));
}
