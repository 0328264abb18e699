import { InputError } from '../common/errors';
import type { StateStore } from '../common/state';
import { branchMatches, type BranchRule } from './model';
import type { PullRequest } from './pull-model';
import { rulesFor } from './rules';

/** CodeCommit's approval rule template: associated with some repositories, or with every one ("*"). */
export interface ApprovalTemplate {
  name: string;
  description: string;
  /** Destination branch globs; empty: every branch. */
  branches: string[];
  approvals: number;
  approvers: string[];
  repositories: string[];
  /** CodeCommit's template id and its rule content as given (ApprovalRuleTemplate), when made through the API. */
  id?: string;
  content?: string;
  created?: string;
  updated?: string;
  by?: string;
}

export interface ApprovalRequirement {
  /** "rule main" or "template team-review". */
  source: string;
  approvals: number;
  approvers: string[];
  approvedBy: string[];
  satisfied: boolean;
}

const TEMPLATES = ['repos', 'approval-rule-templates.json'] as const;

export function listTemplates(store: StateStore): ApprovalTemplate[] {
  return store.read<ApprovalTemplate[]>(...TEMPLATES) ?? [];
}

export function putTemplate(store: StateStore, template: ApprovalTemplate): void {
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(template.name)) throw new InputError(`"${template.name}" is not a valid template name (letters, digits, '.', '_', '-')`);
  store.withLockSync('repo-approval-templates', () => {
    store.write([...listTemplates(store).filter((t) => t.name !== template.name), template], ...TEMPLATES);
  });
}

export function deleteTemplate(store: StateStore, name: string): void {
  store.withLockSync('repo-approval-templates', () => {
    const templates = listTemplates(store);
    if (!templates.some((t) => t.name === name)) throw new InputError(`no approval rule template named "${name}"`);
    store.write(templates.filter((t) => t.name !== name), ...TEMPLATES);
  });
}

/**
 * What a pull request needs before it can be merged: every branch rule and every
 * associated template covering its destination. An approval counts only for the
 * revision it was given on (a new push to the source asks for new approvals) and
 * never from the author.
 */
export function approvalState(pr: PullRequest, rules: BranchRule[], templates: ApprovalTemplate[]): { requirements: ApprovalRequirement[]; satisfied: boolean } {
  const current = pr.approvals.filter((a) => a.revision === pr.sourceCommit && a.user !== pr.author).map((a) => a.user);
  const requirement = (source: string, approvals: number, approvers: string[]): ApprovalRequirement => {
    const approvedBy = current.filter((user) => approvers.length === 0 || approvers.some((pattern) => branchMatches(pattern, user)));
    return { source, approvals, approvers, approvedBy, satisfied: approvedBy.length >= approvals };
  };
  const requirements = [
    ...rulesFor(rules, pr.destination)
      .filter((rule) => rule.approvals > 0)
      .map((rule) => requirement(`rule ${rule.branch}`, rule.approvals, rule.approvers)),
    ...templates
      .filter((t) => t.repositories.includes('*') || t.repositories.includes(pr.repository))
      .filter((t) => t.branches.length === 0 || t.branches.some((b) => branchMatches(b, pr.destination)))
      .map((t) => requirement(`template ${t.name}`, t.approvals, t.approvers)),
    ...(pr.rules ?? [])
      .filter((r) => r.branches.length === 0 || r.branches.some((b) => branchMatches(b, pr.destination)))
      .map((r) => requirement(`pull request rule ${r.name}`, r.approvals, r.approvers)),
  ];
  return { requirements, satisfied: requirements.every((r) => r.satisfied) };
}

export function describeUnmet(pr: PullRequest, requirements: ApprovalRequirement[]): string {
  return requirements
    .filter((r) => !r.satisfied)
    .map((r) => `${pr.destination} needs ${r.approvals} approval${r.approvals === 1 ? '' : 's'}${r.approvers.length ? ` from ${r.approvers.join(', ')}` : ''} (${r.source}; has ${r.approvedBy.length}${r.approvedBy.length ? `: ${r.approvedBy.join(', ')}` : ''})`)
    .join('; ');
}
