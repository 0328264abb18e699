import * as vscode from 'vscode';
import type { Thread } from '../../../runtime/repos/pull-model';
import type { PullRequestDetail } from '../../../runtime/repos/review';
import { gitUri, GIT_SCHEME, parseGitUri } from './git-content';

/** What identifies a review: "REPO#ID". */
export function reviewKey(repository: string, id: string): string {
  return `${repository}#${id}`;
}

class SlipwayComment implements vscode.Comment {
  readonly mode = vscode.CommentMode.Preview;
  readonly author: vscode.CommentAuthorInformation;
  readonly body: vscode.MarkdownString;
  readonly timestamp: Date;
  readonly label?: string;
  constructor(
    readonly commentId: string,
    author: string,
    body: string,
    time: string,
    label?: string,
  ) {
    this.author = { name: author };
    this.body = new vscode.MarkdownString(body);
    this.timestamp = new Date(time);
    this.label = label;
  }
}

/**
 * The review threads of open pull requests in VS Code's Comments API, placed on the
 * source side of the diff editors. The threads are rebuilt from the pull request's
 * history on every refresh, so what others wrote appears too.
 */
export class ReviewComments implements vscode.Disposable {
  readonly controller = vscode.comments.createCommentController('slipway-review', 'Slipway Review');
  private readonly threads = new Map<string, vscode.CommentThread[]>();
  /** vscode thread → (review key, Slipway thread id). */
  readonly owners = new WeakMap<vscode.CommentThread, { review: string; threadId: string }>();

  constructor(private readonly reviewOpen: (review: string) => boolean) {
    this.controller.options = { prompt: 'Add a review comment', placeHolder: 'Reply, or start a thread on this line (Markdown)' };
    this.controller.commentingRangeProvider = {
      provideCommentingRanges: (document) => {
        if (document.uri.scheme !== GIT_SCHEME) return [];
        const { side, review } = parseGitUri(document.uri);
        if (side !== 'source' || !this.reviewOpen(review)) return [];
        return [new vscode.Range(0, 0, Math.max(0, document.lineCount - 1), 0)];
      },
    };
  }

  show(gitDir: string, pr: PullRequestDetail): void {
    const review = reviewKey(pr.repository, pr.id);
    for (const thread of this.threads.get(review) ?? []) thread.dispose();
    const created: vscode.CommentThread[] = [];
    for (const thread of pr.threads) {
      if (!thread.file) continue;
      created.push(this.createThread(gitDir, pr, review, thread));
    }
    this.threads.set(review, created);
  }

  private createThread(gitDir: string, pr: PullRequestDetail, review: string, thread: Thread): vscode.CommentThread {
    const uri = gitUri(gitDir, pr.sourceCommit, thread.file!, 'source', review);
    const line = Math.max(0, (thread.line ?? 1) - 1);
    const outdated = thread.commit && thread.commit !== pr.sourceCommit ? 'on an earlier revision' : undefined;
    const comments = thread.comments.map((c) => new SlipwayComment(c.id, c.author, c.body, c.time, outdated));
    const vsThread = this.controller.createCommentThread(uri, new vscode.Range(line, 0, line, 0), comments);
    vsThread.label = `#${pr.id} ${thread.file}:${thread.line ?? 1}`;
    vsThread.state = thread.resolved ? vscode.CommentThreadState.Resolved : vscode.CommentThreadState.Unresolved;
    vsThread.contextValue = thread.resolved ? 'resolved' : 'open';
    vsThread.canReply = pr.status === 'OPEN' || !thread.resolved;
    vsThread.collapsibleState = thread.resolved ? vscode.CommentThreadCollapsibleState.Collapsed : vscode.CommentThreadCollapsibleState.Expanded;
    this.owners.set(vsThread, { review, threadId: thread.id });
    return vsThread;
  }

  forget(review: string): void {
    for (const thread of this.threads.get(review) ?? []) thread.dispose();
    this.threads.delete(review);
  }

  dispose(): void {
    for (const threads of this.threads.values()) for (const thread of threads) thread.dispose();
    this.controller.dispose();
  }
}
