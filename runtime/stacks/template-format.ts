// Template format errors CloudFormation reports when a stack or change set is created, before
// any resource: a top-level key that is no template section ("Template anatomy" lists them), an
// output without a Value, and an output naming a parameter or resource the template does not
// declare ("Outputs template section syntax").
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-anatomy.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/outputs-section-structure.html
import { TemplateEvalError, type TemplateBody } from '../template/eval';

const SECTIONS = new Set(['AWSTemplateFormatVersion', 'Description', 'Metadata', 'Parameters', 'Rules', 'Mappings', 'Conditions', 'Transform', 'Resources', 'Outputs', 'Hooks']);

/** Names a value refers to with Ref, Fn::GetAtt and Fn::Sub (`${Name}`, `${Name.Attribute}`), pseudo parameters left out. */
function* referencedNames(value: unknown): Generator<string> {
  if (Array.isArray(value)) {
    for (const item of value) yield* referencedNames(item);
    return;
  }
  if (!value || typeof value !== 'object') return;
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'Ref' && typeof inner === 'string') yield inner;
    else if (key === 'Fn::GetAtt') {
      const target = typeof inner === 'string' ? inner.split('.')[0] : Array.isArray(inner) ? inner[0] : undefined;
      if (typeof target === 'string') yield target;
    } else if (key === 'Fn::Sub') {
      const [text, variables] = Array.isArray(inner) ? inner : [inner, {}];
      const local = variables && typeof variables === 'object' ? new Set(Object.keys(variables)) : new Set<string>();
      if (typeof text === 'string') {
        for (const match of text.matchAll(/\$\{([^!}][^}]*)\}/g)) {
          const name = match[1].trim().split('.')[0];
          if (!local.has(match[1].trim())) yield name;
        }
      }
      if (Array.isArray(inner)) yield* referencedNames(inner[1]);
      continue;
    }
    yield* referencedNames(inner);
  }
}

export function checkTemplateFormat(template: TemplateBody): void {
  const unknown = Object.keys(template).filter((key) => !SECTIONS.has(key));
  if (unknown.length) throw new TemplateEvalError(`Template format error: Invalid template property or properties [${unknown.join(', ')}]`);
  const outputs = template.Outputs;
  if (outputs === undefined || outputs === null || typeof outputs !== 'object') return;
  // Fn::ForEach (AWS::LanguageExtensions) makes outputs and loop variables of its own.
  const transforms = ([] as unknown[]).concat(template.Transform ?? []);
  const expanding = transforms.includes('AWS::LanguageExtensions');
  const declared = new Set([...Object.keys(template.Parameters ?? {}), ...Object.keys(template.Resources ?? {})]);
  const unresolved = new Set<string>();
  for (const [key, output] of Object.entries(outputs)) {
    if (key.startsWith('Fn::ForEach::')) continue;
    if (!output || typeof output !== 'object' || !('Value' in output)) throw new TemplateEvalError(`Template format error: Every Outputs member must contain a Value object (output ${key} has none)`);
    if (expanding) continue;
    for (const name of referencedNames([output.Value, output.Export])) if (!name.startsWith('AWS::') && !declared.has(name)) unresolved.add(name);
  }
  if (unresolved.size) throw new TemplateEvalError(`Template format error: Unresolved resource dependencies [${[...unresolved].join(', ')}] in the Outputs block of the template`);
}
