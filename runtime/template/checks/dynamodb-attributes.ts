import { entry, scalarString, type Node, isMap, isSeq } from '../../common/yaml/nodes';
import { intrinsicOf, isLiteralScalar } from '../nodes';
import type { TemplateCheck } from './context';

/** The literal AttributeName of each object in a list; undefined when any part is computed. */
function attributeNames(list: Node): string[] | undefined {
  if (!isSeq(list)) return undefined;
  const names: string[] = [];
  for (const item of list.items) {
    const name = entry(item as Node, 'AttributeName')?.value;
    if (!isLiteralScalar(name)) return undefined;
    names.push(scalarString(name) ?? '');
  }
  return names;
}

/** Key attribute names of the table and its secondary indexes; undefined when any part is computed. */
function keyAttributes(properties: Node): Set<string> | undefined {
  const keys = new Set<string>();
  const table = entry(properties, 'KeySchema');
  if (table) {
    const names = attributeNames(table.value);
    if (!names) return undefined;
    for (const name of names) keys.add(name);
  }
  for (const section of ['GlobalSecondaryIndexes', 'LocalSecondaryIndexes']) {
    const indexes = entry(properties, section)?.value;
    if (!indexes) continue;
    if (!isSeq(indexes)) return undefined;
    for (const index of indexes.items) {
      const names = attributeNames(entry(index as Node, 'KeySchema')?.value);
      if (!names) return undefined;
      for (const name of names) keys.add(name);
    }
  }
  return keys;
}

/**
 * E3039: DynamoDB requires AttributeDefinitions to define exactly the attributes used in the
 * key schemas of the table and its indexes, no more and no fewer.
 */
export const dynamoDbAttributes: TemplateCheck = {
  codes: ['E3039'],
  run({ model, report }) {
    for (const [id, resource] of model.resources) {
      if (resource.type !== 'AWS::DynamoDB::Table' || !resource.properties) continue;
      const properties = resource.properties.value;
      if (!isMap(properties) || intrinsicOf(properties)) continue;
      const definitions = entry(properties, 'AttributeDefinitions');
      if (!definitions) continue;
      const defined = attributeNames(definitions.value);
      const keys = keyAttributes(properties);
      if (!defined || !keys) continue;
      const unused = [...new Set(defined)].filter((name) => !keys.has(name));
      const undefinedKeys = [...keys].filter((name) => !defined.includes(name));
      if (!unused.length && !undefinedKeys.length) continue;
      const problems = [
        ...(undefinedKeys.length ? [`key attribute${undefinedKeys.length > 1 ? 's' : ''} ${undefinedKeys.join(', ')} not defined in AttributeDefinitions`] : []),
        ...(unused.length ? [`AttributeDefinitions ${unused.join(', ')} used by no key schema`] : []),
      ];
      report('E3039', model.rangeOf(resource.properties.keyNode), `${id}: ${problems.join('; ')} (DynamoDB needs the two sets to match)`);
    }
  },
};
