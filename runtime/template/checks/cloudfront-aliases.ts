import { deployedValues, hasDynamicReference, isLiteralScalar } from '../nodes';
import { entry, scalarString, type Node, isSeq } from '../../common/yaml/nodes';
import type { TemplateCheck } from './context';

const HOSTNAME = /^(?:[a-z0-9*](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9][a-z0-9-]{0,61}[a-z0-9]$/;

/** E3013: CloudFront aliases are lowercase host names; a wildcard only as the first label. */
export const cloudFrontAliases: TemplateCheck = {
  codes: ['E3013'],
  run({ model, report }) {
    for (const resource of model.resources.values()) {
      if (resource.type !== 'AWS::CloudFront::Distribution') continue;
      const written = entry(entry(resource.properties?.value, 'DistributionConfig')?.value, 'Aliases')?.value;
      for (const item of deployedValues(written).flatMap((list) => (isSeq(list) ? list.items : []))) {
        if (!isLiteralScalar(item as Node)) continue;
        const alias = scalarString(item as Node) ?? '';
        if (hasDynamicReference(alias)) continue;
        if (alias.includes('.*.')) report('E3013', model.rangeOf(item as Node), `"${alias}": a wildcard alias can only replace the first label (*.example.com)`);
        else if (!HOSTNAME.test(alias)) report('E3013', model.rangeOf(item as Node), `"${alias}" is not a valid alias: use a lowercase host name such as www.example.com`);
      }
    }
  },
};
