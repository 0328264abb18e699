import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { git, gitResult } from '../../runtime/repos/git';
import { currentUser } from '../../runtime/common/identity';
import { MERGE_STRATEGIES, type MergeStrategy } from '../../runtime/repos/pull-model';
import { createRepo, describeRepo } from '../../runtime/repos/repos';
import { approvePull, createPull } from '../../runtime/repos/review';
import { listRepoNames, repoPath } from '../../runtime/repos/store';
import type { Ctx } from '../ctx';
import { reviewManager } from './review/manager';
import type { CommandSpec } from '../common/command-spec';

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

async function createRepository(ctx: Ctx) {
  const name = await vscode.window.showInputBox({
    prompt: 'Repository name',
    placeHolder: 'my-service',
    validateInput: (value) => (/^[A-Za-z0-9._-]{1,100}$/.test(value) && !value.endsWith('.git') ? undefined : "Letters, digits, '.', '_' or '-', not ending in .git"),
  });
  if (!name) return undefined;
  const description = await vscode.window.showInputBox({ prompt: 'Description (optional)' });
  const info = await createRepo(ctx.store(), name, { description: description ?? '', user: await currentUser(ctx.workspaceRoot) });
  ctx.refresh();
  const choice = await vscode.window.showInformationMessage(`Slipway: created ${name}. Clone URL: ${info.cloneUrl}`, 'Clone', 'Copy Clone URL');
  if (choice === 'Clone') await vscode.commands.executeCommand('slipway.repo.clone', { data: { repository: name } });
  if (choice === 'Copy Clone URL') await vscode.env.clipboard.writeText(info.cloneUrl);
  return info;
}

async function cloneRepository(ctx: Ctx, target: Target) {
  const name = await pickRepository(ctx, target);
  if (!name) return undefined;
  const parent = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: `Clone ${name} here` });
  if (!parent?.[0]) return undefined;
  const destination = path.join(parent[0].fsPath, name);
  if (fs.existsSync(destination)) throw new Error(`${destination} already exists`);
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Cloning ${name}` }, () => git(['clone', repoPath(ctx.store(), name), destination]));
  const choice = await vscode.window.showInformationMessage(`Slipway: cloned ${name} into ${destination}.`, 'Open', 'Add to Workspace');
  const uri = vscode.Uri.file(destination);
  if (choice === 'Open') await vscode.commands.executeCommand('vscode.openFolder', uri);
  if (choice === 'Add to Workspace') vscode.workspace.updateWorkspaceFolders(vscode.workspace.workspaceFolders?.length ?? 0, 0, { uri });
  return destination;
}

async function pushBranch(ctx: Ctx) {
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
}

async function createPullRequest(ctx: Ctx, target: Target) {
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
  const pr = await createPull(ctx.store(), repository, await currentUser(ctx.workspaceRoot), { source, destination, title: chosenTitle, description: description ?? '' });
  ctx.refresh();
  await reviewManager(ctx).open(repository, pr.id);
  return pr;
}

async function prTarget(ctx: Ctx, target: Target): Promise<{ repository: string; id: string } | undefined> {
  if (target?.data?.repository && target.data.id) return { repository: target.data.repository, id: target.data.id };
  const session = reviewManager(ctx).current();
  if (session) return { repository: session.repository, id: session.id };
  void vscode.window.showWarningMessage('Slipway: open a pull request from the Repositories view first.');
  return undefined;
}

async function openPullRequest(ctx: Ctx, target: Target) {
  const pr = await prTarget(ctx, target);
  if (!pr) return undefined;
  return await reviewManager(ctx).open(pr.repository, pr.id);
}

async function openFile(ctx: Ctx, target: Target) {
  if (!target?.data?.repository || !target.data.id || !target.data.path) return undefined;
  await reviewManager(ctx).openFile(target.data.repository, target.data.id, target.data.path);
  return undefined;
}

async function approve(ctx: Ctx, target: Target) {
  const pr = await prTarget(ctx, target);
  if (!pr) return undefined;
  const result = await approvePull(ctx.store(), pr.repository, pr.id, await currentUser(ctx.workspaceRoot), true);
  ctx.refresh();
  void vscode.window.showInformationMessage(`Slipway: approved #${pr.id}.`);
  return result;
}

async function merge(ctx: Ctx, target: Target, strategyArg?: MergeStrategy) {
  const pr = await prTarget(ctx, target);
  if (!pr) return undefined;
  const strategy = strategyArg ?? ((await vscode.window.showQuickPick([...MERGE_STRATEGIES], { placeHolder: 'Merge strategy' })) as MergeStrategy | undefined);
  if (!strategy) return undefined;
  const result = await reviewManager(ctx).merge(pr.repository, pr.id, strategy);
  ctx.refresh();
  return result;
}

async function copyCloneUrl(ctx: Ctx, target: Target) {
  const name = await pickRepository(ctx, target);
  if (!name) return;
  await vscode.env.clipboard.writeText(repoPath(ctx.store(), name));
  void vscode.window.showInformationMessage(`Slipway: copied the clone URL of ${name}.`);
}

/** The Repositories view's commands and the review commands (COMMANDS table entries). */
export const REPOSITORY_COMMANDS: Record<string, CommandSpec> = {
  'slipway.repo.create': { run: createRepository },
  'slipway.repo.clone': { run: cloneRepository },
  'slipway.repo.copyCloneUrl': { run: copyCloneUrl },
  // Pushing runs the workspace's own git hooks.
  'slipway.repo.pushBranch': { run: pushBranch, trust: 'Pushing the current branch' },
  'slipway.pr.create': { run: createPullRequest },
  'slipway.pr.open': { run: openPullRequest },
  'slipway.pr.openFile': { run: openFile },
  'slipway.pr.approve': { run: approve },
  // A merge is a push: the notifiers and triggers run, so pipelines may start.
  'slipway.pr.merge': { run: merge, trust: 'Merging a pull request (it starts the pipelines watching the branch)' },
  'slipway.review.createComment': { run: (ctx, reply: vscode.CommentReply) => reply?.text?.trim() && reviewManager(ctx).createComment(reply), refresh: true },
  'slipway.review.reply': { run: (ctx, reply: vscode.CommentReply) => reply?.text?.trim() && reviewManager(ctx).reply(reply), refresh: true },
  'slipway.review.resolve': { run: (ctx, thread: vscode.CommentThread) => reviewManager(ctx).resolve(thread, true), refresh: true },
  'slipway.review.reopen': { run: (ctx, thread: vscode.CommentThread) => reviewManager(ctx).resolve(thread, false), refresh: true },
};
