import type { Sealed } from '../common/kms';

/** Per-repository permission levels, each including the ones before it. */
export const LEVELS = ['read', 'write', 'admin'] as const;
export type Level = (typeof LEVELS)[number];

/** A branch rule: what a push to matching branches needs (CodeCommit's approval rules + branch-level permissions). */
export interface BranchRule {
  /** Branch name or glob (`main`, `release/*`). */
  branch: string;
  requirePullRequest: boolean;
  /** Approvals a pull request into the branch needs before it can be merged. */
  approvals: number;
  /** Only these users' approvals count (empty: anyone but the author). */
  approvers: string[];
  /** Users who may still push directly (empty: everyone when no pull request is required). */
  allowPush: string[];
}

export interface Trigger {
  name: string;
  url: string;
  /** HMAC key, sealed by the local KMS: never stored in clear. */
  secret: Sealed;
  events: TriggerEvent[];
  /** Branch globs; empty: all branches. */
  branches: string[];
  /** CodeCommit's customData: sent with every delivery. */
  customData?: string;
}

/**
 * CodeCommit's trigger events (API RepositoryTrigger: all, updateReference,
 * createReference, deleteReference), then Slipway's pull request events, which AWS
 * sends through notifications instead. `all` stands for every one of them.
 */
export const REFERENCE_EVENTS = ['updateReference', 'createReference', 'deleteReference'] as const;
export type ReferenceEvent = (typeof REFERENCE_EVENTS)[number];
export const TRIGGER_EVENTS = ['all', ...REFERENCE_EVENTS, 'pull_request', 'pull_request_comment', 'pull_request_approval', 'pull_request_merge'] as const;
export type TriggerEvent = (typeof TRIGGER_EVENTS)[number];

/** Names earlier versions stored: `push` fired on every reference change. */
export const LEGACY_TRIGGER_EVENTS: Record<string, TriggerEvent[]> = {
  push: [...REFERENCE_EVENTS],
  create_reference: ['createReference'],
  delete_reference: ['deleteReference'],
};

/** What Slipway keeps beside a bare repository (in `<NAME>.git/slipway.json`). */
export interface RepoMeta {
  name: string;
  /** CodeCommit's repository id (what `Ref` returns in a template). */
  id?: string;
  description: string;
  createdAt: string;
  createdBy: string;
  rules: BranchRule[];
  triggers: Trigger[];
  /** user → level; users with no grant have no access over HTTP/SSH (local file access is the file system's). */
  grants: Record<string, Level>;
}

export interface RepoInfo {
  name: string;
  id?: string;
  description: string;
  cloneUrl: string;
  path: string;
  createdAt: string;
  defaultBranch: string;
  branches: { name: string; commit: string; protected: boolean }[];
  tags: string[];
  rules: BranchRule[];
  triggers: { name: string; url: string; events: TriggerEvent[]; branches: string[] }[];
  grants: Record<string, Level>;
  pullRequests: { open: number; total: number };
}

/** What a repository's metadata (CodeCommit's RepositoryMetadata) needs of it: RepoInfo without its listings. */
export type RepoSummary = Pick<RepoInfo, 'name' | 'id' | 'description' | 'path' | 'createdAt' | 'defaultBranch'> & { hasBranches: boolean };

export function levelAllows(granted: Level | undefined, needed: Level): boolean {
  return granted !== undefined && LEVELS.indexOf(granted) >= LEVELS.indexOf(needed);
}

/** `release/*` style globs: `*` within one path segment, `**` across segments. */
export function branchMatches(pattern: string, branch: string): boolean {
  const source = pattern
    .split(/(\*\*|\*|\?)/)
    .map((part) => (part === '**' ? '.*' : part === '*' ? '[^/]*' : part === '?' ? '[^/]' : part.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`).test(branch);
}
