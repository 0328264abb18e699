import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChangeSetViewState } from '../../protocol/changeset';
import { detectKind } from '../../runtime/common/kind';
import { resolveParameters, type ParameterDeclaration, type TemplateBody } from '../../runtime/template/eval';
import { stacksDeployedFrom } from '../../runtime/stacks/deployed-from';
import { describeStack } from '../../runtime/stacks/describe';
import { StackEngine, StackOperationError } from '../../runtime/stacks/engine';
import { providerFor } from '../../runtime/stacks/provider';
import { StackStore, stackNameProblem } from '../../runtime/stacks/stack-store';
import { loadTemplate } from '../../runtime/stacks/template-source';
import { parameterValues } from '../../runtime/stacks/secrets';
import type { ChangeSetRecord, StackEvent } from '../../runtime/stacks/types';
import type { Ctx } from '../ctx';
import { ChangeSetPanel } from './changeset-panel';
import { requireTrust } from '../trust';
import type { CommandSpec } from '../common/command-spec';
import type { Node } from '../common/node-tree';

/** The change-set page per stack: executing one stack at a time from the page. */
const panels = new Map<string, ChangeSetPanel>();

/** Live events: each goes to the log (and the change-set page); the views refresh at most every 200 ms. */
function engineFor(ctx: Ctx, onEvent?: (event: StackEvent) => void): StackEngine {
  let refresh: NodeJS.Timeout | undefined;
  return new StackEngine(ctx.store(), {
    onEvent: (event) => {
      if (event.status !== 'LOG') ctx.log.info(`[stack ${event.stackName}] ${event.status} ${event.type} ${event.logicalId}${event.reason ? ` — ${event.reason}` : ''}`);
      onEvent?.(event);
      refresh ??= setTimeout(() => {
        refresh = undefined;
        ctx.refresh();
      }, 200);
    },
  });
}

function isTemplate(document: vscode.TextDocument): boolean {
  return (document.uri.scheme === 'file' && (document.languageId === 'yaml' || document.languageId === 'json' || document.languageId === 'cloudformation')) && detectKind(document.uri.fsPath, document.getText()) === 'template';
}

async function templateUri(uri: unknown): Promise<vscode.Uri | undefined> {
  if (uri instanceof vscode.Uri) return uri;
  const active = vscode.window.activeTextEditor?.document;
  if (active && isTemplate(active)) return active.uri;
  const found = await vscode.workspace.findFiles('**/*.{yaml,yml,json,template}', '**/{node_modules,.slipway,.git,dist}/**', 400);
  const templates: vscode.Uri[] = [];
  for (const file of found) {
    const text = Buffer.from(await vscode.workspace.fs.readFile(file)).toString('utf8');
    if (detectKind(file.fsPath, text) === 'template') templates.push(file);
  }
  if (templates.length === 0) {
    void vscode.window.showErrorMessage('Slipway: no CloudFormation template in this workspace.');
    return undefined;
  }
  if (templates.length === 1) return templates[0];
  const picked = await vscode.window.showQuickPick(templates.map((t) => ({ label: vscode.workspace.asRelativePath(t), uri: t })), { title: 'Slipway: which template?' });
  return picked?.uri;
}

/**
 * The stack name: the stack(s) this template is deployed as (from this file or a pipeline's
 * copy of it), else asked, with the folder's name proposed.
 */
async function stackNameFor(engine: StackEngine, file: string, template: TemplateBody): Promise<string | undefined> {
  const existing = stacksDeployedFrom(engine.stacks, file, template);
  if (existing.length === 1) return existing[0];
  if (existing.length > 1) {
    const NEW = 'New stack…';
    const picked = await vscode.window.showQuickPick([...existing.map((name) => ({ label: name, description: engine.stacks.read(name)?.status })), { label: NEW, description: 'deploy this template as another stack' }], {
      title: 'Slipway: this template is deployed as several stacks; which one?',
    });
    if (!picked) return undefined;
    if (picked.label !== NEW) return picked.label;
  }
  const suggestion = path.basename(path.dirname(file)).replace(/[^A-Za-z0-9-]/g, '-').replace(/^[^A-Za-z]+/, '');
  return vscode.window.showInputBox({
    title: 'Slipway: stack name',
    value: suggestion || 'stack',
    validateInput: (value) => stackNameProblem(value),
  });
}

/**
 * Parameter values: when every parameter already has one (default or previous), one
 * confirmation; otherwise (or on "Edit") a prompt per parameter that offers
 * AllowedValues and checks the constraints while typing.
 */
