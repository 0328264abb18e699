import { didYouMean } from '../../common/text';
import type { TemplateCheck } from './context';

/** Namespaces outside the specification whose types are always accepted. */
const OPEN_TYPE = /^(Custom::|AWS::CloudFormation::CustomResource$|AWS::CDK::Metadata$)|::MODULE$/;

/** E3006: the resource type exists in the specification (did you mean …). */
export const resourceType: TemplateCheck = {
  codes: ['E3006'],
  run({ model, spec, report, transformed }) {
    let candidates: string[] | undefined;
    for (const [id, resource] of model.resources) {
      const type = resource.type;
      if (!type || OPEN_TYPE.test(type) || spec.hasResourceType(type)) continue;
      // Private registry types (Organization::Service::Resource) and SAM types under a transform are not in the spec.
      const wellFormed = /^[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+$/.test(type);
      if (wellFormed && !/^(AWS|Alexa)::/.test(type)) continue;
      if (transformed && type.startsWith('AWS::Serverless::')) continue;
      candidates ??= spec.resourceTypes();
      const guess = spec.caseInsensitiveType(type) ?? didYouMean(type, candidates);
      report('E3006', model.rangeOf(resource.typeNode), `resource type "${type}" of ${id} does not exist${guess ? `; did you mean ${guess}?` : ''}`, {
        data: guess ? { replacement: guess } : undefined,
      });
    }
  },
};
