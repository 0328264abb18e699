import * as YAML from 'yaml';
import type { Range } from '../../common/diagnostics';
import type { LineIndex } from '../../common/text';
import { entries, pairOf, textOf, isMap, isScalar, isSeq } from '../../common/yaml/nodes';
import { rangeOf } from '../../common/yaml/ranges';

/**
 * A positioned view of one pipeline declaration for the checks: the CLI's camelCase
 * structure (`stages[].actions[]`) and CloudFormation's PascalCase properties
 * (`Stages[].Actions[]`) read the same way. Values that are intrinsic functions
 * (`!Ref`, `Fn::Sub`…) are unknown (undefined) and the checks skip them.
 */
export interface PipelineView {
  node: YAML.YAMLMap;
  stages: StageView[];
  /** Pipeline-level variables (`variables[].name`), with the node of each name. */
  variables: Array<{ name: string; node: unknown }>;
  lines: LineIndex;
  /** Range to report pipeline-wide findings at (the `stages` key, else the declaration). */
  anchor: Range;
}

export interface StageView {
  index: number;
  name?: string;
  nameNode: unknown;
  node: YAML.YAMLMap;
  actions: ActionView[];
}

export interface ArtifactRef {
  name: string;
  node: unknown;
}

export interface ActionView {
  stage: StageView;
  name?: string;
  nameNode: unknown;
  node: YAML.YAMLMap;
  category?: string;
  owner?: string;
  provider?: string;
  typeNode: unknown;
  categoryNode: unknown;
  providerNode: unknown;
  /** runOrder as written (1 when absent; undefined when it is not a literal). */
  runOrder?: number | string;
  runOrderNode: unknown;
  configuration?: YAML.YAMLMap;
  configurationNode: unknown;
  inputs: ArtifactRef[];
  outputs: ArtifactRef[];
  namespace?: string;
  namespaceNode: unknown;
}

/** A key in either casing: `stages` or `Stages`. */
export function field(map: unknown, camel: string): YAML.Pair<YAML.Scalar, unknown> | undefined {
  return pairOf(map, camel) ?? pairOf(map, camel[0].toUpperCase() + camel.slice(1));
}

function fieldValue(map: unknown, camel: string): unknown {
  return field(map, camel)?.value ?? undefined;
}

function artifacts(list: unknown): ArtifactRef[] {
  if (!isSeq(list)) return [];
  const out: ArtifactRef[] = [];
  for (const item of list.items) {
    const pair = field(item, 'name');
    const name = textOf(pair?.value);
    if (name !== undefined) out.push({ name, node: pair!.value });
  }
  return out;
}

export function readPipeline(node: YAML.YAMLMap, lines: LineIndex): PipelineView {
  const stagesPair = field(node, 'stages');
  const stages: StageView[] = [];
  const stageList = stagesPair?.value;
  if (isSeq(stageList)) {
    stageList.items.forEach((stageNode, index) => {
      if (!isMap(stageNode)) return;
      const namePair = field(stageNode, 'name');
      const stage: StageView = { index, name: textOf(namePair?.value), nameNode: namePair?.value ?? stageNode, node: stageNode, actions: [] };
      const actions = fieldValue(stageNode, 'actions');
      for (const actionNode of isSeq(actions) ? actions.items : []) {
        if (!isMap(actionNode)) continue;
        stage.actions.push(readAction(stage, actionNode));
      }
      stages.push(stage);
    });
  }
  const variables: Array<{ name: string; node: unknown }> = [];
  const declared = fieldValue(node, 'variables');
  for (const item of isSeq(declared) ? declared.items : []) {
    const pair = field(item, 'name');
    const name = textOf(pair?.value);
    if (name !== undefined) variables.push({ name, node: pair!.value });
  }
  return { node, stages, variables, lines, anchor: rangeOf(stagesPair?.key ?? node, lines) };
}

function readAction(stage: StageView, node: YAML.YAMLMap): ActionView {
  const namePair = field(node, 'name');
  const typePair = field(node, 'actionTypeId');
  const type = typePair?.value;
  const categoryPair = field(type, 'category');
  const providerPair = field(type, 'provider');
  const runOrderPair = field(node, 'runOrder');
  const configurationPair = field(node, 'configuration');
  const namespacePair = field(node, 'namespace');
  let runOrder: number | string | undefined = 1;
  if (runOrderPair) {
    const raw = isScalar(runOrderPair.value) && !runOrderPair.value.tag?.startsWith('!') ? runOrderPair.value.value : undefined;
    runOrder = typeof raw === 'number' ? raw : typeof raw === 'string' ? (/^\s*-?\d+\s*$/.test(raw) ? Number(raw) : raw) : undefined;
  }
  return {
    stage,
    name: textOf(namePair?.value),
    nameNode: namePair?.value ?? node,
    node,
    category: textOf(categoryPair?.value),
    owner: textOf(field(type, 'owner')?.value),
    provider: textOf(providerPair?.value),
    typeNode: typePair?.key ?? node,
    categoryNode: categoryPair?.value ?? typePair?.key ?? node,
    providerNode: providerPair?.value ?? typePair?.key ?? node,
    runOrder,
    runOrderNode: runOrderPair?.value ?? node,
    configuration: isMap(configurationPair?.value) ? configurationPair.value : undefined,
    configurationNode: configurationPair?.key ?? node,
    inputs: artifacts(fieldValue(node, 'inputArtifacts')),
    outputs: artifacts(fieldValue(node, 'outputArtifacts')),
    namespace: textOf(namespacePair?.value),
    namespaceNode: namespacePair?.value ?? node,
  };
}

/** Actions in run order across the pipeline: earlier stages first, then lower runOrder. */
export function actionsOf(pipeline: PipelineView): ActionView[] {
  return pipeline.stages.flatMap((stage) => stage.actions);
}

/** Whether `a` finishes before `b` starts (an earlier stage, or the same stage with a lower runOrder). */
export function runsBefore(a: ActionView, b: ActionView): boolean {
  if (a.stage.index !== b.stage.index) return a.stage.index < b.stage.index;
  return typeof a.runOrder === 'number' && typeof b.runOrder === 'number' && a.runOrder < b.runOrder;
}

/** The pipeline declarations of a document: the bare or `{"pipeline": …}`-wrapped declaration. */
export function declarationNode(root: unknown): YAML.YAMLMap | undefined {
  if (!isMap(root)) return undefined;
  const wrapped = pairOf(root, 'pipeline')?.value;
  return isMap(wrapped) ? wrapped : root;
}

/** `AWS::CodePipeline::Pipeline` resources of a CloudFormation template: their Properties maps. */
export function templatePipelines(root: unknown): Array<{ logicalId: string; properties: YAML.YAMLMap }> {
  const out: Array<{ logicalId: string; properties: YAML.YAMLMap }> = [];
  for (const resource of entries(pairOf(root, 'Resources')?.value)) {
    if (textOf(pairOf(resource.value, 'Type')?.value) !== 'AWS::CodePipeline::Pipeline') continue;
    const properties = pairOf(resource.value, 'Properties')?.value;
    if (isMap(properties)) out.push({ logicalId: resource.key, properties });
  }
  return out;
}
