// CloudFormation refuses, when the stack is created or updated (before any resource), a
// `Fn::GetAtt` naming an attribute its resource type does not have ("Template error: resource
// X does not support attribute type Y in Fn::GetAtt"), also inside `Fn::Sub` (`${X.Y}`).
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-getatt.html
import { TemplateEvalError, type TemplateBody } from '../template/eval';
import { attributesOf } from '../template/checks/getatt';
import { loadSpec } from '../template/spec';

/** Every `Fn::GetAtt` target of the template's resources and outputs, as [logical id, attribute]. */
function* targets(value: unknown): Generator<[string, string]> {
  if (Array.isArray(value)) {
    for (const item of value) yield* targets(item);
    return;
  }
  if (!value || typeof value !== 'object') return;
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'Fn::GetAtt') {
      if (typeof inner === 'string' && inner.includes('.')) yield [inner.slice(0, inner.indexOf('.')), inner.slice(inner.indexOf('.') + 1)];
      else if (Array.isArray(inner) && typeof inner[0] === 'string' && typeof inner[1] === 'string') yield [inner[0], inner[1]];
    } else if (key === 'Fn::Sub') {
      const text = Array.isArray(inner) ? inner[0] : inner;
      if (typeof text === 'string') for (const match of text.matchAll(/\$\{([^!}][^}.]*)\.([^}]+)\}/g)) yield [match[1].trim(), match[2].trim()];
    }
    yield* targets(inner);
  }
}

export function checkGetAttTargets(template: TemplateBody): void {
  const resources = (template.Resources ?? {}) as Record<string, { Type?: unknown }>;
  const spec = loadSpec();
  for (const [logicalId, attribute] of targets([template.Resources, template.Outputs])) {
    const type = Object.hasOwn(resources, logicalId) ? resources[logicalId]?.Type : undefined;
    if (typeof type !== 'string') continue;
    const attributes = attributesOf(spec, type);
    if (!attributes || attributes.includes(attribute) || attributes.some((a) => attribute.startsWith(`${a}.`))) continue;
    throw new TemplateEvalError(`Template error: resource ${logicalId} does not support attribute type ${attribute} in Fn::GetAtt`);
  }
}
