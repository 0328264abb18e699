import { asIntrinsic, getAttTarget, isPseudoParameter, subVariables } from './intrinsics';

/** How one place in the template names another. */
export type ReferenceVia = 'Ref' | 'GetAtt' | 'Sub' | 'DependsOn' | 'Condition' | 'If';

/** What a referenced name turned out to be. */
export type TargetKind = 'resource' | 'parameter' | 'pseudo' | 'condition' | 'unknown';

export interface TemplateReference {
  /** The resource or output whose body holds the reference. */
  from: { section: 'Resources' | 'Outputs'; id: string };
  to: string;
  targetKind: TargetKind;
  via: ReferenceVia;
  /** For `GetAtt` and `${X.Attr}`: the attribute named. */
  attribute?: string;
  /** Where the reference sits, as keys from the template root. */
  path: Array<string | number>;
}

export interface DependencyGraph {
  /** Resource logical ids in template order. */
  resources: string[];
  /** Resource → the resources it needs first (Ref, GetAtt, Sub, DependsOn). */
  dependsOn: Map<string, Set<string>>;
  /** Resource → the resources that need it. */
  dependents: Map<string, Set<string>>;
  /** Resource → parameters it reads. */
  parameters: Map<string, Set<string>>;
  /** Resource → conditions it uses (its `Condition` and `Fn::If` names). */
  conditions: Map<string, Set<string>>;
  /** Output → resources it reads. */
  outputs: Map<string, Set<string>>;
  /** Every reference found, resolved or not (checks use the unresolved ones). */
  references: TemplateReference[];
}

export interface GraphOptions {
  /**
   * Known condition values: `Fn::If` branches not taken add no dependency (what
   * CloudFormation does at deploy time). Without it both branches count.
   */
  conditionValues?: Record<string, boolean>;
}

/**
 * The dependency graph of a template given as plain values (long-form intrinsics, as
 * `documentValue` returns). Tolerates any shape: sections that are not maps are skipped.
 */
export function buildDependencyGraph(template: Record<string, unknown>, options: GraphOptions = {}): DependencyGraph {
  const resourcesSection = asMap(template.Resources);
  const parameterNames = new Set(Object.keys(asMap(template.Parameters)));
  const conditionNames = new Set(Object.keys(asMap(template.Conditions)));
  const resources = Object.keys(resourcesSection);
  const resourceNames = new Set(resources);
  const graph: DependencyGraph = {
    resources,
    dependsOn: new Map(resources.map((id) => [id, new Set<string>()])),
    dependents: new Map(resources.map((id) => [id, new Set<string>()])),
    parameters: new Map(resources.map((id) => [id, new Set<string>()])),
    conditions: new Map(resources.map((id) => [id, new Set<string>()])),
    outputs: new Map(),
    references: [],
  };

  const classify = (name: string): TargetKind => {
    if (resourceNames.has(name)) return 'resource';
    if (parameterNames.has(name)) return 'parameter';
    if (isPseudoParameter(name)) return 'pseudo';
    return 'unknown';
  };

  const record = (ref: TemplateReference) => {
    graph.references.push(ref);
    const { section, id } = ref.from;
    if (section === 'Outputs') {
      if (ref.targetKind === 'resource') graph.outputs.get(id)!.add(ref.to);
      return;
    }
    if (ref.targetKind === 'resource' && ref.via !== 'Condition' && ref.via !== 'If') {
      graph.dependsOn.get(id)!.add(ref.to);
      graph.dependents.get(ref.to)!.add(id);
    } else if (ref.targetKind === 'parameter') {
      graph.parameters.get(id)!.add(ref.to);
    } else if (ref.targetKind === 'condition') {
      graph.conditions.get(id)!.add(ref.to);
    }
  };

  const walk = (value: unknown, from: TemplateReference['from'], path: Array<string | number>, shadowed: Set<string>) => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, from, [...path, index], shadowed));
      return;
    }
    if (!value || typeof value !== 'object') return;
    const intrinsic = asIntrinsic(value);
    if (intrinsic) {
      const here = [...path, intrinsic.name];
      if (intrinsic.name === 'Ref' && typeof intrinsic.arg === 'string') {
        record({ from, to: intrinsic.arg, targetKind: classify(intrinsic.arg), via: 'Ref', path: here });
        return;
      }
      if (intrinsic.name === 'Fn::GetAtt') {
        const target = getAttTarget(intrinsic.arg);
        if (target) {
          const kind = resourceNames.has(target.resource) ? 'resource' : 'unknown';
          record({ from, to: target.resource, targetKind: kind, via: 'GetAtt', attribute: target.attribute, path: here });
        }
        // The attribute name may itself be an intrinsic (a Ref to a parameter).
        if (Array.isArray(intrinsic.arg)) walk(intrinsic.arg[1], from, [...here, 1], shadowed);
        return;
      }
      if (intrinsic.name === 'Fn::Sub') {
        walkSub(intrinsic.arg, from, here, shadowed);
        return;
      }
      if (intrinsic.name === 'Fn::If' && Array.isArray(intrinsic.arg)) {
        const [condition, whenTrue, whenFalse] = intrinsic.arg;
        if (typeof condition === 'string') {
          const kind = conditionNames.has(condition) ? 'condition' : 'unknown';
          record({ from, to: condition, targetKind: kind, via: 'If', path: [...here, 0] });
        }
        const known = typeof condition === 'string' ? options.conditionValues?.[condition] : undefined;
        if (known !== false) walk(whenTrue, from, [...here, 1], shadowed);
        if (known !== true) walk(whenFalse, from, [...here, 2], shadowed);
        return;
      }
      if (intrinsic.name === 'Condition' && typeof intrinsic.arg === 'string') {
        const kind = conditionNames.has(intrinsic.arg) ? 'condition' : 'unknown';
        record({ from, to: intrinsic.arg, targetKind: kind, via: 'Condition', path: here });
        return;
      }
    }
    for (const [key, child] of Object.entries(value)) walk(child, from, [...path, key], shadowed);
  };

  const walkSub = (arg: unknown, from: TemplateReference['from'], path: Array<string | number>, shadowed: Set<string>) => {
    let text: unknown = arg;
    let locals = shadowed;
    if (Array.isArray(arg)) {
      text = arg[0];
      const variables = asMap(arg[1]);
      locals = new Set([...shadowed, ...Object.keys(variables)]);
      walk(arg[1], from, [...path, 1], shadowed);
    }
    if (typeof text !== 'string') return;
    const where = Array.isArray(arg) ? [...path, 0] : path;
    for (const variable of subVariables(text)) {
      if (locals.has(variable.name) || isPseudoParameter(variable.name)) continue;
      const dot = variable.name.indexOf('.');
      if (dot > 0) {
        const resource = variable.name.slice(0, dot);
        const kind = resourceNames.has(resource) ? 'resource' : locals.has(resource) ? undefined : 'unknown';
        if (!kind) continue;
        record({ from, to: resource, targetKind: kind, via: 'Sub', attribute: variable.name.slice(dot + 1), path: where });
      } else {
        record({ from, to: variable.name, targetKind: classify(variable.name), via: 'Sub', path: where });
      }
    }
  };

  for (const id of resources) {
    const resource = asMap(resourcesSection[id]);
    const from = { section: 'Resources' as const, id };
    const base = ['Resources', id];
    if (typeof resource.Condition === 'string') {
      const kind = conditionNames.has(resource.Condition) ? 'condition' : 'unknown';
      record({ from, to: resource.Condition, targetKind: kind, via: 'Condition', path: [...base, 'Condition'] });
    }
    const dependsOn = typeof resource.DependsOn === 'string' ? [resource.DependsOn] : resource.DependsOn;
    if (Array.isArray(dependsOn)) {
      dependsOn.forEach((target, index) => {
        if (typeof target !== 'string') return;
        const kind = resourceNames.has(target) ? 'resource' : 'unknown';
        const path = typeof resource.DependsOn === 'string' ? [...base, 'DependsOn'] : [...base, 'DependsOn', index];
        record({ from, to: target, targetKind: kind, via: 'DependsOn', path });
      });
    }
    walk(resource.Properties, from, [...base, 'Properties'], new Set());
    walk(resource.Metadata, from, [...base, 'Metadata'], new Set());
  }

  const outputs = asMap(template.Outputs);
  for (const id of Object.keys(outputs)) {
    graph.outputs.set(id, new Set());
    walk(outputs[id], { section: 'Outputs', id }, ['Outputs', id], new Set());
  }
  return graph;
}

