import * as YAML from 'yaml';
import { didYouMean } from '../../common/text';
import { TOP_LEVEL_SECTIONS } from '../model';
import { intrinsicOf, scalarString } from '../nodes';
import type { TemplateCheck } from './context';

const MAP_SECTIONS = ['Metadata', 'Parameters', 'Rules', 'Mappings', 'Conditions', 'Resources', 'Outputs', 'Hooks'];
/** The rule family that owns each section's shape, as in cfn-lint. */
const SECTION_CODES: Record<string, string> = { Parameters: 'E2001', Mappings: 'E7001', Conditions: 'E8001', Resources: 'E3001', Outputs: 'E6001' };

/** E1001 top-level structure, E1002 size, E1004 Description, E1005 Transform shape. */
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
      if (!YAML.isMap(section.value) || intrinsicOf(section.value)) {
        const first = YAML.isSeq(section.value) ? (section.value.items[0] as YAML.Node | undefined) : section.value;
        report(SECTION_CODES[name] ?? 'E1001', model.rangeOf(first ?? section.keyNode), `${name} must be a map`);
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
    if (description && (!YAML.isScalar(description.value) || typeof description.value.value !== 'string')) {
      report('E1004', model.rangeOf(description.value ?? description.keyNode), 'Description must be a string');
    }
    const transform = model.sections.get('Transform');
    if (transform) {
      const value = transform.value;
      const items = YAML.isSeq(value) ? value.items : [value];
      for (const item of items) {
        const node = item as YAML.Node | null;
        const ok = (YAML.isScalar(node) && typeof node.value === 'string') || (YAML.isMap(node) && node.items.some((p) => scalarString(p.key as YAML.Node) === 'Name'));
        if (!ok) report('E1005', model.rangeOf(node ?? transform.keyNode), 'Transform must be a transform name or a map with Name (and Parameters), or a list of them');
      }
    }
  },
};
