import * as YAML from 'yaml';
import { didYouMean } from '../../common/text';
import { TOP_LEVEL_SECTIONS } from '../model';
import { intrinsicOf } from '../nodes';
import { scalarString, isMap, isScalar, isSeq } from '../../common/yaml/nodes';
import type { TemplateCheck } from './context';

const MAP_SECTIONS = ['Metadata', 'Parameters', 'Rules', 'Mappings', 'Conditions', 'Resources', 'Outputs', 'Hooks'];
/** The rule family that owns each section's shape, as in cfn-lint. */
const SECTION_CODES: Record<string, { code: string; shape: string }> = {
  Parameters: { code: 'E2001', shape: 'parameters are declared as a map of names to {Type: …}' },
  Mappings: { code: 'E7001', shape: 'mappings are declared as a map of names to maps of keys' },
  Conditions: { code: 'E8001', shape: 'conditions are declared as a map of names to condition functions' },
  Resources: { code: 'E3001', shape: 'resources are declared as a map of logical ids to {Type: …}' },
  Outputs: { code: 'E6001', shape: 'outputs are declared as a map of names to {Value: …}' },
};

/** E1001 top-level structure, E1004 Description, E1005 Transform shape (E1002 size: template-limits). */
export const templateStructure: TemplateCheck = {
  codes: ['E1001', 'E1004', 'E1005'],
  run({ model, report, transformed }) {
    const contents = model.parsed.doc.contents;
    if (!model.root) {
      const range = contents ? model.rangeOf(contents) : model.range(0, 0);
      if (contents) report('E0000', range, 'a template must be a map of sections (Resources, Parameters, Outputs…)');
      else report('E1001', range, 'the template is empty: it needs a Resources section');
      return;
    }
    for (const [name, section] of model.sections) {
      if ((TOP_LEVEL_SECTIONS as readonly string[]).includes(name)) continue;
      // SAM's Globals section is consumed by the transform.
      if (name === 'Globals' && transformed) continue;
      const guess = didYouMean(name, TOP_LEVEL_SECTIONS);
      report('E1001', model.rangeOf(section.keyNode), `unknown top-level section "${name}"${guess ? `; did you mean ${guess}?` : ''}`, {
        data: guess ? { replacement: guess } : undefined,
      });
    }
    for (const name of MAP_SECTIONS) {
      const section = model.sections.get(name);
      if (!section) continue;
      // A lone `Condition` key is a condition named Condition; Fn::Transform (AWS::Include) may stand for a whole section.
      const call = intrinsicOf(section.value, { allowCondition: false });
      if (!isMap(section.value) || (call && call.name !== 'Fn::Transform')) {
        const found = isSeq(section.value) ? 'a list' : section.value === null || (isScalar(section.value) && section.value.value === null) ? 'empty' : isMap(section.value) ? 'an intrinsic function' : 'a single value';
        const at = model.rangeOf(section.keyNode);
        // The template's own schema (E1001) and the section's rule family both own this, as in cfn-lint.
        report('E1001', at, `the ${name} section must be a map, not ${found}`);
        const owner = SECTION_CODES[name];
        if (owner) report(owner.code, at, owner.shape);
      }
    }
    const version = model.sections.get('AWSTemplateFormatVersion');
    if (version) {
      const value = version.value instanceof YAML.Scalar && version.value.value instanceof Date ? '' : scalarString(version.value);
      if (value !== '2010-09-09') {
        report('E1001', model.rangeOf(version.value ?? version.keyNode), `AWSTemplateFormatVersion must be "2010-09-09"${value ? `, not "${value}"` : ''}`);
      }
    }
    const description = model.sections.get('Description');
    if (description && (!isScalar(description.value) || typeof description.value.value !== 'string')) {
      report('E1004', model.rangeOf(description.value ?? description.keyNode), 'Description must be a string');
    }
    const transform = model.sections.get('Transform');
    if (transform) {
      const value = transform.value;
      const items = isSeq(value) ? value.items : [value];
      for (const item of items) {
        const node = item as YAML.Node | null;
        if (isScalar(node) && typeof node.value === 'string') continue;
        if (!isMap(node) || intrinsicOf(node)) {
          report('E1005', model.rangeOf(node ?? transform.keyNode), 'Transform must be a transform name or a map with Name (and Parameters), or a list of them');
          continue;
        }
        // A missing key belongs to the map; the map of `Transform: {…}` is best named by the section key.
        const owner = node === value ? transform.keyNode : node;
        if (!node.items.some((p) => scalarString(p.key as YAML.Node) === 'Name')) report('E1005', model.rangeOf(owner), 'a Transform given as a map needs Name (the macro or transform to run)');
        for (const pair of node.items) {
          const key = scalarString(pair.key as YAML.Node) ?? '';
          if (key === 'Name' || key === 'Parameters') continue;
          const guess = didYouMean(key, ['Name', 'Parameters']);
          report('E1005', model.rangeOf(pair.key as YAML.Node), `a Transform map takes Name and Parameters, not "${key}"${guess ? `; did you mean ${guess}?` : ''}`, { data: guess ? { replacement: guess } : undefined });
        }
      }
    }
  },
};
