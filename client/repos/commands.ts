import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { git, gitResult } from '../../runtime/repos/git';
import { currentUser } from '../../runtime/repos/identity';
import { MERGE_STRATEGIES, type MergeStrategy } from '../../runtime/repos/pull-model';
import { createRepo, describeRepo } from '../../runtime/repos/repos';
import { approvePull, createPull } from '../../runtime/repos/review';
import { listRepoNames, repoPath } from '../../runtime/repos/store';
import type { Ctx } from '../ctx';
import { reviewManager } from './review/manager';
import { requireTrust } from '../trust';

/** What tree rows hand to commands (Node.data). */
type Target = { data?: { repository?: string; id?: string; path?: string; cloneUrl?: string } } | undefined;

async function pickRepository(ctx: Ctx, target: Target): Promise<string | undefined> {
  if (target?.data?.repository) return target.data.repository;
  const names = listRepoNames(ctx.store());
  if (names.length === 0) {
    void vscode.window.showWarningMessage('Slipway: no hosted repositories yet. Create one first.');
    return undefined;
  }
  return vscode.window.showQuickPick(names, { placeHolder: 'Hosted repository' });
}

function report(ctx: Ctx, error: unknown): void {
  const message = (error as Error).message;
  ctx.log.error(message);
  void vscode.window.showErrorMessage(`Slipway: ${message}`);
}

