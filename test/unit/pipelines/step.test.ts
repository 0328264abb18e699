// Direct tests of the engine's pure step logic (runtime/pipelines/engine/step.ts): given
// records, what changes next. Behaviours follow the CodePipeline User Guide: runOrder
// groups ("Action structure requirements"), manual approvals that expire after 7 days
// ("Add a manual approval action"), stage onFailure retry/rollback ("Configure stage
// rollback", "Configure automatic retry on stage failure"), execution modes ("Set or
// change the pipeline execution mode") and entry conditions ("Configure conditions for a stage").
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePipeline, type PipelineDeclaration } from '../../../runtime/pipelines/model';
import type { ExecutionRecord, PipelineRecord } from '../../../runtime/pipelines/engine/records';
import {
  APPROVAL_LIFETIME_MS,
  advanceWithinStage,
  decideEntries,
  enterStage,
  newStageState,
  nextStage,
  rulePasses,
  stopWaiting,
  supersede,
  type ActionRef,
} from '../../../runtime/pipelines/engine/step';
import { command, localSource } from './helpers';

const NOW = Date.parse('2026-06-01T12:00:00Z');

function declaration(extra = '', mode = 'SUPERSEDED'): PipelineDeclaration {
  return parsePipeline(
    'step.yml',
    `pipeline:
  name: step
  pipelineType: V2
  executionMode: ${mode}
  stages:
${localSource()}    - name: Deploy
${extra}      actions:
${command('First', 'true', '          runOrder: 1\n')}${command('Second', 'true', '          runOrder: 2\n')}${command('Beside', 'true', '          runOrder: 1\n')}`,
  );
}

function execution(decl: PipelineDeclaration, id = 'e1'): ExecutionRecord {
  return {
    pipelineName: decl.name,
    pipelineVersion: 1,
    executionId: id,
    executionMode: decl.executionMode,
    status: 'InProgress',
    trigger: { triggerType: 'StartPipelineExecution' },
    startTime: new Date(NOW).toISOString(),
    lastUpdateTime: new Date(NOW).toISOString(),
    variables: {},
    namespaces: { SourceVariables: { BranchName: 'main' } },
    artifacts: {},
    sourceRevisions: [],
    stages: decl.stages.map(newStageState),
  } as ExecutionRecord;
}

/** The execution with its Source stage done and Deploy entered. */
function inDeploy(decl: PipelineDeclaration, id = 'e1'): ExecutionRecord {
  const record = execution(decl, id);
  record.stages[0].status = 'Succeeded';
  record.stages[0].actions[0].status = 'Succeeded';
  assert.equal(enterStage(record, 'Deploy', decl), true);
  return record;
}

const nothingRuns = () => false;
const names = (refs: ActionRef[]) => refs.map((r) => r.action).sort();

test('a stage starts its lowest runOrder group together, then the next group, then succeeds', () => {
  const decl = declaration();
  const record = inDeploy(decl);
  const first = advanceWithinStage(record, decl, nothingRuns, NOW);
  assert.equal(first.kind, 'launch');
  assert.deepEqual(names((first as { actions: ActionRef[] }).actions), ['Beside', 'First']);
  assert.equal(advanceWithinStage(record, decl, () => true, NOW).kind, 'none', 'nothing moves while the group runs');
  for (const a of record.stages[1].actions.filter((a) => a.status === 'InProgress')) a.status = 'Succeeded';
  const second = advanceWithinStage(record, decl, nothingRuns, NOW);
  assert.deepEqual(names((second as { actions: ActionRef[] }).actions), ['Second']);
  record.stages[1].actions.find((a) => a.name === 'Second')!.status = 'Succeeded';
  assert.equal(advanceWithinStage(record, decl, nothingRuns, NOW).kind, 'changed');
  assert.equal(record.stages[1].status, 'Succeeded');
  assert.equal(record.status, 'Succeeded', 'the last stage succeeding ends the execution');
});

test('a failed action fails the stage and the execution, naming the action and its error', () => {
  const decl = declaration();
  const record = inDeploy(decl);
  advanceWithinStage(record, decl, nothingRuns, NOW);
  const first = record.stages[1].actions.find((a) => a.name === 'First')!;
  first.status = 'Failed';
  first.errorMessage = 'exit status 2';
  record.stages[1].actions.find((a) => a.name === 'Beside')!.status = 'Succeeded';
  assert.equal(advanceWithinStage(record, decl, nothingRuns, NOW).kind, 'changed');
  assert.equal(record.stages[1].status, 'Failed');
  assert.equal(record.status, 'Failed');
  assert.equal(record.statusSummary, 'Stage Deploy failed: First (exit status 2)');
  assert.equal(record.stages[1].actions.find((a) => a.name === 'Second')!.status, 'NotStarted', 'later groups never start');
});