async function promptParameters(engine: StackEngine, stackName: string, declarations: Record<string, ParameterDeclaration>): Promise<Record<string, string> | undefined> {
  const existing = engine.stacks.read(stackName);
  const previous = existing && existing.status !== 'REVIEW_IN_PROGRESS' ? parameterValues(existing.parameters) : {};
  const keys = Object.keys(declarations);
  if (keys.length === 0) return {};
  const current = (key: string): string | undefined => previous[key] ?? (declarations[key]?.Default !== undefined ? String(declarations[key].Default) : undefined);
  if (keys.every((k) => current(k) !== undefined)) {
    const summary = keys.map((k) => `${k}=${declarations[k]?.NoEcho ? '****' : current(k)}`).join(', ');
    const choice = await vscode.window.showQuickPick(
      [
        { label: '$(check) Use these parameters', description: summary, edit: false },
        { label: '$(edit) Edit parameters…', edit: true },
      ],
      { title: `Slipway: parameters of ${stackName}` },
    );
    if (!choice) return undefined;
    if (!choice.edit) return {};
  }
  const values: Record<string, string> = {};
  for (const key of keys) {
    const declaration = declarations[key] ?? {};
    const check = (value: string) => {
      try {
        resolveParameters({ [key]: declaration }, { [key]: value }, { ssm: (name) => engine.params.getParameter(name) });
        return undefined;
      } catch (error) {
        return (error as Error).message;
      }
    };
    let value: string | undefined;
    if (Array.isArray(declaration.AllowedValues) && !/^List<|CommaDelimitedList/.test(String(declaration.Type ?? ''))) {
      const picked = await vscode.window.showQuickPick(
        declaration.AllowedValues.map((v) => ({ label: String(v), description: String(v) === current(key) ? 'current' : undefined })),
        { title: `${key}${declaration.Description ? ` — ${declaration.Description}` : ''}`, placeHolder: current(key) },
      );
      value = picked?.label;
    } else {
      value = await vscode.window.showInputBox({
        title: `${key} (${declaration.Type ?? 'String'})`,
        prompt: declaration.Description,
        value: current(key),
        password: declaration.NoEcho === true || String(declaration.NoEcho) === 'true',
        validateInput: check,
      });
    }
    if (value === undefined) return undefined;
    values[key] = value;
  }
  return values;
}

interface Prepared {
  engine: StackEngine;
  file: string;
  stackName: string;
  changeSet: ChangeSetRecord;
}

/** A Stacks view row: the stack's own name and the template it was deployed from. */
function stackRow(ctx: Ctx, arg: unknown): { stackName: string; templatePath?: string } | undefined {
  const name = (arg as { data?: Record<string, unknown> } | undefined)?.data?.stackName;
  if (typeof name !== 'string') return undefined;
  return { stackName: name, templatePath: new StackStore(ctx.store()).read(name)?.templatePath };
}

async function prepareChangeSet(ctx: Ctx, uri: unknown, onEvent?: (event: StackEvent) => void): Promise<Prepared | undefined> {
  const row = stackRow(ctx, uri);
  if (row && (!row.templatePath || !fs.existsSync(row.templatePath))) {
    throw new Error(`stack ${row.stackName} was deployed from ${row.templatePath ?? 'a template Slipway did not keep the path of'}, which is gone; open the template and use Preview Changes there`);
  }
  const target = row ? vscode.Uri.file(row.templatePath!) : await templateUri(uri);
  if (!target) return undefined;
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString());
  if (document?.isDirty) await document.save();
  const engine = engineFor(ctx, onEvent);
  const template = loadTemplate(target.fsPath);
  const stackName = row?.stackName ?? (await stackNameFor(engine, template.path, template.body));
  if (!stackName) return undefined;
  const parameters = await promptParameters(engine, stackName, template.body.Parameters ?? {});
  if (!parameters) return undefined;
  const changeSet = await engine.createChangeSet({ stackName, template: template.body, templatePath: template.path, parameters });
  return { engine, file: template.path, stackName, changeSet };
}

