export { cidr } from './cidr';
export type { EvalContext, ResourceResolver } from './context';
export { resolveDynamicReferences, secureReferenceRefusal } from './dynamic-references';
export { TemplateEvalError } from './errors';
export { NO_VALUE, evaluate, evaluateCondition } from './intrinsics';
export { NO_ECHO_MASK, displayValue, isListType, isNoEcho, resolveParameters, type ParameterDeclaration, type ResolvedParameter } from './parameters';
export { availabilityZones, pseudoValues, stackArn, type PseudoValues } from './pseudo';
export {
  evaluateOutputs,
  importedNames,
  prepareTemplate,
  resourceProperties,
  type EvaluatedTemplate,
  type EvaluationInput,
  type OutputDeclaration,
  type OutputValue,
  type ResourceDeclaration,
  type TemplateBody,
} from './template';
export { Unresolved, findUnresolved } from './unresolved';
