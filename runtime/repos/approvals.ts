import { InputError } from '../common/errors';
import type { StateStore } from '../common/state';
import { branchMatches, type BranchRule } from './model';
import type { PullRequest, TemplateRule } from './pull-model';
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

/** CreateApprovalRuleTemplate: a new name only (ApprovalRuleTemplateNameAlreadyExistsException). */
export function createTemplate(store: StateStore, template: ApprovalTemplate): void {
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(template.name)) throw new InputError(`"${template.name}" is not a valid template name (letters, digits, '.', '_', '-')`);
  store.withLockSync('repo-approval-templates', () => {
    const templates = listTemplates(store);
    if (templates.some((t) => t.name === template.name)) throw new InputError(`an approval rule template named "${template.name}" already exists`);
    store.write([...templates, { ...template, repositories: [...new Set(template.repositories)] }], ...TEMPLATES);
  });
}

/** Read-modify-write of one template under the templates' lock; `change` returning undefined deletes it. */
export function changeTemplate(store: StateStore, name: string, change: (template: ApprovalTemplate) => ApprovalTemplate | undefined): void {
  store.withLockSync('repo-approval-templates', () => {
    const templates = listTemplates(store);
    const found = templates.find((t) => t.name === name);
    if (!found) throw new InputError(`no approval rule template named "${name}" (see: slipway pr template list)`);
    const next = change(found);
    store.write(next ? templates.map((t) => (t === found ? next : t)) : templates.filter((t) => t !== found), ...TEMPLATES);
  });
}

/**
 * Associating applies the template to pull requests created from now on; pull requests
 * already open keep the rules they have (CodeCommit User Guide, "Associate an approval
 * rule template with a repository").
 */
export function associateTemplate(store: StateStore, name: string, repositories: string[]): void {
  changeTemplate(store, name, (t) => ({ ...t, repositories: [...new Set([...t.repositories, ...repositories])] }));
}

/** Disassociating leaves the rules already created on pull requests in place. */
export function disassociateTemplate(store: StateStore, name: string, repositories: string[]): void {
  changeTemplate(store, name, (t) => {
    const missing = repositories.filter((r) => !t.repositories.includes(r));
    if (missing.length) throw new InputError(`approval rule template "${name}" is not associated with ${missing.join(', ')}`);
    return { ...t, repositories: t.repositories.filter((r) => !repositories.includes(r)) };
  });
}

/**
 * DeleteApprovalRuleTemplate: refused while the template is associated with any
 * repository (ApprovalRuleTemplateInUseException); rules it already created on pull
 * requests stay, since each pull request keeps its own copy.
 */
export function deleteTemplate(store: StateStore, name: string): void {
  changeTemplate(store, name, (t) => {
    if (t.repositories.length > 0) {
      throw new InputError(`approval rule template "${name}" is associated with ${t.repositories.join(', ')}; disassociate it first: slipway pr template disassociate ${name} ${t.repositories.map((r) => `--repository ${r}`).join(' ')}`);
    }
    return undefined;
  });
}

/** The rules a pull request into `destination` of `repository` gets from the templates associated now. */
export function templateRulesFor(templates: ApprovalTemplate[], repository: string, destination: string): TemplateRule[] {
  return templates
    .filter((t) => t.repositories.includes('*') || t.repositories.includes(repository))
    .filter((t) => t.branches.length === 0 || t.branches.some((b) => branchMatches(b, destination)))
    .map((t) => ({ template: t.name, approvals: t.approvals, approvers: t.approvers }));
}

/**
 * What a pull request needs before it can be merged: every branch rule covering its
 * destination and the rules it got from templates when it was created (records older
 * than that snapshot fall back to the templates as they are now). An approval counts only for the
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
    ...(pr.templateRules ?? templateRulesFor(templates, pr.repository, pr.destination)).map((t) => requirement(`template ${t.template}`, t.approvals, t.approvers)),
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
