import { plural } from '../common/text';
import { branchOf, type RefUpdate } from './events';
import { branchMatches, type BranchRule } from './model';

export interface Refusal {
  ref: string;
  rule?: string;
  /** CodeCommit's exception name when it has one for this refusal (else the API answers AccessDeniedException). */
  code?: string;
  message: string;
}

export function rulesFor(rules: BranchRule[], branch: string): BranchRule[] {
  return rules.filter((rule) => branchMatches(rule.branch, branch));
}

export function isProtected(rules: BranchRule[], branch: string): boolean {
  return rulesFor(rules, branch).some((rule) => rule.requirePullRequest || rule.allowPush.length > 0);
}

/** One line a pusher can act on: which rule, and what to do instead. */
function refusalFor(rule: BranchRule, branch: string, update: RefUpdate, repo: string): string | undefined {
  const named = rule.branch === branch ? '' : ` (rule "${rule.branch}")`;
  if (update.kind === 'delete') return `${branch} is protected${named} and cannot be deleted; ask a repository admin to remove the rule first (slipway repo rule remove ${repo} --branch ${rule.branch})`;
  if (rule.requirePullRequest) {
    const approvals = rule.approvals > 0 ? ` with ${plural(rule.approvals, 'approval')}` : '';
    return `${branch} requires a pull request${approvals}${named}: push your commits to another branch and run: slipway pr create ${repo} --source <your-branch> --destination ${branch} --title "…"`;
  }
  return `${branch} accepts direct pushes only from ${rule.allowPush.join(', ')}${named}: push to another branch and open a pull request (slipway pr create ${repo} …)`;
}

/** The branch rules' verdict on a push: one refusal per rule broken (empty: allowed). */
export function checkPush(rules: BranchRule[], repo: string, user: string, updates: RefUpdate[]): Refusal[] {
  const refusals: Refusal[] = [];
  for (const update of updates) {
    if (update.ref.startsWith('refs/slipway/')) {
      refusals.push({ ref: update.ref, message: `${update.ref} holds pull requests and reviews, which only slipway pr commands change` });
      continue;
    }
    const branch = branchOf(update.ref);
    if (branch === undefined) continue;
    for (const rule of rulesFor(rules, branch)) {
      if (rule.allowPush.includes(user)) continue;
      // A rule with only approval requirements governs pull requests, not pushes.
      if (!rule.requirePullRequest && rule.allowPush.length === 0) continue;
      const message = refusalFor(rule, branch, update, repo);
      if (message) refusals.push({ ref: update.ref, rule: rule.branch, message });
    }
  }
  return refusals;
}
