import { propertyFindings } from '../property-walk';
import type { TemplateCheck } from './context';

/** The rule of each function, as cfn-lint files a function used where its result cannot fit. */
const CODES: Record<string, string> = {
  'Fn::FindInMap': 'E1011',
  'Fn::Join': 'E1022',
  'Fn::Sub': 'E1019',
  'Fn::Split': 'E1018',
  'Fn::GetAZs': 'E1015',
  'Fn::Cidr': 'E1024',
  'Fn::Base64': 'E1021',
  'Fn::ImportValue': 'E1016',
  'Fn::Length': 'E1030',
  'Fn::ToJsonString': 'E1031',
};

/** E1011 and the other function rules: a function whose result is a string or list where a structure is expected. */
export const intrinsicResults: TemplateCheck = {
  codes: [...new Set(Object.values(CODES))],
  run({ model, spec, report, transformed }) {
    for (const finding of propertyFindings(model, spec, transformed)) {
      if (finding.kind !== 'intrinsic') continue;
      const code = Object.hasOwn(CODES, finding.function) ? CODES[finding.function] : 'E1001';
      report(code, model.rangeOf(finding.at), `${finding.function} gives a string or a list, but ${finding.path} must be an object (${finding.expected})`);
    }
  },
};
