/**
 * Issue 13, "names reach the file system unchecked": every record kind checks its name
 * against the AWS pattern in its store (runtime/common/names.ts), so the CLI, the
 * extension, templates and API requests meet the same rule. Patterns from the API
 * references: CodeBuild CreateProject, CloudFormation CreateStack/CreateChangeSet,
 * CodeDeploy CreateApplication, CodePipeline PipelineDeclaration, CodeCommit
 * CreateRepository, SSM PutParameter, Secrets Manager CreateSecret.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { checkName, nameProblem, type NameKind } from '../../../runtime/common/names';
import { ParameterStore } from '../../../runtime/common/params';
import { ProjectStore } from '../../../runtime/builds/projects';
import { DeployRegistry } from '../../../runtime/deployments/registry';
import { PipelineStore } from '../../../runtime/pipelines/engine/store';
import { flushAppends } from '../../../runtime/stacks/appender';
import { StackStore } from '../../../runtime/stacks/stack-store';
import { arena, assertOneLine, refuses, tally } from './fs-helpers';

const TEMPLATE = 'Resources:\n  W:\n    Type: AWS::CloudFormation::WaitConditionHandle\n';

async function seeded(t: Parameters<typeof arena>[0]) {
  const a = arena(t);
  const ok = async (args: string[]) => {
    const r = await a.cli(args);
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
  };
  await ok(['param', 'put', 'keep', 'value']);
  await ok(['build', 'project', 'create', 'p1', '--source', path.join(a.dir, 'ws')]);
  await ok(['deploy', 'app', 'create', 'app']);
  fs.writeFileSync(path.join(a.dir, 'ws', 't.yaml'), TEMPLATE);
  await ok(['stack', 'changeset', 'create', 's1', '--template', 't.yaml', '--name', 'cs1']);
  flushAppends(); // stack events are written a moment later; the baseline includes them
  a.baseline();
  return a;
}

test('the issue reproductions through the CLI are refused with one line, exit 2, and nothing changes', async (t) => {
  const a = await seeded(t);
  const planted = path.relative(path.join(a.home, 'stacks', 's1', 'changesets'), path.join(a.victim, 'file'));
  const attacks: string[][] = [
    ['build', 'project', 'delete', '../../params/parameters'],
    ['build', 'project', 'describe', '../../params/parameters'],
    ['deploy', 'instance', 'deregister', '../../params/parameters'],
    ['deploy', 'group', 'delete', 'app', '../../../../params/parameters'],
    ['stack', 'changeset', 'delete', 's1', planted],
    ['stack', 'changeset', 'create', 's1', '--template', 't.yaml', '--name', planted],
    ['stack', 'changeset', 'describe', 's1', '../../../params/parameters'],
    ['pipeline', 'delete', '..'],
    ['pipeline', 'status', '.'],
    ['deploy', 'app', 'create', '..'],
    ['deploy', 'app', 'delete', '..'],
    ['deploy', 'app', 'create', '.'],
    ['deploy', 'app', 'delete', '.'],
    ['deploy', 'config', 'create', '../x', '--min-healthy', 'HOST_COUNT:1'],
    ['deploy', 'instance', 'register', '..', '--root', path.join(a.dir, 'inst')],
    ['repo', 'create', '..'],
    ['user', 'token', 'create', '..'],
    ['param', 'put', '/a/../../b', 'v'],
    ['param', 'put', 'a//b', 'v'],
    ['secret', 'put', 'x/../y', 'v'],
    ['stack', 'describe', '../params'],
  ];
  for (const args of attacks) {
    const r = await a.cli(args);
    tally('names (CLI)', r.code === 2);
    assert.equal(r.code, 2, `${args.join(' ')} exits 2: ${r.stderr}`);
    assertOneLine(r.stderr, /not (allowed|valid)|is not a|refused|no such|does not exist|required|usage/i, args.join(' '));
    a.assertIntact(args.join(' '));
  }
  assert.equal((await a.cli(['deploy', 'app', 'list'])).code, 0, 'deploy app list still works');
  assert.match((await a.cli(['param', 'get', 'keep'])).stdout, /value/);
});

test('stores refuse bad names whichever front end calls them (no CLI involved)', async (t) => {
  const a = await seeded(t);
  const registry = new DeployRegistry(a.store);
  const stacks = new StackStore(a.store);
  const pipelines = new PipelineStore(a.store);
  const projects = new ProjectStore(a.store);
  const bad = ['..', '.', '../x', 'a/b', 'a\\b', '', 'x\0y', '../../params/parameters'];
  for (const name of bad) {
    await refuses('names (store)', `project ${JSON.stringify(name)}`, () => projects.delete(name), /name|required|NUL/);
    await refuses('names (store)', `app ${JSON.stringify(name)}`, () => registry.deleteApplication(name), /name|required|NUL/);
    await refuses('names (store)', `group ${JSON.stringify(name)}`, () => registry.deleteGroup('app', name), /name|required|NUL/);
    await refuses('names (store)', `instance ${JSON.stringify(name)}`, () => registry.deregisterInstance(name), /name|required|NUL/);
    await refuses('names (store)', `stack ${JSON.stringify(name)}`, () => stacks.remove(name), /name|required|NUL/);
    await refuses('names (store)', `change set ${JSON.stringify(name)}`, () => stacks.removeChangeSet('s1', name), /name|required|NUL/);
    await refuses('names (store)', `pipeline ${JSON.stringify(name)}`, () => pipelines.remove(name), /name|required|NUL/);
    await refuses('names (store)', `state path ${JSON.stringify(name)}`, () => a.store.remove('stacks', name), /refused|name/);
  }
  a.assertIntact('store-level attacks');
});

test('parameter and secret names such as __proto__, constructor and toString work like any other', async (t) => {
  const a = arena(t);
  const params = new ParameterStore(a.store);
  for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
    params.putParameter(name, `v-${name}`);
    assert.equal(params.getParameter(name).value, `v-${name}`, name);
    params.putSecret(name, `s-${name}`);
    assert.equal(params.getSecret(name), `s-${name}`, name);
  }
  assert.deepEqual(params.listParameters().map((p) => p.name).sort(), ['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'valueOf']);
  params.deleteParameter('__proto__');
  assert.throws(() => params.getParameter('__proto__'), /not in the local parameter store/);
  assert.equal(params.getParameter('constructor').value, 'v-constructor');
  assert.throws(() => params.getParameter('missing'), /not in the local parameter store/);
  params.putSecret('json', '{"a":1}');
  assert.throws(() => params.resolveSecretReference('json:constructor'), /no JSON key constructor/);
  const r = await a.cli(['param', 'get', 'toString']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /v-toString/);
});

test('the patterns follow the AWS API references (valid names pass, the rest are refused)', () => {
  const valid: Array<[NameKind, string]> = [
    ['build project', 'my-project_1'],
    ['stack', 'My-Stack-1'],
    ['change set', 'cs-1'],
    ['application', 'app.v1@team'],
    ['pipeline', 'pipe.line@x_-'],
    ['repository', 'my.repo-1'],
    ['user', 'dev@example.com'],
    ['parameter', '/Dev/DBServer/MySQL/db-string13'],
    ['parameter', 'plain.name-1'],
    ['secret', 'prod/db+creds=1@x'],
    ['artifact', 'build-2024/output'],
  ];
  for (const [kind, name] of valid) assert.equal(nameProblem(kind, name), undefined, `${kind} ${name}`);
  const invalid: Array<[NameKind, string]> = [
    ['build project', 'a'],
    ['build project', '-lead'],
    ['stack', '1stack'],
    ['stack', 'a'.repeat(129)],
    ['change set', 'cs_1'],
    ['application', '..'],
    ['pipeline', '.'],
    ['repository', 'x.git'],
    ['parameter', '/a/./b'],
    ['parameter', 'aws-reserved'],
    ['parameter', '/ssm/x'],
    ['parameter', Array.from({ length: 16 }, (_, i) => `l${i}`).join('/')],
    ['secret', 'a//b'],
    ['artifact', '../up'],
    ['artifact identifier', 'a-b'],
  ];
  for (const [kind, name] of invalid) {
    const problem = nameProblem(kind, name);
    tally('names (rules)', problem !== undefined);
    assert.ok(problem, `${kind} ${name} must be refused`);
    assert.throws(() => checkName(kind, name), (e: Error) => e.message === problem);
  }
});