function viewState(prepared: Prepared): ChangeSetViewState {
  const cs = prepared.changeSet;
  const parameters: Record<string, string> = {};
  for (const p of cs.parameters) parameters[p.key] = p.value;
  const json = (value: unknown) => (value === undefined ? undefined : typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return {
    stackName: cs.stackName,
    changeSetName: cs.name,
    changeSetType: cs.changeSetType,
    executionStatus: cs.executionStatus,
    statusReason: cs.statusReason,
    parameters,
    changes: cs.changes.map((c) => ({
      action: c.action,
      logicalId: c.logicalId,
      physicalId: c.physicalId,
      type: c.type,
      replacement: c.replacement,
      simulated: !!providerFor(c.type)?.simulated,
      details: c.details.map((d) => ({ ...d, before: json(d.before), after: json(d.after) })),
    })),
    events: [],
  };
}

async function execute(ctx: Ctx, engine: StackEngine, stackName: string, changeSetName: string): Promise<boolean> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Slipway: deploying stack ${stackName}`, cancellable: false }, async (progress) => {
    try {
      const record = await engine.executeChangeSet(stackName, changeSetName);
      progress.report({ message: record.status });
      void vscode.window.showInformationMessage(`Slipway: stack ${stackName} is ${record.status}.`);
      return true;
    } catch (error) {
      const message = error instanceof StackOperationError ? `${error.record.status}: ${error.record.statusReason ?? ''}` : (error as Error).message;
      void vscode.window.showErrorMessage(`Slipway: stack ${stackName} — ${message}`, 'Show Log').then((c) => c && ctx.log.show());
      return false;
    } finally {
      ctx.refresh();
    }
  });
}

/** The template a stack row was deployed from, or (when that file is gone) the template the stack keeps. */
async function openStackTemplate(ctx: Ctx, arg?: unknown) {
  const row = stackRow(ctx, arg);
  if (!row) return;
  if (row.templatePath && fs.existsSync(row.templatePath)) {
    await vscode.window.showTextDocument(vscode.Uri.file(row.templatePath));
    return;
  }
  const record = new StackStore(ctx.store()).read(row.stackName);
  const document = await vscode.workspace.openTextDocument({ language: 'json', content: JSON.stringify(record?.template ?? {}, null, 2) });
  await vscode.window.showTextDocument(document, { preview: true });
}

/** "Deploy stack": parameters, a change set, and its execution with events in the log and the view. */
export async function deployStack(ctx: Ctx, uri?: unknown) {
  const prepared = await prepareChangeSet(ctx, uri);
  if (!prepared) return undefined;
  if (prepared.changeSet.executionStatus !== 'AVAILABLE') {
    await prepared.engine.deleteChangeSet(prepared.stackName, prepared.changeSet.name);
    void vscode.window.showInformationMessage(`Slipway: no changes to deploy; stack ${prepared.stackName} is up to date.`);
    return describeStack(prepared.engine.describe(prepared.stackName));
  }
  await execute(ctx, prepared.engine, prepared.stackName, prepared.changeSet.name);
  return describeStack(prepared.engine.describe(prepared.stackName));
}

/** "Preview changes": the change set in its page, with Execute and Discard and live events. */
export async function previewChanges(ctx: Ctx, uri?: unknown) {
  // The page exists only once the change set does; events before that have nowhere to go.
  const view: { panel?: ChangeSetPanel } = {};
  const onEvent = (event: StackEvent) => {
    const panel = view.panel;
    if (!panel || event.status === 'LOG') return;
    const events = [...panel.current.events, { time: event.time, logicalId: event.logicalId, type: event.type, status: event.status, reason: event.reason }];
    panel.update({ events, stackStatus: event.type === 'AWS::CloudFormation::Stack' && event.stackName === panel.current.stackName ? event.status : panel.current.stackStatus });
  };
  const prepared = await prepareChangeSet(ctx, uri, onEvent);
  if (!prepared) return undefined;
  const { engine, stackName, changeSet, file } = prepared;
  panels.get(stackName)?.dispose();
  const panel = new ChangeSetPanel(
    ctx.extension.extensionUri,
    viewState(prepared),
    async (message) => {
      if (message.action === 'openTemplate') {
        await vscode.window.showTextDocument(vscode.Uri.file(file));
      } else if (message.action === 'discard') {
        await engine.deleteChangeSet(stackName, changeSet.name);
        panel.update({ executionStatus: 'DISCARDED', statusReason: 'The change set was deleted; nothing changed.' });
        ctx.refresh();
      } else if (message.action === 'execute') {
        if (!requireTrust('Executing a change set')) return;
        panel.update({ executionStatus: 'EXECUTE_IN_PROGRESS', events: [] });
        const ok = await execute(ctx, engine, stackName, changeSet.name);
        const record = engine.stacks.read(stackName);
        panel.update({ executionStatus: ok ? 'EXECUTE_COMPLETE' : 'EXECUTE_FAILED', stackStatus: record?.status, error: ok ? undefined : record?.statusReason });
      }
    },
    () => panels.delete(stackName),
  );
  view.panel = panel;
  panels.set(stackName, panel);
  return { stackName, changeSetName: changeSet.name, changes: changeSet.changes.length };
}

function stackOf(node: unknown): string | undefined {
  const name = (node as Node | undefined)?.data?.stackName;
  return typeof name === 'string' ? name : undefined;
}

async function pickStack(ctx: Ctx, node: unknown, title: string): Promise<string | undefined> {
  const given = stackOf(node) ?? (typeof node === 'string' ? node : undefined);
  if (given) return given;
  const names = engineFor(ctx).stacks.names();
  if (names.length === 0) {
    void vscode.window.showInformationMessage('Slipway: there are no stacks yet.');
    return undefined;
  }
  return vscode.window.showQuickPick(names, { title });
}

/** Delete with confirmation; a stack with termination protection needs its name typed. */
export async function deleteStack(ctx: Ctx, node?: unknown) {
  const name = await pickStack(ctx, node, 'Slipway: delete which stack?');
  if (!name) return false;
  const engine = engineFor(ctx);
  const record = engine.stacks.read(name);
  if (!record) return false;
  if (record.terminationProtection) {
    const typed = await vscode.window.showInputBox({
      title: `Stack ${name} has termination protection`,
      prompt: `Type the stack name to turn protection off and delete it with its resources (Retain resources stay).`,
      validateInput: (value) => (value === name ? undefined : `Type ${name} to confirm`),
    });
    if (typed !== name) return false;
    await engine.setTerminationProtection(name, false);
  } else {
    const choice = await vscode.window.showWarningMessage(`Delete stack ${name} and its resources? Resources with DeletionPolicy Retain stay.`, { modal: true }, 'Delete');
    if (choice !== 'Delete') return false;
  }
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Slipway: deleting stack ${name}` }, async () => {
    try {
      await engine.deleteStack(name);
      void vscode.window.showInformationMessage(`Slipway: stack ${name} deleted.`);
      return true;
    } catch (error) {
      void vscode.window.showErrorMessage(`Slipway: ${(error as Error).message}`);
      return false;
    } finally {
      ctx.refresh();
    }
  });
}

