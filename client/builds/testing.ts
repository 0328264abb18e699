import * as vscode from 'vscode';
import type { BuildRecord } from '../../runtime/builds/records';

/**
 * Puts a finished build's test reports into VS Code's testing API, so the cases show
 * in the Test Explorer and the Test Results view (one test run per build).
 */
export class BuildTestReports implements vscode.Disposable {
  readonly controller = vscode.tests.createTestController('slipway.buildReports', 'Slipway Build Reports');

  publish(record: BuildRecord): void {
    const groups = record.reports.filter((r) => r.type === 'TEST' && r.cases);
    if (groups.length === 0) return;
    const run = this.controller.createTestRun(new vscode.TestRunRequest(), `Build ${record.project} #${record.number}`, false);
    for (const group of groups) {
      const groupId = `${record.project}/${group.name}`;
      const groupItem = this.controller.createTestItem(groupId, `${record.project}: ${group.name}`);
      this.controller.items.add(groupItem);
      for (const test of group.cases ?? []) {
        const label = test.prefix ? `${test.prefix} › ${test.name}` : test.name;
        const item = this.controller.createTestItem(`${groupId}/${label}`, label);
        groupItem.children.add(item);
        run.enqueued(item);
        const message = () => new vscode.TestMessage(test.message ?? `${test.status} in ${group.name}`);
        switch (test.status) {
          case 'SUCCEEDED':
            run.passed(item, test.durationMs);
            break;
          case 'FAILED':
            run.failed(item, message(), test.durationMs);
            break;
          case 'ERROR':
            run.errored(item, message(), test.durationMs);
            break;
          default:
            run.skipped(item);
        }
      }
    }
    run.end();
  }

  dispose(): void {
    this.controller.dispose();
  }
}
