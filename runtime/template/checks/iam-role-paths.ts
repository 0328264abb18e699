import { entry, scalarString, isScalar } from '../../common/yaml/nodes';
import { intrinsicOf, isLiteralScalar } from '../nodes';
import type { TemplateCheck } from './context';

/**
 * Properties that take a role name or ARN and, given a name (what `Ref` to a role returns),
 * build the ARN with the root path `/`.
 */
const ROLE_NAME_OR_ARN: Record<string, string> = {
  'AWS::CodeBuild::Project': 'ServiceRole',
};

/** E3050: `Ref` to a role with a Path other than `/` where only root-path names resolve; use GetAtt Arn. */
export const iamRolePaths: TemplateCheck = {
  codes: ['E3050'],
  run({ model, report }) {
    for (const [id, resource] of model.resources) {
      const property = resource.type && Object.hasOwn(ROLE_NAME_OR_ARN, resource.type) ? ROLE_NAME_OR_ARN[resource.type] : undefined;
      const value = property ? entry(resource.properties?.value, property)?.value : undefined;
      const call = intrinsicOf(value);
      if (call?.name !== 'Ref' || !isScalar(call.arg)) continue;
      const role = model.resources.get(scalarString(call.arg) ?? '');
      if (role?.type !== 'AWS::IAM::Role') continue;
      const path = entry(role.properties?.value, 'Path')?.value;
      const text = isLiteralScalar(path) ? scalarString(path) : undefined;
      if (text === undefined || text === '/') continue;
      report('E3050', model.rangeOf(value), `${property} of ${id} refers by name to ${role.name}, whose Path is ${text}; ${resource.type} assumes the path /, so use !GetAtt ${role.name}.Arn`);
    }
  },
};
