import * as YAML from 'yaml';
import { didYouMean } from '../../common/text';
import { entries, entry, scalarString, type Node, isMap, isSeq } from '../../common/yaml/nodes';
import { intrinsicOf } from '../nodes';
import { getAttTarget } from '../intrinsics';
import { attributesOf } from './getatt';
import type { CheckContext, TemplateCheck } from './context';

const OUTPUT_KEYS = ['Value', 'Export', 'Description', 'Condition'];

/** E6001 output shape, E6002 Value present, E6003 Value/Export name are strings, E6004 export names unique, E6101 no list attributes. */
export const outputs: TemplateCheck = {
  codes: ['E6001', 'E6002', 'E6003', 'E6004', 'E6101'],
  run(context) {
    const { model, report, languageExtensions } = context;
    const exportNames = new Map<string, string>();
    for (const [name, output] of model.outputs) {
      if (name.startsWith('Fn::ForEach::') && languageExtensions) continue;
      if (!/^[a-zA-Z0-9]+$/.test(name)) report('E6001', output.keyRange, `output name "${name}" must be alphanumeric (A-Za-z0-9)`);
      if (!isMap(output.value)) {
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
      else if (!intrinsicOf(value.value, { allowCondition: false }) && (isSeq(value.value) || isMap(value.value))) {
        report('E6003', model.rangeOf(value.keyNode), `the Value of output ${name} must be a string (use Fn::Join for lists)`);
      } else {
        for (const list of listAttributes(value.value, context, 0)) {
          report('E6101', model.rangeOf(list.node), `the Value of output ${name} must be a string, and ${list.type}.${list.attribute} is a list; join it with Fn::Join`);
        }
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

/** GetAtt calls that give an output (directly or through a branch of Fn::If) a list-typed attribute. */
function listAttributes(node: Node, context: CheckContext, depth: number): Array<{ node: YAML.Node; type: string; attribute: string }> {
  const call = intrinsicOf(node, { allowCondition: false });
  if (!call || !node || depth > 20) return [];
  if (call.name === 'Fn::If' && isSeq(call.arg)) return call.arg.items.slice(1).flatMap((branch) => listAttributes(branch as Node, context, depth + 1));
  if (call.name !== 'Fn::GetAtt') return [];
  const target = getAttTarget(isSeq(call.arg) ? call.arg.items.map((i) => scalarString(i as Node)) : scalarString(call.arg));
  const type = target && context.model.resources.get(target.resource)?.type;
  if (!target || !type || !attributesOf(context.spec, type)) return [];
  const attribute = context.spec.resource(type)?.attributes[target.attribute];
  return attribute?.kind === 'list' ? [{ node, type, attribute: target.attribute }] : [];
}
