import type { Diagnostic } from '../../common/diagnostics';
import type { ParsedDocument } from '../../common/yaml/document';
import type { JsonSchema } from '../../schema/types';
import { validateNode } from '../../schema/validate';
import buildspecSchema from '../../../schemas/buildspec.schema.json';

export const BUILDSPEC_SCHEMA = buildspecSchema as unknown as JsonSchema;

/**
 * The published schema minus the rules that semantic checks explain better
 * (`version` in version.ts, `on-failure` in on-failure.ts), so no finding is reported twice.
 */
const INTERNAL: JsonSchema = (() => {
  const copy = structuredClone(BUILDSPEC_SCHEMA);
  copy.required = copy.required?.filter((key) => key !== 'version');
  copy.properties!.version = { description: copy.properties!.version.description };
  copy.definitions!.onFailure = { description: copy.definitions!.onFailure.description };
  return copy;
})();

/** Keys, types and values of a buildspec against buildspec.schema.json (codes EB001–EB005). */
export function checkBuildspecSchema(parsed: ParsedDocument): Diagnostic[] {
  return validateNode(parsed.doc.contents, INTERNAL, parsed.lines, 'EB');
}
