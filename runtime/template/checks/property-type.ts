import { propertyFindings } from '../property-walk';
import type { TemplateCheck } from './context';

/** E3012: a property value of the wrong type (a list where a string goes, a string where an object goes…). */
export const propertyType: TemplateCheck = {
  codes: ['E3012'],
  run({ model, spec, transformed, report }) {
    for (const finding of propertyFindings(model, spec, transformed)) {
      if (finding.kind !== 'type') continue;
      report('E3012', model.rangeOf(finding.at), `${finding.path} of ${finding.resourceId} must be ${article(finding.expected)}, not ${article(finding.found)}`);
    }
  },
};

function article(type: string): string {
  if (/^(List|Map) of/.test(type)) return `a ${type.charAt(0).toLowerCase()}${type.slice(1)}`;
  return /^[aeiouAEIOU]/.test(type) ? `an ${type}` : `a ${type}`;
}