/** The workspace's remote pointing at a hosted repository of this state home: its name and the repository. */
async function workspaceRemote(ctx: Ctx): Promise<{ root: string; remote: string; repository: string } | undefined> {
  const root = ctx.workspaceRoot;
  if (!root) return undefined;
  const { code, stdout } = await gitResult(['config', '--get-regexp', '^remote\\..*\\.url$'], { cwd: root, okCodes: [1, 128] });
  if (code !== 0) return undefined;
  const store = ctx.store();
  const names = listRepoNames(store);
  for (const line of stdout.split('\n').filter(Boolean)) {
    const [key, url] = line.split(' ');
    const remote = key.slice('remote.'.length, -'.url'.length);
    const local = names.find((name) => !/^[a-z]+:\/\//.test(url) && path.resolve(root, url) === repoPath(store, name));
    const served = names.find((name) => /^https?:\/\//.test(url) && new RegExp(`/${name.replace(/\./g, '\\.')}(\\.git)?/?$`).test(url));
    if (local ?? served) return { root, remote, repository: (local ?? served)! };
  }
  return undefined;
}

async function needRemote(ctx: Ctx): Promise<{ root: string; remote: string; repository: string } | undefined> {
  const found = await workspaceRemote(ctx);
  if (!found) void vscode.window.showWarningMessage('Slipway: this workspace has no git remote pointing at a hosted repository. Clone one from the Repositories view, or add a remote with its clone URL.');
  return found;
}

function createRepository(ctx: Ctx) {
  return async () => {
    const name = await vscode.window.showInputBox({
      prompt: 'Repository name',
      placeHolder: 'my-service',
      validateInput: (value) => (/^[A-Za-z0-9._-]{1,100}$/.test(value) && !value.endsWith('.git') ? undefined : "Letters, digits, '.', '_' or '-', not ending in .git"),
    });
    if (!name) return undefined;
    const description = await vscode.window.showInputBox({ prompt: 'Description (optional)' });
    try {
      const info = await createRepo(ctx.store(), name, { description: description ?? '', user: await currentUser(ctx.workspaceRoot) });
      ctx.refresh();
      const choice = await vscode.window.showInformationMessage(`Slipway: created ${name}. Clone URL: ${info.cloneUrl}`, 'Clone', 'Copy Clone URL');
      if (choice === 'Clone') await vscode.commands.executeCommand('slipway.repo.clone', { data: { repository: name } });
      if (choice === 'Copy Clone URL') await vscode.env.clipboard.writeText(info.cloneUrl);
      return info;
    } catch (error) {
      report(ctx, error);
      return undefined;
    }
  };
}

function cloneRepository(ctx: Ctx) {
  return async (target: Target) => {
    const name = await pickRepository(ctx, target);
    if (!name) return undefined;
    const parent = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: `Clone ${name} here` });
    if (!parent?.[0]) return undefined;
    const destination = path.join(parent[0].fsPath, name);
    if (fs.existsSync(destination)) return report(ctx, new Error(`${destination} already exists`));
    try {
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Cloning ${name}` }, () => git(['clone', repoPath(ctx.store(), name), destination]));
    } catch (error) {
      return report(ctx, error);
    }
    const choice = await vscode.window.showInformationMessage(`Slipway: cloned ${name} into ${destination}.`, 'Open', 'Add to Workspace');
    const uri = vscode.Uri.file(destination);
    if (choice === 'Open') await vscode.commands.executeCommand('vscode.openFolder', uri);
    if (choice === 'Add to Workspace') vscode.workspace.updateWorkspaceFolders(vscode.workspace.workspaceFolders?.length ?? 0, 0, { uri });
    return destination;
  };
}

function pushBranch(ctx: Ctx) {
  return async () => {
    // Pushing runs the workspace's own git hooks.
    if (!requireTrust('Pushing the current branch')) return undefined;
    const found = await needRemote(ctx);
    if (!found) return undefined;
    const branch = (await git(['rev-parse', '--abbrev-ref', 'HEAD'], { cwd: found.root })).trim();
    const result = await gitResult(['push', '--set-upstream', found.remote, 'HEAD'], { cwd: found.root, okCodes: [1] });
    ctx.refresh();
    if (result.code !== 0) {
      const refusal = result.stderr.split('\n').find((l) => l.includes('slipway:'))?.replace(/^remote:\s*slipway:\s*/, '').trim();
      void vscode.window.showErrorMessage(`Slipway: push of ${branch} refused: ${refusal ?? result.stderr.trim().split('\n').pop()}`);
      return false;
    }
    void vscode.window.showInformationMessage(`Slipway: pushed ${branch} to ${found.repository}.`);
    return true;
  };
}

function createPullRequest(ctx: Ctx) {
  return async (target: Target) => {
    const found = await workspaceRemote(ctx);
    const repository = found?.repository ?? (await pickRepository(ctx, target));
    if (!repository) return undefined;
    const info = await describeRepo(ctx.store(), repository);
    let source: string | undefined;
    let title = '';
    if (found) {
      source = (await git(['rev-parse', '--abbrev-ref', 'HEAD'], { cwd: found.root })).trim();
      title = (await git(['log', '-1', '--format=%s'], { cwd: found.root })).trim();
      const local = (await git(['rev-parse', 'HEAD'], { cwd: found.root })).trim();
      const hosted = info.branches.find((b) => b.name === source)?.commit;
      if (hosted !== local) {
        const push = await vscode.window.showWarningMessage(`${source} is not pushed to ${repository} as it is locally.`, 'Push and Continue', 'Use Pushed Branch');
        if (!push) return undefined;
        if (push === 'Push and Continue' && !(await vscode.commands.executeCommand('slipway.repo.pushBranch'))) return undefined;
      }
    } else {
      source = await vscode.window.showQuickPick(info.branches.map((b) => b.name), { placeHolder: 'Source branch' });
    }
    if (!source) return undefined;
    const destinations = info.branches.map((b) => b.name).filter((b) => b !== source).sort((a, b) => (a === info.defaultBranch ? -1 : b === info.defaultBranch ? 1 : 0));
    const destination = await vscode.window.showQuickPick(destinations, { placeHolder: `Merge ${source} into` });
    if (!destination) return undefined;
    const chosenTitle = await vscode.window.showInputBox({ prompt: 'Pull request title', value: title, validateInput: (v) => (v.trim() ? undefined : 'A title is required') });
    if (!chosenTitle) return undefined;
    const description = await vscode.window.showInputBox({ prompt: 'Description (optional, Markdown)' });
    try {
      const pr = await createPull(ctx.store(), repository, await currentUser(ctx.workspaceRoot), { source, destination, title: chosenTitle, description: description ?? '' });
      ctx.refresh();
      await reviewManager(ctx).open(repository, pr.id);
      return pr;
    } catch (error) {
      return report(ctx, error);
    }
  };
}

async function prTarget(ctx: Ctx, target: Target): Promise<{ repository: string; id: string } | undefined> {
  if (target?.data?.repository && target.data.id) return { repository: target.data.repository, id: target.data.id };
  const session = reviewManager(ctx).current();
  if (session) return { repository: session.repository, id: session.id };
  void vscode.window.showWarningMessage('Slipway: open a pull request from the Repositories view first.');
  return undefined;
}

function openPullRequest(ctx: Ctx) {
  return async (target: Target) => {
    const pr = await prTarget(ctx, target);
    if (!pr) return undefined;
    try {
      return await reviewManager(ctx).open(pr.repository, pr.id);
    } catch (error) {
      return report(ctx, error);
    }
  };
}

function openFile(ctx: Ctx) {
  return async (target: Target) => {
    if (!target?.data?.repository || !target.data.id || !target.data.path) return undefined;
    try {
      await reviewManager(ctx).openFile(target.data.repository, target.data.id, target.data.path);
    } catch (error) {
      report(ctx, error);
    }
    return undefined;
  };
}

function approve(ctx: Ctx) {
  return async (target: Target) => {
    const pr = await prTarget(ctx, target);
    if (!pr) return undefined;
    try {
      const result = await approvePull(ctx.store(), pr.repository, pr.id, await currentUser(ctx.workspaceRoot), true);
      ctx.refresh();
      void vscode.window.showInformationMessage(`Slipway: approved #${pr.id}.`);
      return result;
    } catch (error) {
      return report(ctx, error);
    }
  };
}