/**
 * The circular dependencies between resources: each strongly connected component with
 * more than one member (or a resource that depends on itself), members in template order.
 */
export function findCycles(graph: DependencyGraph): string[][] {
  const order = new Map(graph.resources.map((id, index) => [id, index]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let counter = 0;

  // Iterative Tarjan: 10,000-resource templates must not overflow the call stack.
  for (const root of graph.resources) {
    if (index.has(root)) continue;
    const work: Array<{ node: string; children: string[]; next: number }> = [];
    const enter = (node: string) => {
      index.set(node, counter);
      low.set(node, counter);
      counter++;
      stack.push(node);
      onStack.add(node);
      work.push({ node, children: [...(graph.dependsOn.get(node) ?? [])], next: 0 });
    };
    enter(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (frame.next < frame.children.length) {
        const child = frame.children[frame.next++];
        if (!index.has(child)) enter(child);
        else if (onStack.has(child)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(child)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        const selfLoop = component.length === 1 && graph.dependsOn.get(frame.node)?.has(frame.node);
        if (component.length > 1 || selfLoop) {
          cycles.push(component.sort((a, b) => order.get(a)! - order.get(b)!));
        }
      }
    }
  }
  return cycles.sort((a, b) => order.get(a[0])! - order.get(b[0])!);
}

export class DependencyCycleError extends Error {
  constructor(readonly cycles: string[][]) {
    super(`circular dependency between resources: ${cycles.map((c) => c.join(', ')).join('; ')}`);
  }
}

/**
 * Resources grouped into levels that can be created in parallel: every resource's
 * dependencies are in earlier levels. Deletion runs the levels in reverse.
 * Throws DependencyCycleError (naming the cycles) when there is no such order.
 */
export function topologicalLevels(graph: DependencyGraph): string[][] {
  const remaining = new Map<string, number>();
  for (const id of graph.resources) remaining.set(id, graph.dependsOn.get(id)?.size ?? 0);
  const levels: string[][] = [];
  let current = graph.resources.filter((id) => remaining.get(id) === 0);
  let placed = 0;
  const order = new Map(graph.resources.map((id, index) => [id, index]));
  while (current.length > 0) {
    levels.push(current);
    placed += current.length;
    const next: string[] = [];
    for (const id of current) {
      for (const dependent of graph.dependents.get(id) ?? []) {
        const left = remaining.get(dependent)! - 1;
        remaining.set(dependent, left);
        if (left === 0) next.push(dependent);
      }
    }
    current = next.sort((a, b) => order.get(a)! - order.get(b)!);
  }
  if (placed < graph.resources.length) throw new DependencyCycleError(findCycles(graph));
  return levels;
}

function asMap(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