test('onFailure RETRY runs the failed actions again once; ROLLBACK asks the driver to roll the stage back', () => {
  const retrying = declaration('      onFailure: { result: RETRY, retryConfiguration: { retryMode: FAILED_ACTIONS } }\n');
  const record = inDeploy(retrying);
  advanceWithinStage(record, retrying, nothingRuns, NOW);
  record.stages[1].actions.find((a) => a.name === 'First')!.status = 'Failed';
  record.stages[1].actions.find((a) => a.name === 'Beside')!.status = 'Succeeded';
  assert.equal(advanceWithinStage(record, retrying, nothingRuns, NOW).kind, 'changed');
  assert.equal(record.stages[1].autoRetries, 1);
  assert.equal(record.stages[1].actions.find((a) => a.name === 'First')!.status, 'NotStarted');
  assert.equal(record.stages[1].actions.find((a) => a.name === 'Beside')!.status, 'Succeeded', 'FAILED_ACTIONS keeps the ones that succeeded');
  assert.equal(record.status, 'InProgress');

  const rolling = declaration('      onFailure: { result: ROLLBACK }\n');
  const other = inDeploy(rolling);
  advanceWithinStage(other, rolling, nothingRuns, NOW);
  other.stages[1].actions.find((a) => a.name === 'First')!.status = 'Failed';
  other.stages[1].actions.find((a) => a.name === 'Beside')!.status = 'Succeeded';
  assert.deepEqual(advanceWithinStage(other, rolling, nothingRuns, NOW), { kind: 'rollback', stage: 'Deploy' });
  assert.equal(other.status, 'Failed');
});

test('an approval decision settles the action; an undecided one expires after 7 days', () => {
  const decl = declaration();
  const record = inDeploy(decl);
  advanceWithinStage(record, decl, nothingRuns, NOW);
  const [first, beside] = ['First', 'Beside'].map((n) => record.stages[1].actions.find((a) => a.name === n)!);
  first.approval = { expiresAt: new Date(NOW + APPROVAL_LIFETIME_MS).toISOString(), decision: { status: 'Rejected', by: 'release-manager', summary: 'not today', at: new Date(NOW).toISOString() } } as typeof first.approval;
  beside.approval = { expiresAt: new Date(NOW + APPROVAL_LIFETIME_MS).toISOString() } as typeof beside.approval;
  assert.equal(advanceWithinStage(record, decl, nothingRuns, NOW).kind, 'changed');
  assert.equal(first.status, 'Failed');
  assert.equal(first.errorMessage, 'Rejected by release-manager: not today');
  assert.equal(beside.status, 'InProgress', 'an undecided approval keeps waiting');
  assert.equal(advanceWithinStage(record, decl, nothingRuns, NOW + APPROVAL_LIFETIME_MS).kind, 'changed');
  assert.equal(beside.status, 'Failed');
  assert.match(beside.errorMessage!, /expired after 7 days/);
});

test('a stop request abandons waiting approvals, waits for running actions, then stops the execution', () => {
  const decl = declaration();
  const record = inDeploy(decl);
  advanceWithinStage(record, decl, nothingRuns, NOW);
  record.stopRequest = { abandon: false, reason: 'bad release', at: new Date(NOW).toISOString() };
  const isFirst = (ref: ActionRef) => ref.action === 'First';
  assert.equal(advanceWithinStage(record, decl, isFirst, NOW).kind, 'changed');
  assert.equal(record.status, 'Stopping');
  assert.equal(record.stages[1].actions.find((a) => a.name === 'Beside')!.status, 'Abandoned');
  assert.equal(record.stages[1].actions.find((a) => a.name === 'First')!.status, 'InProgress', 'running work is left to finish');
  record.stages[1].actions.find((a) => a.name === 'First')!.status = 'Succeeded';
  assert.equal(advanceWithinStage(record, decl, nothingRuns, NOW).kind, 'changed');
  assert.equal(record.status, 'Stopped');
  assert.equal(record.stages[1].status, 'Stopped');
  assert.equal(record.statusSummary, 'bad release');
});

