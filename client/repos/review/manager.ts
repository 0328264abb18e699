import * as vscode from 'vscode';
import type { ReviewAction } from '../../../protocol/review';
import { currentUser } from '../../../runtime/common/identity';
import { MergeRefusedError } from '../../../runtime/repos/merge';
// Merges from the editor start what watches the branch (pipelines), as pushes do.
import { MERGE_STRATEGIES, type MergeStrategy } from '../../../runtime/repos/pull-model';
import { approvePull, closePull, commentOn, describePullRequest, mergePull, resolveThread, type PullRequestDetail } from '../../../runtime/repos/review';
import { repoPath } from '../../../runtime/repos/store';
import type { Ctx } from '../../ctx';
import { requireTrust } from '../../trust';
import { ReviewComments, reviewKey } from './comments';
import { gitUri, GIT_SCHEME, parseGitUri } from './git-content';
import { ReviewPanel, reviewState } from './panel';

interface Session {
  repository: string;
  id: string;
  pr?: PullRequestDetail;
  panel?: ReviewPanel;
  error?: string;
}

const managers = new WeakMap<Ctx, ReviewManager>();

/** The review machinery (diff content, comment threads, description pages), created on first use. */
export function reviewManager(ctx: Ctx): ReviewManager {
  let manager = managers.get(ctx);
  if (!manager) {
    manager = new ReviewManager(ctx);
    managers.set(ctx, manager);
    ctx.extension.subscriptions.push(manager);
  }
  return manager;
}

export class ReviewManager implements vscode.Disposable {
  private readonly sessions = new Map<string, Session>();
  private readonly comments = new ReviewComments((review) => this.sessions.has(review));
  private readonly disposables: vscode.Disposable[] = [this.comments];

  constructor(private readonly ctx: Ctx) {
    this.disposables.push(
      // Others' comments, approvals and merges land in the repository's refs: reload on change.
      ctx.onDidChangeState(() => void this.refreshAll()),
    );
  }

  private user(): string {
    return currentUser(this.ctx.workspaceRoot);
  }

  private session(repository: string, id: string): Session {
    const key = reviewKey(repository, id);
    let session = this.sessions.get(key);
    if (!session) {
      session = { repository, id };
      this.sessions.set(key, session);
    }
    return session;
  }

  private async load(session: Session): Promise<PullRequestDetail> {
    const store = this.ctx.store();
    session.pr = await describePullRequest(store, session.repository, session.id);
    this.comments.show(repoPath(store, session.repository), session.pr);
    session.panel?.update(reviewState(session.pr, await this.user(), session.error));
    return session.pr;
  }

  async refreshAll(): Promise<void> {
    for (const session of this.sessions.values()) {
      try {
        await this.load(session);
      } catch (error) {
        this.ctx.log.warn(`review ${session.repository}#${session.id}: ${(error as Error).message}`);
      }
    }
  }

  /** Opens the description page (and the pull request's comment threads). */
  async open(repository: string, id: string): Promise<PullRequestDetail> {
    const session = this.session(repository, id);
    if (!session.panel) {
      session.panel = new ReviewPanel(
        this.ctx.extension.extensionUri,
        `#${id}`,
        (message) => void this.act(session, message),
        () => {
          session.panel = undefined;
        },
      );
    } else session.panel.reveal();
    return this.load(session);
  }

  /** The diff editor between the merge base and the source for one changed file. */
  async openFile(repository: string, id: string, file: string): Promise<void> {
    const session = this.session(repository, id);
    const pr = session.pr ?? (await this.load(session));
    const changed = pr.files?.find((f) => f.path === file);
    const gitDir = repoPath(this.ctx.store(), repository);
    const review = reviewKey(repository, id);
    const left = gitUri(gitDir, pr.mergeBase ?? pr.destinationCommit, changed?.oldPath ?? file, 'base', review);
    const right = gitUri(gitDir, pr.sourceCommit, file, 'source', review);
    await vscode.commands.executeCommand('vscode.diff', left, right, `${file} (#${id}: ${pr.destination} ↔ ${pr.source})`, { preview: true });
  }

  private async act(session: Session, message: ReviewAction): Promise<void> {
    const store = this.ctx.store();
    const user = await this.user();
    session.error = undefined;
    try {
      switch (message.action) {
        case 'approve':
        case 'revoke':
          await approvePull(store, session.repository, session.id, user, message.action === 'approve');
          break;
        case 'merge':
          await this.merge(session.repository, session.id, pageStrategy(message.args.strategy));
          break;
        case 'close':
          await closePull(store, session.repository, session.id, user);
          break;
        case 'openFile':
          await this.openFile(session.repository, session.id, String(message.args.path ?? ''));
          return;
        case 'refresh':
          break;
      }
    } catch (error) {
      session.error = (error as Error).message;
    }
    await this.load(session);
    this.ctx.refresh();
  }

  /** Merges (pushes notifiers and triggers run: pipelines may start), so it needs trust. */
  async merge(repository: string, id: string, strategy: MergeStrategy): Promise<PullRequestDetail | undefined> {
    if (!requireTrust('Merging a pull request (it starts the pipelines watching the branch)')) return undefined;
    try {
      const pr = await mergePull(this.ctx.store(), repository, id, await this.user(), strategy);
      void vscode.window.showInformationMessage(`Slipway: merged #${id} into ${pr.destination} (${strategy}).`);
      return pr;
    } catch (error) {
      if (error instanceof MergeRefusedError) throw new Error(`Merge refused: ${error.message}`);
      throw error;
    }
  }

  // --- Comments API handlers ------------------------------------------------

  async createComment(reply: vscode.CommentReply): Promise<void> {
    const { review, file } = parseGitUri(reply.thread.uri);
    const session = this.sessions.get(review);
    if (!session) return;
    const line = (reply.thread.range?.start.line ?? 0) + 1;
    try {
      await commentOn(this.ctx.store(), session.repository, session.id, await this.user(), { body: reply.text, file, line });
    } finally {
      reply.thread.dispose();
    }
    await this.load(session);
  }

  async reply(reply: vscode.CommentReply): Promise<void> {
    const owner = this.comments.owners.get(reply.thread);
    if (!owner) return this.createComment(reply);
    const session = this.sessions.get(owner.review)!;
    await commentOn(this.ctx.store(), session.repository, session.id, await this.user(), { body: reply.text, inReplyTo: owner.threadId });
    await this.load(session);
  }

  async resolve(thread: vscode.CommentThread, resolved: boolean): Promise<void> {
    const owner = this.comments.owners.get(thread);
    if (!owner) return;
    const session = this.sessions.get(owner.review)!;
    await resolveThread(this.ctx.store(), session.repository, session.id, await this.user(), owner.threadId, resolved);
    await this.load(session);
  }

  /** The session of the active review editor or page, for commands run from the palette. */
  current(): Session | undefined {
    const uri = vscode.window.activeTextEditor?.document.uri;
    if (uri?.scheme === GIT_SCHEME) return this.sessions.get(parseGitUri(uri).review);
    return [...this.sessions.values()].find((s) => s.panel) ?? undefined;
  }

  dispose(): void {
    for (const session of this.sessions.values()) session.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

/** The merge strategy the page sent: the page is ours, but its messages are still checked. */
function pageStrategy(strategy: unknown): MergeStrategy {
  const known = MERGE_STRATEGIES.find((s) => s === (strategy || 'three-way'));
  if (!known) throw new Error(`the review page sent an unknown merge strategy ${JSON.stringify(strategy)}; expected one of ${MERGE_STRATEGIES.join(', ')}`);
  return known;
}
