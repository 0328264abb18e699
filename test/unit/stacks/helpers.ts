import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { tempFolder } from '../sandbox';
import '../../../runtime/plugins';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cloudFormation } from '../../../runtime/api/cloudformation';
import type { CallContext } from '../../../runtime/api/types';
import { main } from '../../../runtime/cli/main';
import { parseDocument, documentValue } from '../../../runtime/common/yaml/document';
import { pseudoValues, prepareTemplate, type EvaluationInput, type TemplateBody } from '../../../runtime/template/eval';

/** A YAML template (short tags allowed) as the plain value the engine reads. */
export function yamlTemplate(text: string): TemplateBody {
  return documentValue(parseDocument('test.yaml', text)) as TemplateBody;
}

export function prepare(text: string, extra: Partial<EvaluationInput> = {}) {
  return prepareTemplate({ template: yamlTemplate(text), pseudo: pseudoValues('test-stack', 'arn:aws:cloudformation:us-east-1:000000000000:stack/test-stack/1'), ...extra });
}

/** A fresh state home and KMS key for one test (removed after it when given the test's context). */
export function tempHome(t?: TestContext): string {
  const { dir } = tempFolder('slipway-stack-', t);
  process.env.SLIPWAY_HOME = path.join(dir, 'home');
  process.env.SLIPWAY_KMS_KEY_FILE = path.join(dir, 'kms.key');
  return dir;
}

import { StateStore } from '../../../runtime/common/state';
import { StackEngine, StackOperationError } from '../../../runtime/stacks/engine';
import { loadTemplate } from '../../../runtime/stacks/template-source';
import type { StackRecord } from '../../../runtime/stacks/types';

let counter = 0;

/** An engine over a fresh state home, and a folder for templates and the files they make. */
export function engineInTemp(): { engine: StackEngine; dir: string; state: StateStore } {
  const dir = tempHome();
  const state = new StateStore(path.join(dir, 'home'));
  return { engine: new StackEngine(state, { concurrency: 4 }), dir, state };
}

/** Writes a template into `dir` and deploys it through a change set; failures return the record. */
export async function deploy(
  engine: StackEngine,
  dir: string,
  name: string,
  text: string,
  options: { parameters?: Record<string, string>; disableRollback?: boolean } = {},
): Promise<StackRecord> {
  const file = path.join(dir, `template-${++counter}.yaml`);
  fs.writeFileSync(file, text);
  const template = loadTemplate(file);
  const changeSet = await engine.createChangeSet({ stackName: name, template: template.body, templatePath: template.path, parameters: options.parameters });
  try {
    return await engine.executeChangeSet(name, changeSet.name, { disableRollback: options.disableRollback });
  } catch (error) {
    if (error instanceof StackOperationError) return error.record;
    throw error;
  }
}

export function changeSetFor(engine: StackEngine, dir: string, name: string, text: string, parameters?: Record<string, string>) {
  const file = path.join(dir, `template-${++counter}.yaml`);
  fs.writeFileSync(file, text);
  const template = loadTemplate(file);
  return engine.createChangeSet({ stackName: name, template: template.body, templatePath: template.path, parameters });
}

/** Calls a CloudFormation API operation on `state` as user alice, as the endpoint would. */
export function cloudFormationApi(state: StateStore) {
  const ctx: CallContext = { store: state, user: 'alice', accountId: '000000000000', region: 'us-east-1', requestId: 'r' };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read response members by name
  return (operation: string, input: Record<string, unknown>) => cloudFormation.operations[operation](input, ctx) as Promise<any>;
}

/** Runs the CLI in `dir`, collecting what it prints. */
export function cliIn(dir: string) {
  return async (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
    let stdout = '';
    let stderr = '';
    const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }, dir);
    return { code, stdout, stderr };
  };
}

/**
 * A template refused when the change set is made, by the engine and by `slipway stack deploy`
 * (exit 2, one line, `NAME.yaml:LINE:` when a line is given), with no stack and no resource made.
 */
export async function refusedBeforeCreation(engine: StackEngine, dir: string, name: string, text: string, message: RegExp, line?: number): Promise<void> {
  await assert.rejects(deploy(engine, dir, name, text), message);
  assert.equal(engine.stacks.read(name), undefined, `${name}: nothing is created`);
  const file = path.join(dir, `${name}.yaml`);
  fs.writeFileSync(file, text);
  let stderr = '';
  const code = await main(['stack', 'deploy', name, '--template', file], { stdout: () => {}, stderr: (t) => (stderr += t) }, dir);
  assert.equal(code, 2, stderr);
  assert.match(stderr, message);
  if (line !== undefined) assert.match(stderr, new RegExp(`${name}\\.yaml:${line}: `), 'names the file and the line');
  assert.equal(stderr.trim().split('\n').length, 1, 'one line');
  assert.equal(engine.stacks.read(name), undefined);
}
