import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { BuildCodeLens } from './codelens';
import { buildService } from './service';
import { BuildTaskProvider, TASK_TYPE } from './tasks';
import { BuildTestReports } from './testing';

/** The build features that are not commands or views: tasks, CodeLens, test results. */
export function registerBuildFeatures(ctx: Ctx): void {
  const reports = new BuildTestReports();
  ctx.extension.subscriptions.push(
    reports,
    vscode.tasks.registerTaskProvider(TASK_TYPE, new BuildTaskProvider(ctx)),
    vscode.languages.registerCodeLensProvider([{ scheme: 'file', language: 'yaml' }], new BuildCodeLens(ctx)),
    buildService(ctx).onDidFinish((record) => reports.publish(record)),
  );
}
