import type { ParameterDeclaration, ResolvedParameter } from './parameters';
import type { PseudoValues } from './pseudo';

/** How `Ref` and `Fn::GetAtt` on resources are answered (the stack engine supplies it). */
export interface ResourceResolver {
  /** Throws when the resource has no value yet; may return an `Unresolved`. */
  ref(logicalId: string): unknown;
  getAtt(logicalId: string, attribute: string): unknown;
}

export interface EvalContext {
  parameters: Record<string, ResolvedParameter>;
  parameterDeclarations: Record<string, ParameterDeclaration>;
  mappings: Record<string, Record<string, Record<string, unknown>>>;
  /** The template's condition declarations, evaluated on demand (and cached in `conditionValues`). */
  conditions: Record<string, unknown>;
  conditionValues: Map<string, boolean>;
  pseudo: PseudoValues;
  /** Logical ids of the resources that exist in this evaluation (conditions applied). */
  resources: Set<string>;
  /** Logical ids declared in the template, whatever their condition. */
  declaredResources: Set<string>;
  resolver?: ResourceResolver;
  /** Fn::ImportValue: the value of another stack's export. */
  importValue?(name: string): string;
  /** True when the template declares `Transform: AWS::LanguageExtensions`. */
  languageExtensions: boolean;
}
