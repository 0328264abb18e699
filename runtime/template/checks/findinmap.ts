import { didYouMean } from '../../common/text';
import { entry, scalarString, type Node, isMap, isSeq } from '../../common/yaml/nodes';
import { intrinsicOf, isLiteralScalar } from '../nodes';
import type { TemplateCheck } from './context';

/** E1011: `Fn::FindInMap` takes [map, top key, second key] naming an existing mapping (and literal keys in it). */
export const findInMap: TemplateCheck = {
  codes: ['E1011'],
  run({ model, report, transformed, languageExtensions }) {
    for (const ref of model.references) {
      if (ref.via !== 'FindInMap') continue;
      const mapping = model.mappings.get(ref.name);
      if (!mapping) {
        if (transformed && !languageExtensions) continue;
        const guess = didYouMean(ref.name, model.mappings.keys());
        report('E1011', ref.range, `FindInMap of "${ref.name}", which is not a mapping${guess ? `; did you mean ${guess}?` : ''}`, { data: guess ? { replacement: guess } : undefined });
      }
    }
    // Argument shape and literal keys: walk every FindInMap call's list.
    const visit = (node: Node, depth: number): void => {
      if (!node || depth > 200) return;
      const call = intrinsicOf(node, { allowCondition: false });
      if (call?.name === 'Fn::FindInMap') {
        const items = isSeq(call.arg) ? (call.arg.items as Node[]) : undefined;
        // A fourth item is the DefaultValue option of AWS::LanguageExtensions.
        if (!items || items.length < 3 || items.length > (languageExtensions ? 4 : 3)) {
          report('E1011', model.rangeOf(call.keyNode ?? node), 'Fn::FindInMap takes [MapName, TopLevelKey, SecondLevelKey]');
        } else if (items.length === 3 || !languageExtensions) {
          const mapping = isLiteralScalar(items[0]) ? model.mappings.get(scalarString(items[0]) ?? '') : undefined;
          const top = isLiteralScalar(items[1]) ? scalarString(items[1]) : undefined;
          const second = isLiteralScalar(items[2]) ? scalarString(items[2]) : undefined;
          if (mapping && top !== undefined) {
            const topEntry = entry(mapping.value, top);
            if (!topEntry) report('E1011', model.rangeOf(items[1]), `mapping ${mapping.name} has no top-level key "${top}"`);
            else if (second !== undefined && isMap(topEntry.value) && !entry(topEntry.value, second)) {
              // A literal second key must exist under every top-level key it can be reached from; here the literal one.
              report('E1011', model.rangeOf(items[2]), `mapping ${mapping.name}.${top} has no key "${second}"`);
            }
          } else if (mapping && second !== undefined && isMap(mapping.value)) {
            const anyHas = mapping.value.items.some((pair) => entry(pair.value as Node, second));
            if (!anyHas) report('E1011', model.rangeOf(items[2]), `no top-level key of mapping ${mapping.name} has the key "${second}"`);
          }
        }
        if (items) for (const item of items) visit(item, depth + 1);
        return;
      }
      if (isMap(node)) for (const pair of node.items) visit(pair.value as Node, depth + 1);
      else if (isSeq(node)) for (const item of node.items) visit(item as Node, depth + 1);
    };
    for (const resource of model.resources.values()) visit(resource.value, 0);
    for (const output of model.outputs.values()) visit(output.value, 0);
  },
};
