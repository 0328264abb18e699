import { isPseudoParameter } from '../intrinsics';
import { entries, entry, type Node, isMap, isScalar, isSeq } from '../../common/yaml/nodes';
import { intrinsicOf, isLiteralScalar, longFormOf } from '../nodes';
import type { TemplateCheck } from './context';

const VARIABLE = /\$\{([\w:.]+)\}/g;
const MAX_DEPTH = 100;

/** State machine types whose definition takes `${name}` placeholders from DefinitionSubstitutions. */
const STATE_MACHINES: Record<string, string[]> = {
  'AWS::StepFunctions::StateMachine': ['DefinitionString', 'Definition'],
  'AWS::Serverless::StateMachine': ['Definition'],
};

/**
 * Properties holding a document another service reads, where `${…}` is that document's own
 * syntax and CloudFormation leaves it alone: a StackSet's template (its own parameters and
 * pseudo parameters, resolved in each stack instance), a buildspec (shell variables), Lambda
 * inline code, AppSync VTL mapping templates, SSM and Image Builder documents (their own
 * parameters, and shell commands).
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cloudformation-stackset.html#cfn-cloudformation-stackset-templatebody
 */
const FOREIGN_DOCUMENTS: Record<string, string[][]> = {
  'AWS::CloudFormation::StackSet': [['TemplateBody']],
  'AWS::CodeBuild::Project': [['Source', 'BuildSpec'], ['SecondarySources', '[]', 'BuildSpec']],
  'AWS::Lambda::Function': [['Code', 'ZipFile']],
  'AWS::AppSync::Resolver': [['RequestMappingTemplate'], ['ResponseMappingTemplate'], ['Code']],
  'AWS::AppSync::FunctionConfiguration': [['RequestMappingTemplate'], ['ResponseMappingTemplate'], ['Code']],
  'AWS::SSM::Document': [['Content']],
  'AWS::ImageBuilder::Component': [['Data']],
  'AWS::ImageBuilder::Workflow': [['Data']],
  'AWS::Serverless::Function': [['InlineCode']],
};

/** The nodes at the foreign-document paths of a resource's Properties. */
function foreignDocuments(type: string | undefined, properties: Node): Set<Node> {
  const found = new Set<Node>();
  const paths = type && Object.hasOwn(FOREIGN_DOCUMENTS, type) ? FOREIGN_DOCUMENTS[type] : [];
  const follow = (node: Node, path: string[]) => {
    if (!path.length) return void found.add(node);
    const [head, ...rest] = path;
    if (head === '[]') for (const item of isSeq(node) ? node.items : []) follow(item as Node, rest);
    else follow(entry(node, head)?.value, rest);
  };
  for (const path of paths) follow(properties, path);
  return found;
}

/**
 * E1029: `${Name}` of a parameter, resource or pseudo parameter in a string that is not inside
 * Fn::Sub; in a Step Functions definition, a `${placeholder}` that DefinitionSubstitutions does
 * not define (Step Functions would leave it in the definition as written).
 */
export const embeddedSub: TemplateCheck = {
  codes: ['E1029'],
  run({ model, report }) {
    const known = (name: string) => {
      const base = name.split('.')[0];
      return isPseudoParameter(name) || model.parameters.has(name) || model.resources.has(base);
    };
    /** `substitutions`: inside a state machine definition, the names DefinitionSubstitutions defines. */
    let foreign = new Set<Node>();
    const walk = (node: Node, depth: number, substitutions?: Set<string>): void => {
      if (!node || depth > MAX_DEPTH || foreign.has(node)) return;
      const call = intrinsicOf(node, { allowCondition: false });
      if (call?.name === 'Fn::Sub') return;
      if (call && call.short) {
        // `!Base64` / `!ImportValue` over an indented `Fn::Sub:` map: the Sub substitutes.
        if (longFormOf(node)?.name === 'Fn::Sub') return;
        if (!isScalar(node)) walkChildren(node, depth, substitutions);
        return;
      }
      if (isLiteralScalar(node) && typeof node.value === 'string') {
        for (const match of node.value.matchAll(VARIABLE)) {
          if (substitutions?.has(match[1])) continue;
          if (known(match[1])) {
            report('E1029', model.rangeOf(node), `"\${${match[1]}}" is only substituted inside Fn::Sub; wrap the string in !Sub`);
            break;
          }
          if (substitutions) {
            report('E1029', model.rangeOf(node), `"\${${match[1]}}" is not defined in DefinitionSubstitutions, so Step Functions leaves it in the definition as written`);
            break;
          }
        }
        return;
      }
      walkChildren(node, depth, substitutions);
    };
    const walkChildren = (node: Node, depth: number, substitutions?: Set<string>) => {
      if (isMap(node)) for (const pair of node.items) walk(pair.value as Node, depth + 1, substitutions);
      else if (isSeq(node)) for (const item of node.items) walk(item as Node, depth + 1, substitutions);
    };
    for (const resource of model.resources.values()) {
      foreign = foreignDocuments(resource.type, resource.properties?.value);
      const definitions = resource.type && Object.hasOwn(STATE_MACHINES, resource.type) ? STATE_MACHINES[resource.type] : undefined;
      if (!definitions) {
        walk(resource.properties?.value, 0);
        continue;
      }
      const substitutionsNode = entry(resource.properties?.value, 'DefinitionSubstitutions')?.value;
      // Substitutions given by a function cannot be listed here: leave the placeholders alone.
      const substitutions = intrinsicOf(substitutionsNode, { allowCondition: false }) ? undefined : new Set(entries(substitutionsNode).map((e) => e.key));
      for (const item of entries(resource.properties?.value)) {
        if (definitions.includes(item.key) && substitutions) walk(item.value, 1, substitutions);
        else if (!definitions.includes(item.key)) walk(item.value, 1);
      }
    }
    foreign = new Set();
    for (const output of model.outputs.values()) walk(output.value, 0);
  },
};
