// Template format errors CloudFormation reports when a stack or change set is created, before
// any resource: a top-level key that is no template section and a format version other than
// 2010-09-09 ("Template anatomy", "Format version syntax"), logical names that are not
// alphanumeric, a resource without a Type, a parameter type CloudFormation does not know
// ("Parameters template section syntax"), an output without a Value, and an output naming a
// parameter or resource the template does not declare ("Outputs template section syntax").
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-anatomy.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/resources-section-structure.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/outputs-section-structure.html
import { TemplateEvalError, type TemplateBody } from '../template/eval';
import { isValidParameterType } from '../template/checks/parameters';
import { buildDependencyGraph } from '../template/graph';

const SECTIONS = new Set(['AWSTemplateFormatVersion', 'Description', 'Metadata', 'Parameters', 'Rules', 'Mappings', 'Conditions', 'Transform', 'Resources', 'Outputs', 'Hooks']);

/** What each section's logical names are called in CloudFormation's "is non alphanumeric" errors. */
const NAMED_SECTIONS = { Parameters: 'Parameter', Mappings: 'Mapping', Conditions: 'Condition', Resources: 'Resource', Outputs: 'Output' } as const;

function entriesOf(section: unknown): Array<[string, unknown]> {
  return section && typeof section === 'object' && !Array.isArray(section) ? Object.entries(section).filter(([key]) => !key.startsWith('Fn::ForEach::')) : [];
}

export function checkTemplateFormat(template: TemplateBody): void {
  const unknown = Object.keys(template).filter((key) => !SECTIONS.has(key));
  if (unknown.length) throw new TemplateEvalError(`Template format error: Invalid template property or properties [${unknown.join(', ')}]`);
  const version = template.AWSTemplateFormatVersion;
  if (version !== undefined && String(version) !== '2010-09-09') throw new TemplateEvalError(`Template format error: AWSTemplateFormatVersion ${String(version)} is not supported; 2010-09-09 is the only valid value`);
  for (const [section, noun] of Object.entries(NAMED_SECTIONS)) {
    for (const [name] of entriesOf(template[section as keyof TemplateBody])) {
      if (!/^[A-Za-z0-9]+$/.test(name)) throw new TemplateEvalError(`Template format error: ${noun} name ${name} is non alphanumeric.`);
    }
  }
  for (const [name, declaration] of entriesOf(template.Parameters)) {
    const type = (declaration as { Type?: unknown } | null)?.Type;
    if (typeof type !== 'string') throw new TemplateEvalError(`Template format error: Every Parameters object must contain a Type member (parameter ${name} has none).`);
    if (!isValidParameterType(type)) throw new TemplateEvalError(`Template format error: Unrecognized parameter type: ${type} (parameter ${name})`);
  }
  for (const [name, resource] of entriesOf(template.Resources)) {
    if (!resource || typeof resource !== 'object' || typeof (resource as { Type?: unknown }).Type !== 'string') throw new TemplateEvalError(`Template format error: [/Resources/${name}] Every Resources object must contain a Type member.`);
  }
  const outputs = template.Outputs;
  if (outputs === undefined || outputs === null || typeof outputs !== 'object') return;
  // Fn::ForEach (AWS::LanguageExtensions) makes outputs and loop variables of its own.
  const transforms = ([] as unknown[]).concat(template.Transform ?? []);
  const expanding = transforms.includes('AWS::LanguageExtensions');
  const declared = new Set([...Object.keys(template.Parameters ?? {}), ...Object.keys(template.Resources ?? {})]);
  for (const [key, output] of Object.entries(outputs)) {
    if (key.startsWith('Fn::ForEach::')) continue;
    if (!output || typeof output !== 'object' || !('Value' in output)) throw new TemplateEvalError(`Template format error: Every Outputs member must contain a Value object (output ${key} has none)`);
  }
  if (expanding) return;
  const unresolved = new Set<string>();
  const naming = new Set<string>();
  // Names an output's Value or Export refers to with Ref, Fn::GetAtt and Fn::Sub, pseudo parameters left out.
  for (const { from, to, via, path } of buildDependencyGraph(template as Record<string, unknown>).references) {
    if (from.section !== 'Outputs' || from.id.startsWith('Fn::ForEach::') || (path[2] !== 'Value' && path[2] !== 'Export')) continue;
    if ((via !== 'Ref' && via !== 'GetAtt' && via !== 'Sub') || to.startsWith('AWS::') || declared.has(to)) continue;
    unresolved.add(to);
    naming.add(from.id);
  }
  if (unresolved.size) throw new TemplateEvalError(`Template format error: Unresolved resource dependencies [${[...unresolved].join(', ')}] in the Outputs block of the template (output ${[...naming].join(', ')})`);
}
