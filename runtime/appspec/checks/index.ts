import type { Diagnostic } from '../../common/diagnostics';
import type { ParsedDocument } from '../../common/yaml/document';
import { withoutShadowed } from '../../schema/shadow';
import { registerValidator } from '../../validate';
import { checkFiles } from './files';
import { checkHookLocations } from './hook-locations';
import { checkHookNames } from './hook-names';
import { checkHookOrder } from './hook-order';
import { checkPermissions } from './permissions';
import { checkPlatformKeys } from './platform-keys';
import { checkAppspecSchema } from './schema';
import { checkTimeouts } from './timeouts';

/** Semantic checks of AppSpec files, each in its own file. */
export const APPSPEC_CHECKS: Array<(parsed: ParsedDocument) => Diagnostic[]> = [
  checkPlatformKeys,
  checkHookNames,
  checkHookOrder,
  checkHookLocations,
  checkTimeouts,
  checkFiles,
  checkPermissions,
];

export function validateAppspec(parsed: ParsedDocument): Diagnostic[] {
  const semantic = APPSPEC_CHECKS.flatMap((check) => check(parsed));
  return [...withoutShadowed(checkAppspecSchema(parsed), semantic), ...semantic];
}

registerValidator('appspec', validateAppspec);
