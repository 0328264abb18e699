import { entries, isMap, isScalar, isSeq } from '../../common/yaml/nodes';
import { intrinsicOf } from '../nodes';
import type { TemplateCheck } from './context';

/** E7001: Mappings are maps of top-level keys to maps of second-level keys to values. */
export const mappings: TemplateCheck = {
  codes: ['E7001'],
  run({ model, report }) {
    for (const [name, mapping] of model.mappings) {
      // AWS::Include brings mappings in from S3: `Fn::Transform` stands for them.
      if (name === 'Fn::Transform') continue;
      if (!/^[a-zA-Z0-9]+$/.test(name)) report('E7001', mapping.keyRange, `mapping name "${name}" must be alphanumeric (A-Za-z0-9)`);
      if (!isMap(mapping.value) || mapping.value.items.length === 0) {
        report('E7001', mapping.keyRange, `mapping ${name} must be a non-empty map of keys to maps`);
        continue;
      }
      for (const top of entries(mapping.value)) {
        if (!isMap(top.value) || intrinsicOf(top.value)) {
          report('E7001', model.rangeOf(top.keyNode), `${name}.${top.key} must be a map of second-level keys to values`);
          continue;
        }
        for (const second of entries(top.value)) {
          const value = second.value;
          const ok = isScalar(value) || (isSeq(value) && value.items.every((i) => isScalar(i)));
          if (!ok) report('E7001', model.rangeOf(second.keyNode), `${name}.${top.key}.${second.key} must be a string, number or list of them`);
        }
      }
    }
  },
};
