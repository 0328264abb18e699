import * as YAML from 'yaml';
import { didYouMean } from '../../common/text';
import { entries, scalarString, isMap, isScalar } from '../../common/yaml/nodes';
import { intrinsicOf } from '../nodes';
import type { TemplateCheck } from './context';

const RESOURCE_KEYS = ['Type', 'Properties', 'DependsOn', 'Condition', 'Metadata', 'DeletionPolicy', 'UpdateReplacePolicy', 'UpdatePolicy', 'CreationPolicy', 'Version'];
const LOGICAL_ID = /^[a-zA-Z0-9]+$/;

/** E3001 resource shape (Type present, known attributes, Properties a map), E3007 names shared with parameters. */
export const resourceStructure: TemplateCheck = {
  codes: ['E3001', 'E3007'],
  run({ model, report, transformed, languageExtensions }) {
    for (const [id, resource] of model.resources) {
      if (id.startsWith('Fn::ForEach::') && languageExtensions) continue;
      if (!LOGICAL_ID.test(id)) report('E3001', resource.keyRange, `logical id "${id}" must be alphanumeric (A-Za-z0-9)`);
      if (model.parameters.has(id)) report('E3007', resource.keyRange, `resources and parameters must not share a name: ${id}`);
      if (!isMap(resource.value)) {
        report('E3001', resource.keyRange, `resource ${id} must be a map with a Type`);
        continue;
      }
      for (const item of entries(resource.value)) {
        if (RESOURCE_KEYS.includes(item.key)) continue;
        if (transformed && item.key === 'IgnoreGlobals') continue;
        const guess = didYouMean(item.key, RESOURCE_KEYS);
        report('E3001', model.rangeOf(item.keyNode), `unknown resource attribute "${item.key}"${guess ? `; did you mean ${guess}?` : ''}`, {
          data: guess ? { replacement: guess } : undefined,
        });
      }
      if (!resource.typeNode && !resource.value.items.some((p) => scalarString(p.key as YAML.Node) === 'Type')) {
        report('E3001', resource.keyRange, `resource ${id} has no Type`);
      } else if (resource.type === undefined || resource.type === '') {
        report('E3001', model.rangeOf(resource.typeNode ?? resource.keyNode), `the Type of ${id} must be a string`);
      }
      const properties = resource.properties;
      if (properties && properties.value && !isMap(properties.value)) {
        report('E3001', model.rangeOf(properties.keyNode), `Properties of ${id} must be a map`);
      } else if (properties && isMap(properties.value) && intrinsicOf(properties.value) && intrinsicOf(properties.value)!.name !== 'Fn::If') {
        report('E3001', model.rangeOf(properties.keyNode), `Properties of ${id} must be a map, not ${intrinsicOf(properties.value)!.name}`);
      }
      const condition = resource.value.items.find((p) => scalarString(p.key as YAML.Node) === 'Condition');
      if (condition && !(isScalar(condition.value) && typeof condition.value.value === 'string')) {
        report('E3001', model.rangeOf(condition.key as YAML.Node), `the Condition of ${id} must be a condition name`);
      }
    }
  },
};
