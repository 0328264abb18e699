import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { attachPlan, resumeBuild as resumePausedBuild } from '../../runtime/builds/debug-session';
import { BuildStore, type BuildRecord } from '../../runtime/builds/records';
import { BuildPanel } from './panel';
import { buildService, type BuildLaunch } from './service';
import { findBuildspecs, sourceFor } from './sources';
import { BuildTerminal } from './terminal';
import type { Ctx } from '../ctx';
import type { CommandSpec } from '../common/command-spec';

/** A Builds view row, a build id, or nothing (then the focused row). */
type BuildTarget = { data?: Record<string, unknown> } | string | undefined;

function buildIdOf(target: unknown): string | undefined {
  if (typeof target === 'string') return target;
  const data = (target as { data?: Record<string, unknown> } | undefined)?.data;
  return typeof data?.buildId === 'string' ? data.buildId : undefined;
}

function recordOf(ctx: Ctx, target: BuildTarget): BuildRecord | undefined {
  const id = buildIdOf(target);
  const record = id ? new BuildStore(ctx.store()).get(id) : undefined;
  if (!record) void vscode.window.showErrorMessage(`Slipway: ${id ? `build ${id} is not in the state home` : 'choose a build in the Builds view'}.`);
  return record;
}

/**
 * Runs a build in this window: live log in a terminal, the current phase in a
 * cancellable progress notification, the result as a notification with its details.
 */
export async function launchBuild(ctx: Ctx, launch: BuildLaunch): Promise<BuildRecord | undefined> {
  let build;
  try {
    build = await buildService(ctx).start(launch);
  } catch (error) {
    void vscode.window.showErrorMessage(`Slipway: ${(error as Error).message}`);
    return undefined;
  }
  const running = build;
  const { project, number } = running.record;
  const terminal = vscode.window.createTerminal({ name: `Build ${project} #${number}`, pty: new BuildTerminal(async () => running, false), iconPath: new vscode.ThemeIcon('tools') });
  terminal.show(true);
  const record = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Slipway: build ${project} #${number}`, cancellable: true },
    async (progress, token) => {
      token.onCancellationRequested(() => running.handle.stop());
      let shown = running.record.currentPhase;
      progress.report({ message: shown });
      const subscription = running.onUpdate((r) => {
        if (r.currentPhase !== shown) {
          shown = r.currentPhase;
          progress.report({ message: shown });
        }
      });
      try {
        return await running.handle.finished;
      } finally {
        subscription.dispose();
      }
    },
  );
  // The end is announced by the notifications (client/notifications), as for builds run anywhere else.
  return record;
}

async function runBuild(ctx: Ctx, arg?: unknown) {
  let uri = arg instanceof vscode.Uri ? arg : undefined;
  if (!uri) {
    const found = await findBuildspecs();
    if (found.length === 0) {
      void vscode.window.showWarningMessage('Slipway: no buildspec.yml in this workspace. Create one at the root of the source it builds.');
      return undefined;
    }
    if (found.length === 1) uri = found[0];
    else {
      const picked = await vscode.window.showQuickPick(
        found.map((f) => ({ label: vscode.workspace.asRelativePath(f), description: path.relative(vscode.workspace.getWorkspaceFolder(f)?.uri.fsPath ?? '', sourceFor(f.fsPath)) || '(workspace root)', uri: f })),
        { title: 'Run which buildspec?', placeHolder: 'Choose the buildspec to run (its source folder is shown beside it)' },
      );
      if (!picked) return undefined;
      uri = picked.uri;
    }
  }
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri!.toString());
  if (document?.isDirty) await document.save();
  return launchBuild(ctx, { source: sourceFor(uri.fsPath), buildspec: uri.fsPath });
}

async function runBuildProject(ctx: Ctx, target?: { data?: Record<string, unknown> }) {
  const project = typeof target?.data?.project === 'string' ? target.data.project : undefined;
  if (!project) return undefined;
  return launchBuild(ctx, { project });
}

async function rerunBuild(ctx: Ctx, target?: BuildTarget) {
  const record = recordOf(ctx, target);
  if (!record) return undefined;
  return launchBuild(ctx, { source: record.request.source, buildspec: record.request.buildspec, project: record.request.project });
}

function stopBuild(ctx: Ctx, target?: BuildTarget) {
  const record = recordOf(ctx, target);
  if (!record) return;
  if (record.status !== 'IN_PROGRESS') {
    void vscode.window.showInformationMessage(`Slipway: build ${record.project} #${record.number} is not running (${record.status}).`);
    return;
  }
  buildService(ctx).stop(record.id);
}

async function openBuildLog(ctx: Ctx, target?: BuildTarget) {
  const record = recordOf(ctx, target);
  if (!record) return;
  if (!fs.existsSync(record.logFile)) {
    void vscode.window.showErrorMessage(`Slipway: the log of build ${record.project} #${record.number} is gone (${record.logFile}).`);
    return;
  }
  await vscode.window.showTextDocument(vscode.Uri.file(record.logFile), { preview: true });
}

async function revealBuildArtifacts(ctx: Ctx, target?: BuildTarget) {
  const record = recordOf(ctx, target);
  if (!record) return;
  const location = record.artifacts?.location ?? record.secondaryArtifacts[0]?.location;
  if (!location || !fs.existsSync(location)) {
    void vscode.window.showInformationMessage(`Slipway: build ${record.project} #${record.number} has no artifacts.`);
    return;
  }
  await vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(location));
}

/** A terminal attached to a paused build's own shell state (directory, variables, codebuild-resume). */
function attachBuild(ctx: Ctx, target?: BuildTarget) {
  const record = recordOf(ctx, target);
  if (!record) return;
  const plan = attachPlan(new BuildStore(ctx.store()), record.id, process.env);
  const terminal = vscode.window.createTerminal({
    name: `Paused build ${record.project} #${record.number}`,
    shellPath: plan.file,
    shellArgs: plan.args,
    env: plan.env,
    strictEnv: true,
    iconPath: new vscode.ThemeIcon('debug-pause'),
  });
  terminal.show();
  return terminal;
}

function resumeBuild(ctx: Ctx, target?: BuildTarget) {
  const record = recordOf(ctx, target);
  if (!record) return;
  resumePausedBuild(new BuildStore(ctx.store()), record.id);
}

function showBuild(ctx: Ctx, target?: BuildTarget) {
  const id = buildIdOf(target);
  if (id) BuildPanel.show(ctx, id);
}

export const BUILD_COMMANDS: Record<string, CommandSpec> = {
  'slipway.runBuild': { run: runBuild, trust: 'Run Build' },
  'slipway.runBuildProject': { run: runBuildProject, trust: 'Run Build' },
  'slipway.rerunBuild': { run: rerunBuild, trust: 'Run Build' },
  'slipway.stopBuild': { run: stopBuild },
  'slipway.openBuildLog': { run: openBuildLog },
  'slipway.revealBuildArtifacts': { run: revealBuildArtifacts },
  'slipway.showBuild': { run: showBuild },
  'slipway.attachBuild': { run: attachBuild, trust: 'Open a terminal in the paused build' },
  'slipway.resumeBuild': { run: resumeBuild, trust: 'Resume Build', refresh: true },
};
