import type { Diagnostic } from '../../common/diagnostics';
import type { ParsedDocument } from '../../common/yaml/document';
import type { JsonSchema } from '../../schema/types';
import { validateNode } from '../../schema/validate';
import pipelineSchema from '../../../schemas/pipeline.schema.json';

export const PIPELINE_SCHEMA = pipelineSchema as unknown as JsonSchema;

/** Keys, types and values of a pipeline declaration against pipeline.schema.json (codes EP001–EP005). */
export function checkPipelineSchema(parsed: ParsedDocument): Diagnostic[] {
  return validateNode(parsed.doc.contents, PIPELINE_SCHEMA, parsed.lines, 'EP');
}
