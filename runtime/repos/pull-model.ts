/** One entry of a pull request's append-only history (a commit message under refs/slipway/pull-requests/<ID>). */
export type PullEvent = { author: string; time: string } & (
  | { type: 'created'; title: string; description: string; source: string; destination: string; sourceCommit: string; destinationCommit: string; approvalRules?: TemplateRule[] }
  | { type: 'edited'; title?: string; description?: string }
  | { type: 'comment'; commentId: string; inReplyTo?: string; body: string; file?: string; line?: number; commit?: string }
  | { type: 'resolve'; threadId: string; resolved: boolean }
  | { type: 'approve'; revision: string }
  | { type: 'revoke'; revision: string }
  | { type: 'closed' }
  /** Written only by earlier versions, which allowed reopening (CodeCommit does not: UpdatePullRequestStatus); still replayed. */
  | { type: 'reopened' }
  | { type: 'merged'; strategy: MergeStrategy; mergeCommit: string; sourceCommit: string; destinationCommit: string }
  | ({ type: 'rule'; action: 'create' | 'update' | 'delete' } & Omit<PullRule, 'created' | 'updated' | 'by'>)
);

/**
 * An approval rule of one pull request (CodeCommit's CreatePullRequestApprovalRule): how
 * many approvals, from whom (user-name globs; empty: anyone but the author), for which
 * destination branches (globs; empty: any), with the rule's content as it was given.
 */
export interface PullRule {
  id: string;
  name: string;
  content: string;
  approvals: number;
  approvers: string[];
  branches: string[];
  originTemplate?: string;
  created: string;
  updated: string;
  by: string;
}

export type PullEventInput = PullEvent extends infer E ? (E extends PullEvent ? Omit<E, 'author' | 'time'> : never) : never;

export const MERGE_STRATEGIES = ['fast-forward', 'squash', 'three-way'] as const;
export type MergeStrategy = (typeof MERGE_STRATEGIES)[number];

/**
 * An approval rule a pull request got, when it was created, from an approval rule template
 * associated with its repository. It belongs to the pull request from then on: changing,
 * disassociating or deleting the template does not touch it (CodeCommit User Guide,
 * "Working with approval rule templates"; API DeleteApprovalRuleTemplate).
 */
export interface TemplateRule {
  template: string;
  approvals: number;
  approvers: string[];
}

export interface Comment {
  id: string;
  author: string;
  time: string;
  body: string;
}

export interface Thread {
  id: string;
  file?: string;
  line?: number;
  /** The source commit the comment was made on (line numbers refer to it). */
  commit?: string;
  resolved: boolean;
  comments: Comment[];
}

export interface PullRequest {
  id: string;
  repository: string;
  title: string;
  description: string;
  author: string;
  createdAt: string;
  updatedAt: string;
  /** CodeCommit's pullRequestStatus: a merged pull request is CLOSED with isMerged. */
  status: 'OPEN' | 'CLOSED';
  isMerged: boolean;
  source: string;
  destination: string;
  /** The source branch's commit (live while open; the merged one once merged). */
  sourceCommit: string;
  destinationCommit: string;
  approvals: { user: string; revision: string; time: string }[];
  /** Rules from the templates associated when it was created; undefined in records written before templates were applied at creation. */
  templateRules?: TemplateRule[];
  threads: Thread[];
  merge?: { strategy: MergeStrategy; mergeCommit: string; by: string; time: string };
  rules: PullRule[];
  /** Where the history of this pull request ends (the compare-and-swap base for the next change). */
  head: string;
}

/** Replays a pull request's history into its current state. */
export function foldEvents(repository: string, id: string, head: string, events: PullEvent[]): PullRequest {
  const first = events[0];
  if (!first || first.type !== 'created') throw new Error(`pull request ${id} in ${repository} has a damaged history (it does not start with its creation)`);
  const pr: PullRequest = {
    id,
    repository,
    title: first.title,
    description: first.description,
    author: first.author,
    createdAt: first.time,
    updatedAt: first.time,
    status: 'OPEN',
    isMerged: false,
    source: first.source,
    destination: first.destination,
    sourceCommit: first.sourceCommit,
    destinationCommit: first.destinationCommit,
    approvals: [],
    templateRules: first.approvalRules,
    threads: [],
    rules: [],
    head,
  };
  const threadOf = new Map<string, Thread>();
  for (const event of events.slice(1)) {
    pr.updatedAt = event.time;
    switch (event.type) {
      case 'edited':
        if (event.title !== undefined) pr.title = event.title;
        if (event.description !== undefined) pr.description = event.description;
        break;
      case 'comment': {
        const comment = { id: event.commentId, author: event.author, time: event.time, body: event.body };
        const parent = event.inReplyTo ? threadOf.get(event.inReplyTo) : undefined;
        if (parent) {
          parent.comments.push(comment);
          threadOf.set(event.commentId, parent);
        } else {
          const thread: Thread = { id: event.commentId, file: event.file, line: event.line, commit: event.commit, resolved: false, comments: [comment] };
          pr.threads.push(thread);
          threadOf.set(event.commentId, thread);
        }
        break;
      }
      case 'resolve': {
        const thread = threadOf.get(event.threadId);
        if (thread) thread.resolved = event.resolved;
        break;
      }
      case 'approve':
        pr.approvals = pr.approvals.filter((a) => a.user !== event.author);
        pr.approvals.push({ user: event.author, revision: event.revision, time: event.time });
        break;
      case 'revoke':
        pr.approvals = pr.approvals.filter((a) => a.user !== event.author);
        break;
      case 'closed':
        pr.status = 'CLOSED';
        break;
      case 'reopened':
        pr.status = 'OPEN';
        break;
      case 'merged':
        pr.status = 'CLOSED';
        pr.isMerged = true;
        pr.sourceCommit = event.sourceCommit;
        pr.destinationCommit = event.destinationCommit;
        pr.merge = { strategy: event.strategy, mergeCommit: event.mergeCommit, by: event.author, time: event.time };
        break;
      case 'rule': {
        const { type: _type, action, author, time, ...rule } = event;
        const existing = pr.rules.find((r) => r.id === rule.id);
        pr.rules = pr.rules.filter((r) => r.id !== rule.id);
        if (action !== 'delete') pr.rules.push({ ...rule, created: existing?.created ?? time, updated: time, by: author });
        break;
      }
      case 'created':
        break;
    }
  }
  return pr;
}
