import * as YAML from 'yaml';
import { didYouMean } from '../../common/text';
import { isPseudoParameter, PSEUDO_PARAMETERS } from '../intrinsics';
import { intrinsicOf } from '../nodes';
import { attributesOf } from './getatt';
import type { TemplateCheck } from './context';
import { isMap, isScalar, isSeq } from '../../common/yaml/nodes';

/** E1019: `Fn::Sub` shape and every `${}` variable; W1019 unused Sub variables. */
export const subCheck: TemplateCheck = {
  codes: ['E1019', 'W1019'],
  run({ model, spec, report, transformed }) {
    for (const sub of model.subs) {
      const arg = sub.node.tag === '!Sub' ? sub.node : (isMap(sub.node) ? (sub.node.items[0].value as YAML.Node | null) : null);
      if (isSeq(arg) && (arg.items.length !== 2 || !isMap(arg.items[1]))) {
        report('E1019', model.rangeOf(arg), 'Fn::Sub takes a string, or a list of a string and a map of variables');
        continue;
      }
      if (sub.text === undefined) {
        if (isMap(arg) && !intrinsicOf(arg, { allowCondition: false })) {
          // The function name says what was given the wrong shape; the map's first key would not.
          const keyNode = sub.node.tag === '!Sub' || !isMap(sub.node) ? sub.node : (sub.node.items[0].key as YAML.Node);
          report('E1019', model.rangeOf(keyNode), 'Fn::Sub takes a string, or a list of a string and a map of variables, not a map');
        } else if (!(isSeq(arg) && arg.items[0] && !isScalar(arg.items[0]))) {
          report('E1019', model.rangeOf(arg ?? sub.node), 'Fn::Sub needs a string to substitute into');
        }
        continue;
      }
      if (sub.unclosedAt !== undefined) report('E1019', model.rangeOf(sub.stringNode), 'Fn::Sub string has a "${" without a closing "}"');
      const used = new Set<string>();
      for (const variable of sub.variables) {
        used.add(variable.name);
        const name = variable.name;
        if (sub.locals.has(name) || isPseudoParameter(name) || model.parameters.has(name) || model.resources.has(name)) continue;
        const dot = name.indexOf('.');
        if (dot > 0) {
          const resource = model.resources.get(name.slice(0, dot));
          if (resource) {
            const attributes = attributesOf(spec, resource.type);
            const attribute = name.slice(dot + 1);
            if (!attributes || attributes.includes(attribute)) continue;
            const guess = didYouMean(attribute, attributes);
            report('E1019', variable.range, `${resource.type} has no attribute "${attribute}"${guess ? `; did you mean ${guess}?` : ''}`, {
              data: guess ? { replacement: `${name.slice(0, dot)}.${guess}` } : undefined,
            });
            continue;
          }
        }
        if (transformed) continue;
        const guess = didYouMean(name, [...sub.locals.keys(), ...model.parameters.keys(), ...model.resources.keys(), ...PSEUDO_PARAMETERS]);
        report('E1019', variable.range, `\${${name}} is not a parameter, resource, pseudo parameter or Sub variable${guess ? `; did you mean ${guess}?` : ''}`, {
          data: guess ? { replacement: guess } : undefined,
        });
      }
      for (const [name, local] of sub.locals) {
        if (!used.has(name)) report('W1019', model.rangeOf(local.keyNode), `Sub variable "${name}" is not used in the string`);
      }
    }
  },
};
