import { didYouMean } from '../../common/text';
import { propertyFindings } from '../property-walk';
import type { TemplateCheck } from './context';

/** E3002: a property the resource or property type does not have (did you mean …). */
export const propertyUnknown: TemplateCheck = {
  codes: ['E3002'],
  run({ model, spec, transformed, report }) {
    for (const finding of propertyFindings(model, spec, transformed)) {
      if (finding.kind !== 'unknown') continue;
      const guess = didYouMean(finding.name, finding.known);
      report('E3002', model.rangeOf(finding.keyNode), `${finding.owner} has no property "${finding.name}"${guess ? `; did you mean ${guess}?` : ''}`, {
        data: guess ? { replacement: guess } : undefined,
      });
    }
  },
};