test('entry conditions: a failing FAIL rule fails the stage, a failing SKIP rule skips it', () => {
  const condition = (result: string) =>
    `      beforeEntry:\n        conditions:\n          - result: ${result}\n            rules:\n              - name: OnlyRelease\n                ruleTypeId: { category: Rule, owner: AWS, provider: VariableCheck, version: "1" }\n                configuration: { Variable: "#{SourceVariables.BranchName}", Operator: EQ, Value: "release" }\n`;
  const failing = declaration(condition('FAIL'));
  const failed = inDeploy(failing);
  assert.equal(failed.stages[1].status, 'Failed');
  assert.equal(failed.status, 'Failed');
  assert.match(failed.statusSummary!, /Entry condition rule OnlyRelease failed: #\{SourceVariables.BranchName\} is "main", not EQ "release"/);
  const skipping = declaration(condition('SKIP'));
  const skipped = inDeploy(skipping);
  assert.equal(skipped.stages[1].status, 'Skipped');
  assert.equal(skipped.status, 'Succeeded', 'skipping the last stage ends the execution');
});

test('rulePasses: EQ, NE, CONTAINS, MATCHES, and a bad pattern is a failure saying so', () => {
  const vars = { 'SourceVariables.BranchName': 'release/1.2' };
  const rule = (operator: string, value: string) => ({ name: 'r', variable: '#{SourceVariables.BranchName}', operator, value }) as Parameters<typeof rulePasses>[0];
  assert.deepEqual(rulePasses(rule('EQ', 'release/1.2'), vars), { passed: true, actual: 'release/1.2' });
  assert.equal(rulePasses(rule('NE', 'main'), vars).passed, true);
  assert.equal(rulePasses(rule('CONTAINS', 'lease'), vars).passed, true);
  assert.equal(rulePasses(rule('MATCHES', '^release/\\d+\\.\\d+$'), vars).passed, true);
  const bad = rulePasses(rule('MATCHES', '(unclosed'), vars);
  assert.equal(bad.passed, false);
  assert.match(bad.error!, /invalid regular expression/);
});

test('decideEntries: SUPERSEDED lets the newest waiting execution in, QUEUED the oldest, a disabled transition holds all', () => {
  const pipelineOf = (decl: PipelineDeclaration, transitions: PipelineRecord['transitions'] = {}): PipelineRecord =>
    ({ name: decl.name, version: 1, declaration: decl, baseDir: '/', created: '', updated: '', transitions }) as PipelineRecord;
  const waitingAtDeploy = (decl: PipelineDeclaration, id: string) => {
    const record = execution(decl, id);
    record.stages[0].status = 'Succeeded';
    return record;
  };
  const superseded = declaration();
  const older = waitingAtDeploy(superseded, 'older');
  const newer = waitingAtDeploy(superseded, 'newer');
  assert.deepEqual(decideEntries(pipelineOf(superseded), [older, newer]), { enter: [{ executionId: 'newer', stage: 'Deploy' }], supersede: [{ executionId: 'older', by: 'newer' }], stop: [] });
  assert.equal(nextStage(older)?.name, 'Deploy');
  assert.equal(supersede(older, 'newer'), true);
  assert.equal(older.status, 'Superseded');
  assert.equal(older.statusSummary, 'Superseded by execution newer');

  const queued = declaration('', 'QUEUED');
  const a = waitingAtDeploy(queued, 'a');
  const b = waitingAtDeploy(queued, 'b');
  assert.deepEqual(decideEntries(pipelineOf(queued), [a, b]).enter, [{ executionId: 'a', stage: 'Deploy' }]);
  assert.deepEqual(decideEntries(pipelineOf(queued, { Deploy: { enabled: false } }), [a, b]).enter, []);

  const parallel = declaration('', 'PARALLEL');
  const p1 = waitingAtDeploy(parallel, 'p1');
  const p2 = waitingAtDeploy(parallel, 'p2');
  assert.equal(decideEntries(pipelineOf(parallel), [p1, p2]).enter.length, 2);

  p1.stopRequest = { abandon: true, at: new Date(NOW).toISOString() };
  assert.deepEqual(decideEntries(pipelineOf(parallel), [p1]).stop, ['p1']);
  assert.equal(stopWaiting(p1), true);
  assert.equal(p1.status, 'Stopped');
});
