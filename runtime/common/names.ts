import { InputError } from './errors';

/**
 * The one name rule of the local account: every record kind checks its name against
 * the pattern AWS documents for that resource, in the store that writes the record,
 * so the CLI, the extension, templates and API requests all meet the same check.
 * On top of each pattern, no name (or `/` segment of a hierarchical name) may be
 * `.`, `..` or empty, and none may hold a NUL: a name becomes part of a path.
 */
export type NameKind =
  | 'build project'
  | 'report group'
  | 'build'
  | 'stack'
  | 'change set'
  | 'application'
  | 'deployment group'
  | 'deployment config'
  | 'instance'
  | 'pipeline'
  | 'repository'
  | 'user'
  | 'parameter'
  | 'secret'
  | 'artifact'
  | 'artifact identifier';

interface NameRule {
  pattern: RegExp;
  /** What the pattern allows, for the one-line refusal. */
  allows: string;
  /** Names split on `/` whose segments are checked one by one (SSM, Secrets Manager). */
  hierarchical?: boolean;
  /** A further refusal the pattern cannot express. */
  refuse?: (name: string) => string | undefined;
}

const RULES: Record<NameKind, NameRule> = {
  // CodeBuild API reference, CreateProject: name, Pattern [A-Za-z0-9][A-Za-z0-9\-_]{1,254}.
  'build project': { pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{1,254}$/, allows: '2-255 letters, digits, - or _, starting with a letter or digit' },
  // CodeBuild API reference, CreateReportGroup: name, length 2-128 (the project pattern's characters keep it a file name).
  'report group': { pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{1,127}$/, allows: '2-128 letters, digits, - or _, starting with a letter or digit' },
  // CodeBuild build ids are PROJECT:UUID.
  build: { pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{1,254}:[A-Za-z0-9-]{1,64}$/, allows: 'PROJECT:ID' },
  // CloudFormation API reference, CreateStack: StackName, Pattern [a-zA-Z][-a-zA-Z0-9]*, at most 128.
  stack: { pattern: /^[A-Za-z][A-Za-z0-9-]{0,127}$/, allows: '1-128 letters, digits or hyphens, starting with a letter' },
  // CloudFormation API reference, CreateChangeSet: ChangeSetName, Pattern [a-zA-Z][-a-zA-Z0-9]*, 1-128.
  'change set': { pattern: /^[A-Za-z][A-Za-z0-9-]{0,127}$/, allows: '1-128 letters, digits or hyphens, starting with a letter' },
  // CodeDeploy API reference, CreateApplication / CreateDeploymentGroup / CreateDeploymentConfig /
  // RegisterOnPremisesInstance: 1-100 characters (the characters of the user guide's examples).
  application: { pattern: /^[A-Za-z0-9_.+=,@-]{1,100}$/, allows: '1-100 letters, digits or _.+=,@-' },
  'deployment group': { pattern: /^[A-Za-z0-9_.+=,@-]{1,100}$/, allows: '1-100 letters, digits or _.+=,@-' },
  'deployment config': { pattern: /^[A-Za-z0-9_.+=,@-]{1,100}$/, allows: '1-100 letters, digits or _.+=,@-' },
  instance: { pattern: /^[A-Za-z0-9_.+=,@-]{1,100}$/, allows: '1-100 letters, digits or _.+=,@-' },
  // CodePipeline API reference, PipelineDeclaration: name, Pattern [A-Za-z0-9.@\-_]+, 1-100.
  pipeline: { pattern: /^[A-Za-z0-9.@_-]{1,100}$/, allows: '1-100 letters, digits or . @ _ -' },
  // CodeCommit API reference, CreateRepository: repositoryName, Pattern [\w\.-]+, 1-100, not ending in .git.
  repository: {
    pattern: /^[A-Za-z0-9._-]{1,100}$/,
    allows: "1-100 letters, digits, '.', '_' or '-', not ending in \".git\"",
    refuse: (name) => (name.toLowerCase().endsWith('.git') ? 'ends in ".git"' : undefined),
  },
  // IAM API reference, CreateUser: UserName, Pattern [\w+=,.@-]+ (Slipway allows 128).
  user: { pattern: /^[A-Za-z0-9._@+=,-]{1,128}$/, allows: "1-128 letters, digits or '.', '_', '@', '+', '=', ',', '-'" },
  // Systems Manager API reference, PutParameter: Name, a-zA-Z0-9_.- and / between levels,
  // at most 15 levels, not prefixed with aws or ssm; 2048 characters.
  parameter: {
    pattern: /^[A-Za-z0-9_./-]{1,2048}$/,
    allows: "letters, digits, '_', '.', '-' and '/' between levels (at most 2048)",
    hierarchical: true,
    refuse: (name) => {
      if (/^\/?(aws|ssm)/i.test(name)) return 'starts with "aws" or "ssm", which AWS reserves';
      if (name.split('/').filter(Boolean).length > 15) return 'has more than 15 levels';
      return undefined;
    },
  },
  // Secrets Manager API reference, CreateSecret: Name, 1-512 of letters, digits and /_+=.@-.
  secret: { pattern: /^[A-Za-z0-9/_+=.@-]{1,512}$/, allows: "1-512 letters, digits or '/', '_', '+', '=', '.', '@', '-'", hierarchical: true },
  // CodeBuild artifacts.name (an S3 object name, so `/` makes levels) becomes a folder path.
  artifact: { pattern: /^[^\0-\x1f\\:*?"<>|]{1,255}$/, allows: '1-255 characters without control characters or \\:*?"<>|', hierarchical: true },
  // CodeBuild ProjectArtifacts.artifactIdentifier (the secondary-artifacts keys).
  'artifact identifier': { pattern: /^[A-Za-z0-9_]{1,128}$/, allows: '1-128 letters, digits or _' },
};

/** Why a name is refused, or undefined when it is valid for its kind. */
export function nameProblem(kind: NameKind, name: unknown): string | undefined {
  const rule = RULES[kind];
  if (typeof name !== 'string' || name === '') return `a ${kind} name is required`;
  if (name.includes('\0')) return `${kind} name contains a NUL character`;
  const segments = rule.hierarchical ? name.replace(/^\//, '').split('/') : [name];
  if (segments.some((s) => s === '.' || s === '..' || (rule.hierarchical && s === ''))) {
    return `${kind} name "${name}" is not allowed: "." and ".." ${rule.hierarchical ? 'segments' : 'names'}${rule.hierarchical ? ' and empty levels' : ''} would leave its folder`;
  }
  if (!rule.pattern.test(name)) return `${kind} name "${name}" is not valid: use ${rule.allows}`;
  const extra = rule.refuse?.(name);
  if (extra) return `${kind} name "${name}" is not valid: it ${extra}`;
  return undefined;
}

/** Returns the name, or throws a one-line InputError saying what the rule allows. */
export function checkName(kind: NameKind, name: unknown): string {
  const problem = nameProblem(kind, name);
  if (problem) throw new InputError(problem);
  return name as string;
}

export function isValidName(kind: NameKind, name: unknown): name is string {
  return nameProblem(kind, name) === undefined;
}

/**
 * One path segment of a record path: never empty, `.`, `..`, a separator or a NUL,
 * whatever name it came from. The state store checks every part with it.
 */
export function segmentProblem(part: string): string | undefined {
  if (typeof part !== 'string' || part === '' || part === '.' || part === '..') return `"${String(part)}" is not a file name`;
  if (/[/\\\0]/.test(part)) return `"${part}" holds a path separator`;
  return undefined;
}
