import type { Diagnostic } from '../../common/diagnostics';
import type { ParsedDocument } from '../../common/yaml/document';
import type { JsonSchema } from '../../schema/types';
import { validateNode } from '../../schema/validate';
import appspecSchema from '../../../schemas/appspec.schema.json';

export const APPSPEC_SCHEMA = appspecSchema as unknown as JsonSchema;

/** Keys, types and values of an AppSpec file against appspec.schema.json (codes EA001–EA005). */
export function checkAppspecSchema(parsed: ParsedDocument): Diagnostic[] {
  return validateNode(parsed.doc.contents, APPSPEC_SCHEMA, parsed.lines, 'EA');
}
