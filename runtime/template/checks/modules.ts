import { entry } from '../../common/yaml/nodes';
import type { TemplateCheck } from './context';

/** Resource attributes a module (`…::MODULE`) cannot take: the module's own resources carry them. */
const NOT_IN_MODULES = ['CreationPolicy', 'UpdatePolicy'];

/** E5001: modules take no CreationPolicy/UpdatePolicy, no Tags property, and not the reserved module metadata key. */
export const modules: TemplateCheck = {
  codes: ['E5001'],
  run({ model, report }) {
    for (const [id, resource] of model.resources) {
      if (!resource.type?.endsWith('::MODULE')) continue;
      for (const key of NOT_IN_MODULES) {
        const item = entry(resource.value, key);
        if (item) report('E5001', model.rangeOf(item.keyNode), `${key} is not permitted on the module ${id}`);
      }
      const tags = entry(resource.properties?.value, 'Tags');
      if (tags) report('E5001', model.rangeOf(tags.keyNode), `Tags is not permitted on the module ${id}; tag the resources inside the module`);
      const reserved = entry(entry(resource.value, 'Metadata')?.value, 'AWS::CloudFormation::Module');
      if (reserved) report('E5001', model.rangeOf(reserved.keyNode), 'the Metadata key AWS::CloudFormation::Module is reserved for CloudFormation');
    }
  },
};
