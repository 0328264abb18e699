import { associateTemplate, createTemplate, deleteTemplate, disassociateTemplate, listTemplates } from '../../repos/approvals';
import { currentUser } from '../../common/identity';
import { plural } from '../../common/text';
import { MergeRefusedError } from '../../repos/merge';
import { MERGE_STRATEGIES, type MergeStrategy } from '../../repos/pull-model';
import { approvePull, closePull, commentOn, createPull, describePullRequest, listPulls, mergePull, resolveThread, withChangedFiles, type PullRequestDetail } from '../../repos/review';
import { accountPullId } from '../../api/codecommit/pull-ids';
import { approvalStatesShape, evaluationShape, postedCommentShape, pullRequestShape, templateShape, threadShape } from '../../api/codecommit/shapes';
import { isoTime } from '../../api/operations';
import type { StateStore } from '../../common/state';
import { parse } from '../args';
import { EXIT, UsageError, printJson, printJsonError, type CliCommand, type CliContext } from '../context';

const USAGE = [
  'slipway pr create REPO --source BRANCH --destination BRANCH --title TEXT [--description TEXT] [--json]',
  '  | list REPO [--status OPEN|CLOSED] [--json] | describe REPO ID [--json]',
  '  | comment REPO ID --body TEXT [--file PATH --line N] [--reply-to COMMENT] | resolve REPO ID THREAD [--reopen]',
  '  | approve REPO ID | revoke REPO ID | merge REPO ID --strategy fast-forward|squash|three-way [--json] | close REPO ID',
  '  | template create NAME --approvals N [--approver USER]... [--branch PATTERN]... [--repository NAME|*]... | template list',
  '  | template associate NAME --repository NAME|*... | template disassociate NAME --repository NAME|*... | template delete NAME',
].join('\n');

const OPTIONS = {
  json: { type: 'boolean' },
  source: { type: 'string' },
  destination: { type: 'string' },
  title: { type: 'string' },
  description: { type: 'string' },
  status: { type: 'string' },
  body: { type: 'string' },
  file: { type: 'string' },
  line: { type: 'string' },
  'reply-to': { type: 'string' },
  reopen: { type: 'boolean' },
  strategy: { type: 'string' },
  approvals: { type: 'string' },
  approver: { type: 'string', multiple: true },
  branch: { type: 'string', multiple: true },
  repository: { type: 'string', multiple: true },
} as const;

function need(value: string | undefined, what: string): string {
  if (!value) throw new UsageError(`missing ${what}\nusage: ${USAGE}`);
  return value;
}

function summary(pr: PullRequestDetail): string {
  const approvals = pr.approvalRules.map((r) => `${r.approvedBy.length}/${r.approvals} ${r.source}`).join(', ');
  return `#${pr.id} ${pr.status} ${pr.source} → ${pr.destination}: ${pr.title}${approvals ? ` [${approvals}]` : ''}`;
}

function details(pr: PullRequestDetail): string {
  const lines = [summary(pr), `by ${pr.author} ${pr.createdAt}`, pr.description, ''];
  for (const file of pr.files ?? []) lines.push(`  ${file.status} ${file.oldPath ? `${file.oldPath} → ` : ''}${file.path}`);
  for (const thread of pr.threads) {
    lines.push(`thread ${thread.id}${thread.file ? ` on ${thread.file}${thread.line ? `:${thread.line}` : ''}` : ''}${thread.resolved ? ' (resolved)' : ''}`);
    for (const c of thread.comments) lines.push(`  ${c.author} (${c.id}): ${c.body}`);
  }
  return lines.join('\n');
}

/**
 * A pull request's `--json` document: CodeCommit's GetPullRequest response (account-wide
 * pullRequestId, times as ISO text like the AWS CLI prints them). Under `slipway`: the
 * number this CLI's verbs take, whether it would merge, and its approval states, rule
 * evaluation and comments in the shapes of GetPullRequestApprovalStates,
 * EvaluatePullRequestApprovalRules and GetCommentsForPullRequest.
 */
