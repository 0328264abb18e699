// The build and pipeline pages run on the one webview base (client/common/state-panel.ts):
// a nonce-CSP page, no state before the page's `ready`, the current state right after it
// and every change after that, and the page's actions checked before they run.
import { recordedVscode, type RecordedPanel } from './recording-vscode';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import * as vscode from 'vscode';
import { BuildPanel } from '../../../client/builds/panel';
import type { Ctx } from '../../../client/ctx';
import { openPipelinePanel } from '../../../client/pipelines/panel';
import type { BuildViewState } from '../../../protocol/build';
import type { PipelineViewState } from '../../../protocol/pipeline';
import type { StateMessage } from '../../../protocol/webview';
import { StateStore } from '../../../runtime/common/state';
import { BuildStore, type BuildRecord } from '../../../runtime/builds/records';

function context(t: { after: (fn: () => void) => void }): { ctx: Ctx; changed: () => void; store: StateStore } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-panels-'));
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  const store = new StateStore(path.join(root, 'home'));
  const stateChanged = new vscode.EventEmitter<void>();
  const ctx = {
    extension: { extensionUri: { fsPath: root }, subscriptions: [] as unknown[] },
    stateHome: store.home,
    store: () => store,
    onDidChangeState: stateChanged.event,
    refresh: () => undefined,
    log: { error: () => undefined, warn: () => undefined, info: () => undefined },
  } as unknown as Ctx;
  return { ctx, changed: () => stateChanged.fire(), store };
}

function lastPanel(viewType: string): RecordedPanel {
  const panel = recordedVscode.panels.filter((p) => p.viewType === viewType).at(-1);
  assert.ok(panel, `no ${viewType} panel was created`);
  return panel;
}

function states<S>(panel: RecordedPanel): S[] {
  return panel.posted.map((m) => (m as StateMessage<S>).state);
}

/** Lets the panel's async handler (an action's engine call, its error report) finish. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

function buildRecord(status: BuildRecord['status']): BuildRecord {
  return {
    id: 'hello:0001',
    arn: 'arn:aws:codebuild:local:000000000000:build/hello:0001',
    number: 1,
    project: 'hello',
    status,
    currentPhase: 'BUILD',
    startTime: new Date(0).toISOString(),
    initiator: 'test',
    source: '/work',
    buildspec: 'buildspec.yml',
    phases: [],
    exportedVariables: {},
    secondaryArtifacts: [],
    reports: [],
    warnings: [],
    logFile: '/work/build.log',
    request: { source: '/work', buildspec: 'buildspec.yml' },
  };
}

test('the build page gets a nonce-CSP shell, its state only after ready, and the new state when the record changes', (t) => {
  const { ctx, changed, store } = context(t);
  const builds = new BuildStore(store);
  builds.save(buildRecord('IN_PROGRESS'));
  const panel = BuildPanel.show(ctx, 'hello:0001');
  assert.ok(panel);
  t.after(() => panel.dispose());
  const page = lastPanel('slipway.build');
  assert.match(page.html, /script-src 'nonce-[A-Za-z0-9+/=]+'/);
  assert.match(page.html, /<script nonce="[A-Za-z0-9+/=]+" src="[^"]*build\.js">/);
  assert.deepEqual(page.posted, [], 'nothing is posted before the page says ready');
  page.fromPage({ type: 'ready' });
  assert.deepEqual(states<BuildViewState>(page).map((s) => [s.record.status, s.canStop]), [['IN_PROGRESS', true]]);
  builds.save(buildRecord('SUCCEEDED'));
  changed();
  assert.deepEqual(states<BuildViewState>(page).map((s) => [s.record.status, s.canStop]), [['IN_PROGRESS', true], ['SUCCEEDED', false]]);
});

test('the build page’s buttons run their commands for this build; an action the page never sends runs nothing', async (t) => {
  const { ctx, store } = context(t);
  new BuildStore(store).save(buildRecord('SUCCEEDED'));
  const panel = BuildPanel.show(ctx, 'hello:0001');
  assert.ok(panel);
  t.after(() => panel.dispose());
  const page = lastPanel('slipway.build');
  recordedVscode.executed.length = 0;
  page.fromPage({ type: 'action', action: 'rerun' });
  page.fromPage({ type: 'action', action: '__proto__' });
  page.fromPage({ type: 'action', action: 'toString' });
  await settle();
  assert.deepEqual(recordedVscode.executed, [['slipway.rerunBuild', { data: { buildId: 'hello:0001' } }]]);
});

test('the pipeline page says a missing pipeline does not exist, after ready and not before', (t) => {
  const { ctx } = context(t);
  openPipelinePanel(ctx, 'no-such-pipeline');
  const page = lastPanel('slipway.pipeline');
  t.after(() => page.close());
  assert.match(page.html, /script-src 'nonce-/);
  assert.deepEqual(page.posted, []);
  page.fromPage({ type: 'ready' });
  const [state] = states<PipelineViewState>(page);
  assert.equal(state.pipelineName, 'no-such-pipeline');
  assert.equal(state.exists, false);
});

test('the pipeline page’s actions are checked: untrusted ones are refused, a message without its stage is an error, not undefined passed on', async (t) => {
  const { ctx } = context(t);
  openPipelinePanel(ctx, 'p');
  const page = lastPanel('slipway.pipeline');
  t.after(() => page.close());
  page.fromPage({ type: 'ready' });
  recordedVscode.errors.length = 0;
  recordedVscode.trusted = false;
  page.fromPage({ type: 'action', action: 'approve', args: { stage: 'Approve', action: 'Manual' } });
  await settle();
  assert.equal(recordedVscode.errors.length, 1);
  assert.match(recordedVscode.errors[0], /Approving a pipeline stage runs commands from this workspace, which is not trusted/);
  recordedVscode.errors.length = 0;
  recordedVscode.trusted = true;
  page.fromPage({ type: 'action', action: 'retry', args: {} });
  await settle();
  assert.deepEqual(recordedVscode.errors, ['Slipway: the pipeline page sent no stage']);
});