function merge(ctx: Ctx) {
  return async (target: Target, strategyArg?: MergeStrategy) => {
    const pr = await prTarget(ctx, target);
    if (!pr) return undefined;
    const strategy = strategyArg ?? ((await vscode.window.showQuickPick([...MERGE_STRATEGIES], { placeHolder: 'Merge strategy' })) as MergeStrategy | undefined);
    if (!strategy) return undefined;
    try {
      const result = await reviewManager(ctx).merge(pr.repository, pr.id, strategy);
      ctx.refresh();
      return result;
    } catch (error) {
      return report(ctx, error);
    }
  };
}

function copyCloneUrl(ctx: Ctx) {
  return async (target: Target) => {
    const name = await pickRepository(ctx, target);
    if (!name) return;
    await vscode.env.clipboard.writeText(repoPath(ctx.store(), name));
    void vscode.window.showInformationMessage(`Slipway: copied the clone URL of ${name}.`);
  };
}

function commentHandler(ctx: Ctx, run: (reply: vscode.CommentReply) => Promise<void>) {
  return async (reply: vscode.CommentReply) => {
    if (!reply?.text?.trim()) return;
    try {
      await run(reply);
      ctx.refresh();
    } catch (error) {
      report(ctx, error);
    }
  };
}

function threadHandler(ctx: Ctx, resolved: boolean) {
  return async (thread: vscode.CommentThread) => {
    try {
      await reviewManager(ctx).resolve(thread, resolved);
      ctx.refresh();
    } catch (error) {
      report(ctx, error);
    }
  };
}

/** The Repositories view's commands and the review commands (COMMANDS table entries). */
export const REPOSITORY_COMMANDS: Record<string, (ctx: Ctx) => (...args: never[]) => unknown> = {
  'slipway.repo.create': createRepository,
  'slipway.repo.clone': cloneRepository,
  'slipway.repo.copyCloneUrl': copyCloneUrl,
  'slipway.repo.pushBranch': pushBranch,
  'slipway.pr.create': createPullRequest,
  'slipway.pr.open': openPullRequest,
  'slipway.pr.openFile': openFile,
  'slipway.pr.approve': approve,
  'slipway.pr.merge': merge,
  'slipway.review.createComment': (ctx) => commentHandler(ctx, (reply) => reviewManager(ctx).createComment(reply)),
  'slipway.review.reply': (ctx) => commentHandler(ctx, (reply) => reviewManager(ctx).reply(reply)),
  'slipway.review.resolve': (ctx) => threadHandler(ctx, true),
  'slipway.review.reopen': (ctx) => threadHandler(ctx, false),
};