export async function pullRequestDocument(store: StateStore, pr: PullRequestDetail) {
  // Created or changed records carry no changed files: the document lists them.
  const detail = await withChangedFiles(store, pr);
  const id = accountPullId(store, detail.repository, detail.id);
  return {
    pullRequest: {
      ...pullRequestShape(detail, id, isoTime),
      slipway: {
        number: detail.id,
        mergeable: detail.mergeable,
        conflicts: detail.conflicts,
        files: detail.files ?? [],
        approvals: approvalStatesShape(detail, id),
        evaluation: evaluationShape(detail),
        commentsForPullRequestData: detail.threads.map((t) => ({ ...threadShape(detail, id, t, isoTime), slipway: { threadId: t.id, resolved: t.resolved } })),
      },
    },
  };
}

/** What PostCommentForPullRequest (a new thread) or PostCommentReply answers. */
async function commentDocument(store: StateStore, pr: PullRequestDetail, commentId: string) {
  const detail = await withChangedFiles(store, pr);
  const thread = detail.threads.find((t) => t.comments.some((c) => c.id === commentId))!;
  return postedCommentShape(detail, accountPullId(store, detail.repository, detail.id), thread, commentId, isoTime);
}

export const prCommand: CliCommand = {
  name: 'pr',
  summary: 'pull requests on hosted repositories: review threads, approvals, approval rule templates, merges',
  usage: USAGE,
  async run(argv: string[], ctx: CliContext): Promise<number> {
    const [verb, ...rest] = argv;
    const { values, positionals } = parse(rest, OPTIONS, `pr ${verb ?? ''}`.trim());
    const store = ctx.store();
    const user = await currentUser(ctx.cwd);
    const out = (value: unknown, text: string) => (values.json ? printJson(ctx, value) : ctx.io.stdout(text + '\n'));
    const [repo, id] = positionals;
    if (verb === 'template') return templateVerb(positionals, values, ctx);
    need(repo, 'REPO');
    switch (verb) {
      case 'create': {
        const pr = await createPull(store, repo, user, { source: need(values.source, '--source BRANCH'), destination: need(values.destination, '--destination BRANCH'), title: need(values.title, '--title TEXT'), description: values.description });
        out(await pullRequestDocument(store, pr), `created ${summary(pr)}`);
        return EXIT.ok;
      }
      case 'list': {
        const prs = await listPulls(store, repo, values.status);
        // ListPullRequests: account-wide ids, newest first; the numbers this CLI takes beside them.
        const ids = prs.map((p) => ({ pullRequestId: accountPullId(store, repo, p.id), number: p.id })).reverse();
        out({ pullRequestIds: ids.map((p) => p.pullRequestId), slipway: { pullRequests: ids } }, prs.map(summary).join('\n') || 'no pull requests');
        return EXIT.ok;
      }
      case 'describe': {
        const pr = await describePullRequest(store, repo, need(id, 'ID'));
        out(await pullRequestDocument(store, pr), details(pr));
        return EXIT.ok;
      }
      case 'comment': {
        const line = values.line === undefined ? undefined : Number(values.line);
        const { pr, commentId } = await commentOn(store, repo, need(id, 'ID'), user, { body: need(values.body, '--body TEXT'), file: values.file, line, inReplyTo: values['reply-to'] });
        out(await commentDocument(store, pr, commentId), `comment ${commentId} added to #${pr.id}`);
        return EXIT.ok;
      }
      case 'resolve': {
        const pr = await resolveThread(store, repo, need(id, 'ID'), user, need(positionals[2], 'THREAD'), !values.reopen);
        out(await pullRequestDocument(store, pr), `thread ${positionals[2]} ${values.reopen ? 'reopened' : 'resolved'}`);
        return EXIT.ok;
      }
      case 'approve':
      case 'revoke': {
        const pr = await approvePull(store, repo, need(id, 'ID'), user, verb === 'approve');
        out(await pullRequestDocument(store, pr), `${user} ${verb === 'approve' ? 'approved' : 'revoked their approval of'} ${summary(pr)}`);
        return EXIT.ok;
      }
      case 'close': {
        const pr = await closePull(store, repo, need(id, 'ID'), user);
        out(await pullRequestDocument(store, pr), summary(pr));
        return EXIT.ok;
      }
      case 'merge': {
        const strategy = need(values.strategy, '--strategy fast-forward|squash|three-way') as MergeStrategy;
        if (!MERGE_STRATEGIES.includes(strategy)) throw new UsageError(`--strategy must be ${MERGE_STRATEGIES.join(', ')}, not "${strategy}"`);
        try {
          const pr = await mergePull(store, repo, need(id, 'ID'), user, strategy);
          out(await pullRequestDocument(store, pr), `merged #${pr.id} into ${pr.destination} (${strategy}): ${pr.merge?.mergeCommit}`);
          return EXIT.ok;
        } catch (error) {
          if (!(error instanceof MergeRefusedError)) throw error;
          if (values.json) printJsonError(ctx, error.code, error.message, error.conflicts.length ? { conflicts: error.conflicts } : undefined);
          ctx.io.stderr(`slipway pr merge: refused: ${error.message}\n`);
          return EXIT.failed;
        }
      }
      default:
        throw new UsageError(`usage: ${USAGE}`);
    }
  },
};

