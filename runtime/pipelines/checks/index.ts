import type { Diagnostic } from '../../common/diagnostics';
import type { ParsedDocument } from '../../common/yaml/document';
import { withoutShadowed } from '../../schema/shadow';
import { registerValidator } from '../../validate';
import { checkActionTypes } from './action-types';
import { checkArtifactCounts } from './artifact-counts';
import { checkArtifactNames } from './artifact-names';
import { checkConfigurationKeys } from './configuration-keys';
import { declarationNode, readPipeline, templatePipelines, type PipelineView } from './declaration';
import { checkInputArtifacts } from './input-artifacts';
import { checkPipelineType } from './pipeline-type';
import { checkRunOrder } from './run-order';
import { checkPipelineSchema } from './schema';
import { checkSourcePlacement } from './source-placement';
import { checkStageCount } from './stage-count';
import { checkTriggers } from './triggers';
import { checkUniqueNames } from './unique-names';
import { checkVariableReferences } from './variable-references';
import { isMap } from '../../common/yaml/nodes';

/** Semantic checks of one pipeline declaration, each in its own file. */
export const PIPELINE_CHECKS: Array<(pipeline: PipelineView) => Diagnostic[]> = [
  checkStageCount,
  checkSourcePlacement,
  checkInputArtifacts,
  checkArtifactNames,
  checkArtifactCounts,
  checkRunOrder,
  checkActionTypes,
  checkConfigurationKeys,
  checkVariableReferences,
  checkUniqueNames,
  checkTriggers,
  checkPipelineType,
];

export function checkPipeline(pipeline: PipelineView): Diagnostic[] {
  return PIPELINE_CHECKS.flatMap((check) => check(pipeline));
}

/** A pipeline declaration file: the schema, then the semantic checks. */
export function validatePipelineDocument(parsed: ParsedDocument): Diagnostic[] {
  // A template whose name says "pipeline" (pipeline-template.yml) is still a template.
  if (isTemplate(parsed.doc.contents)) return validateTemplatePipelines(parsed);
  const declaration = declarationNode(parsed.doc.contents);
  const semantic = declaration ? checkPipeline(readPipeline(declaration, parsed.lines)) : [];
  return [...withoutShadowed(checkPipelineSchema(parsed), semantic), ...semantic];
}

function isTemplate(root: unknown): boolean {
  return isMap(root) && (root.has('AWSTemplateFormatVersion') || (root.has('Resources') && !root.has('stages') && !root.has('pipeline')));
}

/** `AWS::CodePipeline::Pipeline` resources of a template get the same semantic checks. */
export function validateTemplatePipelines(parsed: ParsedDocument): Diagnostic[] {
  if (!isMap(parsed.doc.contents)) return [];
  return templatePipelines(parsed.doc.contents).flatMap(({ properties }) => checkPipeline(readPipeline(properties, parsed.lines)));
}

registerValidator('pipeline', validatePipelineDocument);
registerValidator('template', validateTemplatePipelines);
