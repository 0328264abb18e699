import { propertyFindings } from '../property-walk';
import type { TemplateCheck } from './context';

/** E3031/E3032/E3033/E3034: literal values outside the registry schema's pattern, item count, length or range. */
export const propertyLimits: TemplateCheck = {
  codes: ['E3031', 'E3032', 'E3033', 'E3034'],
  run({ model, spec, transformed, report }) {
    for (const finding of propertyFindings(model, spec, transformed)) {
      if (finding.kind !== 'limit') continue;
      report(finding.code, model.rangeOf(finding.at), `${finding.path} of ${finding.resourceId}: ${finding.problem}`);
    }
  },
};