type Values = ReturnType<typeof parse<typeof OPTIONS>>['values'];

function templateVerb(positionals: string[], values: Values, ctx: CliContext): number {
  const [action, name] = positionals;
  const store = ctx.store();
  const out = (value: unknown, text: string) => (values.json ? printJson(ctx, value) : ctx.io.stdout(text + '\n'));
  switch (action) {
    case 'create': {
      const approvals = Number(need(values.approvals, '--approvals N'));
      if (!Number.isInteger(approvals) || approvals < 1) throw new UsageError(`--approvals must be a whole number from 1, not "${values.approvals}"`);
      const template = { name: need(name, 'NAME'), description: values.description ?? '', branches: values.branch ?? [], approvals, approvers: values.approver ?? [], repositories: values.repository ?? [] };
      createTemplate(store, template);
      const created = listTemplates(store).find((t) => t.name === template.name)!;
      const where = template.repositories.length ? `associated with ${template.repositories.join(', ')}` : `associated with no repository yet: slipway pr template associate ${template.name} --repository NAME`;
      // CreateApprovalRuleTemplate's answer; the repositories it was associated with at once beside it.
      out({ approvalRuleTemplate: { ...templateShape(created, isoTime), slipway: { associatedRepositoryNames: created.repositories } } }, `approval rule template ${template.name} created (${where})`);
      return EXIT.ok;
    }
    case 'associate':
    case 'disassociate': {
      const repositories = values.repository ?? [];
      if (repositories.length === 0) throw new UsageError(`missing --repository NAME\nusage: ${USAGE}`);
      (action === 'associate' ? associateTemplate : disassociateTemplate)(store, need(name, 'NAME'), repositories);
      // BatchAssociate/BatchDisassociateApprovalRuleTemplate…Repositories' answer (all or nothing here: a refusal exits 2).
      out({ [action === 'associate' ? 'associatedRepositoryNames' : 'disassociatedRepositoryNames']: repositories, errors: [] }, `${action}d approval rule template ${name} ${action === 'associate' ? 'with' : 'from'} ${repositories.join(', ')}`);
      return EXIT.ok;
    }
    case 'list': {
      const templates = listTemplates(store);
      out({ approvalRuleTemplateNames: templates.map((t) => t.name).sort(), slipway: { approvalRuleTemplates: templates.map((t) => ({ ...templateShape(t, isoTime), slipway: { associatedRepositoryNames: t.repositories } })) } }, templates.map((t) => `${t.name}\t${plural(t.approvals, 'approval')}\t${t.repositories.join(',')}\t${t.branches.join(',') || 'all branches'}`).join('\n') || 'no templates');
      return EXIT.ok;
    }
    case 'delete': {
      const template = listTemplates(store).find((t) => t.name === need(name, 'NAME'));
      deleteTemplate(store, name);
      // DeleteApprovalRuleTemplate's answer (deleteTemplate refused an unknown name).
      out({ approvalRuleTemplateId: templateShape(template!).approvalRuleTemplateId }, `deleted template ${name}`);
      return EXIT.ok;
    }
    default:
      throw new UsageError(`usage: ${USAGE}`);
  }
}
