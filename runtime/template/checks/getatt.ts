import { didYouMean } from '../../common/text';
import type { NameReference, TemplateModel } from '../model';
import { entry } from '../../common/yaml/nodes';
import type { CfnSpec } from '../spec';
import type { TemplateCheck } from './context';

/** Types whose attributes are not fixed by the specification. */
const FREE_ATTRIBUTES = /^(Custom::|AWS::CloudFormation::CustomResource$|AWS::CloudFormation::Stack$|AWS::Serverless::)|::MODULE$/;

/** Attribute names a resource type offers to `Fn::GetAtt`, or undefined when any is accepted. */
export function attributesOf(spec: CfnSpec, type: string | undefined): string[] | undefined {
  if (!type || FREE_ATTRIBUTES.test(type)) return undefined;
  const resource = spec.resource(type);
  return resource ? Object.keys(resource.attributes) : undefined;
}

/** E1010: `Fn::GetAtt` (and `${A.B}` in Sub) names a resource and one of its attributes. */
export const getAttTarget: TemplateCheck = {
  codes: ['E1010', 'E6101'],
  run({ model, spec, report, transformed }) {
    for (const ref of model.references) {
      if (ref.via !== 'GetAtt') continue;
      const resource = model.resources.get(ref.name);
      if (!resource) {
        if (transformed) continue;
        const guess = didYouMean(ref.name, model.resources.keys());
        report('E1010', ref.range, `GetAtt of "${ref.name}", which is not a resource${guess ? `; did you mean ${guess}?` : ''}`, {
          data: guess ? { replacement: guess } : undefined,
        });
        continue;
      }
      if (ref.attribute === undefined) {
        report('E1010', ref.range, `GetAtt needs an attribute: ${ref.name}.AttributeName`);
        continue;
      }
      const attributes = attributesOf(spec, resource.type);
      if (!attributes || attributes.includes(ref.attribute)) continue;
      // Some attributes take a suffix (e.g. Outputs.Name of nested stacks); accept any known prefix.
      if (attributes.some((a) => ref.attribute!.startsWith(a + '.'))) continue;
      const guess = didYouMean(ref.attribute, attributes);
      const listed = attributes.length ? attributes.join(', ') : 'none';
      // In an output's Value the output rule owns it (cfn-lint's E6101: the value must resolve to a string).
      report(inOutputValue(model, ref) ? 'E6101' : 'E1010', ref.attributeRange ?? ref.range, `${resource.type} has no attribute "${ref.attribute}"${guess ? `; did you mean ${guess}?` : ` (attributes: ${listed})`}`, {
        data: guess ? { replacement: guess } : undefined,
      });
    }
  },
};

/** Whether a reference is written inside the Value of an output. */
export function inOutputValue(model: TemplateModel, ref: NameReference): boolean {
  if (ref.from.section !== 'Outputs') return false;
  const value = entry(model.outputs.get(ref.from.id)?.value, 'Value')?.value;
  const at = ref.node.range?.[0];
  return !!value?.range && at !== undefined && at >= value.range[0] && at <= value.range[1];
}
