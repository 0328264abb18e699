import { propertyFindings } from '../property-walk';
import type { TemplateCheck } from './context';

/** E3003: required properties that are missing (the quick fix adds them). */
export const propertyRequired: TemplateCheck = {
  codes: ['E3003'],
  run({ model, spec, transformed, report }) {
    for (const finding of propertyFindings(model, spec, transformed)) {
      if (finding.kind !== 'required') continue;
      const list = finding.missing.join(', ');
      const noun = finding.missing.length === 1 ? 'property' : 'properties';
      report('E3003', model.rangeOf(finding.at), `${finding.owner} is missing the required ${noun} ${list}`, {
        data: { missing: finding.missing, owner: finding.owner },
      });
    }
  },
};
