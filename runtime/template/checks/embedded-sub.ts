import * as YAML from 'yaml';
import { isPseudoParameter } from '../intrinsics';
import { intrinsicOf, isLiteralScalar, type Node } from '../nodes';
import type { TemplateCheck } from './context';

const VARIABLE = /\$\{([\w:.]+)\}/g;
const MAX_DEPTH = 100;

/** E1029: `${Name}` of a parameter, resource or pseudo parameter in a string that is not inside Fn::Sub. */
export const embeddedSub: TemplateCheck = {
  codes: ['E1029'],
  run({ model, report }) {
    const known = (name: string) => {
      const base = name.split('.')[0];
      return isPseudoParameter(name) || model.parameters.has(name) || model.resources.has(base);
    };
    const walk = (node: Node, depth: number): void => {
      if (!node || depth > MAX_DEPTH) return;
      const call = intrinsicOf(node, { allowCondition: false });
      if (call?.name === 'Fn::Sub') return;
      if (call && call.short) {
        if (!YAML.isScalar(node)) walkChildren(node, depth);
        return;
      }
      if (isLiteralScalar(node) && typeof node.value === 'string') {
        for (const match of node.value.matchAll(VARIABLE)) {
          if (known(match[1])) {
            report('E1029', model.rangeOf(node), `"\${${match[1]}}" is only substituted inside Fn::Sub; wrap the string in !Sub`);
            break;
          }
        }
        return;
      }
      walkChildren(node, depth);
    };
    const walkChildren = (node: Node, depth: number) => {
      if (YAML.isMap(node)) for (const pair of node.items) walk(pair.value as Node, depth + 1);
      else if (YAML.isSeq(node)) for (const item of node.items) walk(item as Node, depth + 1);
    };
    for (const resource of model.resources.values()) walk(resource.properties?.value, 0);
    for (const output of model.outputs.values()) walk(output.value, 0);
  },
};
