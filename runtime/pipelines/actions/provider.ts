import type { RecordedGroup } from '../../common/process';
import type { StateStore } from '../../common/state';
import type { ActionDeclaration, ActionTypeId } from '../model';
import type { ApprovalState } from '../engine/records';

/** An input artifact laid out on disk for the action (read-only: hard links into the store). */
export interface InputArtifact {
  name: string;
  dir: string;
  /** The content-addressed id, for providers that read single files. */
  id: string;
}

/** What one run of an action gets. */
export interface ActionJob {
  store: StateStore;
  pipelineName: string;
  executionId: string;
  stageName: string;
  action: ActionDeclaration;
  /** The configuration with every `#{}` reference substituted. */
  configuration: Record<string, string>;
  inputs: InputArtifact[];
  /** Empty folders, one per output artifact; whatever the action leaves there becomes the artifact. */
  outputs: { name: string; dir: string }[];
  /** A scratch folder for the action, removed afterwards. */
  workDir: string;
  /** The folder relative paths of the declaration resolve against. */
  baseDir: string;
  /** A revision fixed when the execution started (a push names its commit). */
  sourceRevision?: string;
  /** Every variable visible to this action, `Namespace.Name` → value, for command environments. */
  variables: Record<string, string>;
  /** Appends a line to the action's log. */
  log(line: string): void;
  /**
   * Updates the summary / link shown while the action runs; `processGroup` records a
   * spawned process group so that crash recovery can end it if this process dies.
   */
  progress(update: { summary?: string; externalUrl?: string; processGroup?: RecordedGroup }): void;
  /** Aborted when the execution is stopped with --abandon. */
  signal: AbortSignal;
}

export type ActionOutcome =
  | {
      status: 'Succeeded';
      summary?: string;
      externalUrl?: string;
      outputVariables?: Record<string, string>;
      /** A Source action's revision. */
      revision?: { revisionId: string; revisionSummary?: string };
    }
  | { status: 'Failed'; errorMessage: string; summary?: string; externalUrl?: string }
  /** The action waits for someone outside the engine (a manual approval). */
  | { status: 'Waiting'; approval: Omit<ApprovalState, 'decision'>; summary?: string; externalUrl?: string };

/**
 * How many input and output artifacts an action type takes, `[min, max]` each, as
 * https://docs.aws.amazon.com/codepipeline/latest/userguide/reference-action-artifacts.html lists them.
 */
export interface ArtifactRules {
  inputs: [number, number];
  outputs: [number, number];
}

/**
 * What the editor and the engine know of an action type: its configuration keys (AWS's
 * required and optional action properties), the output variables its namespace publishes
 * (`'any'` when they depend on the run: a build's exported variables, a stack's outputs)
 * and how many artifacts it takes.
 */
export interface ActionTypeInfo {
  category: string;
  owner: string;
  provider: string;
  description: string;
  /** Configuration keys that must be present. */
  required: string[];
  /** Further keys the type understands; anything else is refused when the pipeline is created. */
  optional: string[];
  /** Keys a configuration needs because of another key's value (CloudFormation's ChangeSetName for CHANGE_SET_REPLACE…). */
  requiredWhen?: (configuration: Record<string, string | undefined>) => string[];
  /** Keys whose value is one of a fixed list (CloudFormation's ActionMode). */
  values?: Record<string, string[]>;
  variables: string[] | 'any';
  artifacts?: ArtifactRules;
}

/** One action type (category/owner/provider) that the engine can run, with what it knows of it. */
export interface ActionProvider extends ActionTypeInfo {
  run(job: ActionJob): Promise<ActionOutcome>;
}

/** Every configuration key a type takes, required first. */
export function configurationKeys(type: ActionTypeInfo): string[] {
  return [...type.required, ...type.optional];
}

const providers: ActionProvider[] = [];

/** Action providers register here; runtime/plugins.ts imports each one. */
export function registerActionProvider(provider: ActionProvider): void {
  const existing = providers.findIndex((p) => sameType(p, provider));
  if (existing >= 0) providers.splice(existing, 1);
  providers.push(provider);
}

function sameType(a: { category: string; owner: string; provider: string }, b: { category: string; owner: string; provider: string }): boolean {
  return a.category === b.category && a.owner === b.owner && a.provider === b.provider;
}

export function actionProviderFor(type: ActionTypeId): ActionProvider | undefined {
  return providers.find((p) => sameType(p, type));
}

/** The registered providers, for the checks and the editor (which add the AWS types that run only in AWS). */
export function registeredActionProviders(): readonly ActionProvider[] {
  return providers;
}

export function describeType(type: ActionTypeId): string {
  return `${type.category}/${type.owner}/${type.provider}`;
}
