import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pipelineFindings } from '../helpers';

const setDeployApp = (value: string) => pipelineFindings((p) => ((p.stages[2].actions[0].configuration as Record<string, string>).ApplicationName = value));

test('resolvable references are clean', () => {
  assert.deepEqual(setDeployApp('#{variables.Stage}-#{SourceVariables.CommitId}-#{BuildVariables.ANYTHING}-#{codepipeline.PipelineExecutionId}'), []);
});

test('unknown pipeline variables and namespaces are errors with replacements', () => {
  const variable = setDeployApp('app-#{variables.Stag}');
  assert.deepEqual(variable.map((d) => d.code), ['EP109']);
  assert.equal(variable[0].data?.replacement, '#{variables.Stage}');
  const namespace = setDeployApp('#{SourceVariable.CommitId}');
  assert.equal(namespace[0].data?.replacement, '#{SourceVariables.CommitId}');
});

test('a source namespace only publishes its documented variables', () => {
  const result = setDeployApp('#{SourceVariables.CommitID}');
  assert.deepEqual(result.map((d) => d.code), ['EP109']);
  assert.equal(result[0].data?.replacement, '#{SourceVariables.CommitId}');
});

test('a namespace must come from an action that finishes earlier', () => {
  const result = pipelineFindings((p) => ((p.stages[0].actions[0].configuration as Record<string, string>).BranchName = '#{BuildVariables.Branch}'));
  assert.deepEqual(result.map((d) => d.code), ['EP109']);
  assert.match(result[0].message, /does not finish before/);
});

test('the reference range covers exactly #{…}', () => {
  const result = setDeployApp('prefix #{variables.Nope} suffix');
  const range = result[0].range;
  assert.equal(range.end.character - range.start.character, '#{variables.Nope}'.length);
});
