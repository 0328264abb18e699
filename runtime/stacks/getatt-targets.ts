// CloudFormation refuses, when the stack is created or updated (before any resource), a
// `Fn::GetAtt` naming an attribute its resource type does not have ("Template error: resource
// X does not support attribute type Y in Fn::GetAtt"), also inside `Fn::Sub` (`${X.Y}`).
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-getatt.html
import { TemplateEvalError, type TemplateBody } from '../template/eval';
import { attributesOf } from '../template/checks/getatt';
import { buildDependencyGraph } from '../template/graph';
import { loadSpec } from '../template/spec';

export function checkGetAttTargets(template: TemplateBody): void {
  const resources = (template.Resources ?? {}) as Record<string, { Type?: unknown }>;
  const spec = loadSpec();
  // Every `Fn::GetAtt` and `${X.Y}` of the resources and outputs that names a resource of the template.
  for (const reference of buildDependencyGraph(template as Record<string, unknown>).references) {
    if (reference.targetKind !== 'resource' || reference.attribute === undefined || (reference.via !== 'GetAtt' && reference.via !== 'Sub')) continue;
    const type = resources[reference.to]?.Type;
    if (typeof type !== 'string') continue;
    const attributes = attributesOf(spec, type);
    const attribute = reference.attribute;
    if (!attributes || attributes.includes(attribute) || attributes.some((a) => attribute.startsWith(`${a}.`))) continue;
    throw new TemplateEvalError(`Template error: resource ${reference.to} does not support attribute type ${attribute} in Fn::GetAtt`);
  }
}
