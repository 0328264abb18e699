import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { buildService } from './service';
import { BuildTaskProvider, TASK_TYPE } from './tasks';
import { BuildTestReports } from './testing';

/** The build features that are not commands, views or lenses: tasks and test results. */
export function registerBuildFeatures(ctx: Ctx): void {
  const reports = new BuildTestReports();
  ctx.extension.subscriptions.push(
    reports,
    vscode.tasks.registerTaskProvider(TASK_TYPE, new BuildTaskProvider(ctx)),
    buildService(ctx).onDidFinish((record) => reports.publish(record)),
  );
}
