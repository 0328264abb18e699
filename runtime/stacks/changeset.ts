import type { SecretMasker } from '../common/params';
import { buildDependencyGraph, topologicalLevels, type DependencyGraph } from '../template/graph';
import { TemplateEvalError, Unresolved, findUnresolved, resourceProperties, type EvaluatedTemplate, type ResourceResolver } from '../template/eval';
import { contentDigest } from './content-digest';
import { recreationOf, sameValue } from './replacement';
import { maskValue, propertiesOf } from './secrets';
import type { ChangeDetail, Replacement, ResourceChange, ResourceRecord } from './types';

const graphs = new WeakMap<EvaluatedTemplate, DependencyGraph>();

/** The dependency graph of the resources that exist (built once per evaluation). */
function graphOf(evaluated: EvaluatedTemplate): DependencyGraph {
  let graph = graphs.get(evaluated);
  if (!graph) {
    const template = { ...evaluated.template, Resources: evaluated.resources } as Record<string, unknown>;
    graph = buildDependencyGraph(template, { conditionValues: evaluated.conditions });
    graphs.set(evaluated, graph);
  }
  return graph;
}

/** The dependency levels of a template's active resources; a cycle is refused naming its members. */
export function resourceLevels(evaluated: EvaluatedTemplate): string[][] {
  const graph = graphOf(evaluated);
  try {
    return topologicalLevels(graph);
  } catch (error) {
    throw new TemplateEvalError(`Circular dependency between resources: [${(error as { cycles?: string[][] }).cycles?.flat().join(', ') ?? ''}]`);
  }
}

/** Resource → the resources it depends on (Ref, GetAtt, Sub, DependsOn), active ones only. */
export function resourceDependencies(evaluated: EvaluatedTemplate): Map<string, string[]> {
  const graph = graphOf(evaluated);
  return new Map([...graph.dependsOn].map(([id, deps]) => [id, [...deps]]));
}

/**
 * The change set between a stack's resources and a template: Add, Modify (with
 * Replacement True/False/Conditional and property-level details) and Remove. Walks
 * the new template in dependency order so that a replaced resource makes the values
 * of everything that reads it Dynamic.
 */
export function computeChanges(evaluated: EvaluatedTemplate, previous: Record<string, ResourceRecord>, masker: SecretMasker, templateDir = process.cwd()): ResourceChange[] {
  const levels = resourceLevels(evaluated);
  const newIdentity = new Set<string>(); // Ref and GetAtt values unknown until executed
  const newAttributes = new Set<string>(); // GetAtt values unknown until executed
  const resolver: ResourceResolver = {
    ref(id) {
      if (newIdentity.has(id)) return new Unresolved([id]);
      const old = previous[id];
      return old.ref ?? old.physicalId;
    },
    getAtt(id, attribute) {
      if (newIdentity.has(id) || newAttributes.has(id)) return new Unresolved([`${id}.${attribute}`]);
      const old = previous[id];
      if (!(attribute in old.attributes)) return new Unresolved([`${id}.${attribute}`]);
      return old.attributes[attribute];
    },
  };
  const changes: ResourceChange[] = [];
  for (const level of levels) {
    for (const id of level) {
      const declaration = evaluated.resources[id];
      const old = previous[id];
      if (!old) {
        resourceProperties(evaluated, id, resolver); // evaluation errors surface now, not mid-deploy
        newIdentity.add(id);
        changes.push({ action: 'Add', logicalId: id, type: declaration.Type, scope: [], details: [] });
        continue;
      }
      if (old.type !== declaration.Type) {
        throw new TemplateEvalError(`Update of resource type is not permitted: ${id} is ${old.type}, the template says ${declaration.Type}`, ['Resources', id, 'Type']);
      }
      const properties = resourceProperties(evaluated, id, resolver);
      const details = propertyDetails(declaration.Type, propertiesOf(old), properties, masker);
      const digest = contentDigest(declaration.Type, properties, templateDir);
      if (digest !== undefined && digest !== old.contentDigest && !details.some((d) => d.name === 'TemplateURL')) {
        details.push({ attribute: 'Properties', name: 'TemplateURL', requiresRecreation: 'Never', evaluation: 'Dynamic', changeSource: 'Automatic', before: old.contentDigest, after: digest });
      }
      for (const attribute of ['DeletionPolicy', 'UpdateReplacePolicy'] as const) {
        const before = attribute === 'DeletionPolicy' ? old.deletionPolicy : old.updateReplacePolicy;
        if ((declaration[attribute] ?? undefined) !== before) {
          details.push({ attribute, requiresRecreation: 'Never', evaluation: 'Static', changeSource: 'DirectModification', before, after: declaration[attribute] });
        }
      }
      if (details.length === 0) continue;
      const replacement = replacementOf(details);
      if (replacement !== 'False') newIdentity.add(id);
      else newAttributes.add(id);
      changes.push({
        action: 'Modify',
        logicalId: id,
        physicalId: old.physicalId,
        type: declaration.Type,
        replacement,
        scope: [...new Set(details.map((d) => d.attribute))],
        details,
      });
    }
  }
  for (const [id, old] of Object.entries(previous)) {
    if (!(id in evaluated.resources)) changes.push({ action: 'Remove', logicalId: id, physicalId: old.physicalId, type: old.type, scope: [], details: [] });
  }
  return changes;
}

function propertyDetails(type: string, before: Record<string, unknown>, after: Record<string, unknown>, masker: SecretMasker): ChangeDetail[] {
  const details: ChangeDetail[] = [];
  for (const name of [...new Set([...Object.keys(before), ...Object.keys(after)])]) {
    const unresolved = findUnresolved(after[name]);
    if (!unresolved && sameValue(before[name], after[name])) continue;
    const recreation = recreationOf(type, name, before, after);
    const detail: ChangeDetail = {
      attribute: 'Properties',
      name,
      requiresRecreation: unresolved && recreation === 'Always' ? 'Conditionally' : recreation,
      evaluation: unresolved ? 'Dynamic' : 'Static',
      changeSource: unresolved ? (unresolved.causes.some((c) => c.includes('.')) ? 'ResourceAttribute' : 'ResourceReference') : 'DirectModification',
      before: maskValue(before[name], masker),
      after: maskValue(after[name], masker),
    };
    if (unresolved) detail.causingEntity = unresolved.causes.join(', ');
    details.push(detail);
  }
  return details;
}

function replacementOf(details: ChangeDetail[]): Replacement {
  const statics = details.filter((d) => d.evaluation === 'Static');
  if (statics.some((d) => d.requiresRecreation === 'Always')) return 'True';
  if (details.some((d) => d.requiresRecreation !== 'Never')) return 'Conditional';
  return 'False';
}
