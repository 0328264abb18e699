import { didYouMean } from '../../common/text';
import { propertyFindings } from '../property-walk';
import type { TemplateCheck } from './context';

/** E3030: a value outside the property's allowed values. */
export const propertyAllowed: TemplateCheck = {
  codes: ['E3030'],
  run({ model, spec, transformed, report }) {
    for (const finding of propertyFindings(model, spec, transformed)) {
      if (finding.kind !== 'allowed') continue;
      const guess = didYouMean(finding.value, finding.allowed.map(String));
      const shown = finding.allowed.length > 12 ? `${finding.allowed.slice(0, 12).join(', ')}…` : finding.allowed.join(', ');
      report('E3030', model.rangeOf(finding.at), `"${finding.value}" is not an allowed value of ${finding.path}${guess ? `; did you mean ${guess}?` : ` (allowed: ${shown})`}`, {
        data: guess ? { replacement: guess } : undefined,
      });
    }
  },
};
