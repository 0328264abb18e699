import type { Diagnostic } from '../../common/diagnostics';
import type { ParsedDocument } from '../../common/yaml/document';
import { withoutShadowed } from '../../schema/shadow';
import { registerValidator } from '../../validate';
import { checkBatchGraph } from './batch-graph';
import { checkBatchIdentifiers } from './batch-identifiers';
import { checkCommandQuoting } from './command-quoting';
import { checkExportedVariables } from './exported-variables';
import { checkOnFailure } from './on-failure';
import { checkPhasesIndentation } from './phases-indentation';
import { checkBuildspecSchema } from './schema';
import { checkVersion } from './version';

/** Semantic checks, each in its own file; they explain findings better than the schema does. */
export const BUILDSPEC_CHECKS: Array<(parsed: ParsedDocument) => Diagnostic[]> = [
  checkVersion,
  checkPhasesIndentation,
  checkOnFailure,
  checkCommandQuoting,
  checkExportedVariables,
  checkBatchIdentifiers,
  checkBatchGraph,
];

export function validateBuildspec(parsed: ParsedDocument): Diagnostic[] {
  const semantic = BUILDSPEC_CHECKS.flatMap((check) => check(parsed));
  return [...withoutShadowed(checkBuildspecSchema(parsed), semantic), ...semantic];
}

registerValidator('buildspec', validateBuildspec);
