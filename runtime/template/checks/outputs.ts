import * as YAML from 'yaml';
import { didYouMean } from '../../common/text';
import { entries, entry, intrinsicOf, scalarString } from '../nodes';
import type { TemplateCheck } from './context';

const OUTPUT_KEYS = ['Value', 'Export', 'Description', 'Condition'];

/** E6001 output shape, E6002 Value present, E6003 Value/Export name are strings, E6004 export names unique. */
export const outputs: TemplateCheck = {
  codes: ['E6001', 'E6002', 'E6003', 'E6004'],
  run({ model, report, languageExtensions }) {
    const exportNames = new Map<string, string>();
    for (const [name, output] of model.outputs) {
      if (name.startsWith('Fn::ForEach::') && languageExtensions) continue;
      if (!/^[a-zA-Z0-9]+$/.test(name)) report('E6001', output.keyRange, `output name "${name}" must be alphanumeric (A-Za-z0-9)`);
      if (!YAML.isMap(output.value)) {
        report('E6001', output.keyRange, `output ${name} must be a map with a Value`);
        continue;
      }
      for (const item of entries(output.value)) {
        if (OUTPUT_KEYS.includes(item.key)) continue;
        const guess = didYouMean(item.key, OUTPUT_KEYS);
        report('E6001', model.rangeOf(item.keyNode), `unknown output attribute "${item.key}"${guess ? `; did you mean ${guess}?` : ''}`, { data: guess ? { replacement: guess } : undefined });
      }
      const value = entry(output.value, 'Value');
      if (!value) report('E6002', output.keyRange, `output ${name} has no Value`);
      else if (!intrinsicOf(value.value, { allowCondition: false }) && (YAML.isSeq(value.value) || YAML.isMap(value.value))) {
        report('E6003', model.rangeOf(value.keyNode), `the Value of output ${name} must be a string (use Fn::Join for lists)`);
      }
      const exported = entry(output.value, 'Export');
      if (exported) {
        const exportName = entry(exported.value, 'Name');
        if (!exportName) report('E6001', model.rangeOf(exported.keyNode), `Export of ${name} needs a Name`);
        else {
          const literal = scalarString(exportName.value);
          if (literal !== undefined) {
            const other = exportNames.get(literal);
            if (other) report('E6004', model.rangeOf(exportName.value), `export name "${literal}" is also used by output ${other}`);
            else exportNames.set(literal, name);
          }
        }
      }
    }
  },
};
