import { CFN_SHORT_TAGS } from '../../common/cfn-tags';
import { tagStart } from '../nodes';
import { type Node, isMap, isScalar, isSeq } from '../../common/yaml/nodes';
import type { TemplateCheck } from './context';

const MAX_DEPTH = 400;

/**
 * E0000: a map key that is itself a map, a list or a function call (`!ImportValue X: y`)
 * cannot be read by CloudFormation (a JSON key is a string). It usually comes from a short
 * tag followed by `Key: value` on one line, which YAML reads as a map keyed by the call.
 */
export const collectionKeys: TemplateCheck = {
  codes: ['E0000'],
  run({ model, report }) {
    const { text } = model.parsed;
    const visit = (node: Node, depth: number): void => {
      if (!node || depth > MAX_DEPTH) return;
      if (isMap(node)) {
        for (const pair of node.items) {
          const key = pair.key as Node;
          const problem = keyProblem(key);
          if (problem && key) {
            const start = tagStart(key, text) ?? key.range?.[0] ?? 0;
            report('E0000', model.range(start, key.range?.[1] ?? start), problem);
          }
          visit(pair.value as Node, depth + 1);
        }
      } else if (isSeq(node)) {
        for (const item of node.items) visit(item as Node, depth + 1);
      }
    };
    visit(model.parsed.doc.contents as Node, 0);
  },
};

function keyProblem(key: Node): string | undefined {
  if (isMap(key) || isSeq(key)) return `a ${isMap(key) ? 'map' : 'list'} cannot be used as a key; keys must be strings`;
  if (isScalar(key) && key.tag && key.tag in CFN_SHORT_TAGS) {
    const call = CFN_SHORT_TAGS[key.tag];
    return `"${key.tag} ${String(key.value ?? '')}" is a function call (${call}) used as a key, and keys must be strings; YAML reads a short tag and "Key: value" on one line as a map keyed by the call: use the long form or give the argument its own line`;
  }
  return undefined;
}