export async function detectDrift(ctx: Ctx, node?: unknown) {
  const name = await pickStack(ctx, node, 'Slipway: detect drift of which stack?');
  if (!name) return undefined;
  const drift = await engineFor(ctx).detectDrift(name);
  const drifted = drift.resources.filter((r) => r.driftStatus === 'MODIFIED' || r.driftStatus === 'DELETED');
  for (const r of drift.resources) ctx.log.info(`[drift ${name}] ${r.logicalId} ${r.driftStatus}${r.differences.map((d) => ` ${d.property}`).join('')}`);
  if (drifted.length) {
    void vscode.window.showWarningMessage(`Slipway: stack ${name} has drifted: ${drifted.map((r) => `${r.logicalId} ${r.driftStatus}`).join(', ')}.`, 'Show Log').then((c) => c && ctx.log.show());
  } else void vscode.window.showInformationMessage(`Slipway: stack ${name} is in sync with its template.`);
  return drift;
}

async function setTerminationProtection(ctx: Ctx, node: unknown, enabled: boolean) {
  const name = await pickStack(ctx, node, `Slipway: ${enabled ? 'protect' : 'unprotect'} which stack?`);
  if (!name) return undefined;
  await engineFor(ctx).setTerminationProtection(name, enabled);
  ctx.refresh();
  return enabled;
}

export const STACK_COMMANDS: Record<string, CommandSpec> = {
  'slipway.stacks.deploy': { run: deployStack, trust: 'Deploying a stack' },
  'slipway.stacks.openTemplate': { run: openStackTemplate },
  'slipway.stacks.previewChanges': { run: previewChanges, trust: 'Previewing a stack change set' },
  'slipway.stacks.delete': { run: deleteStack, trust: 'Deleting a stack' },
  // Drift detection settles the stack first, which can run a Slipway::Local::Command's Delete.
  'slipway.stacks.detectDrift': { run: detectDrift, trust: 'Detecting stack drift' },
  'slipway.stacks.protect': { run: (ctx, node?: unknown) => setTerminationProtection(ctx, node, true) },
  'slipway.stacks.unprotect': { run: (ctx, node?: unknown) => setTerminationProtection(ctx, node, false) },
};
