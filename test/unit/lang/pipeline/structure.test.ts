import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, findings, pipelineFindings, samplePipeline } from '../helpers';

test('the sample pipeline is clean, bare or wrapped', () => {
  assert.deepEqual(pipelineFindings(() => {}), []);
  assert.deepEqual(findings('pipeline', JSON.stringify(samplePipeline().pipeline, null, 2), '/nonexistent/pipeline.json'), []);
});

test('a pipeline needs two stages', () => {
  const result = pipelineFindings((p) => p.stages.splice(1));
  assert.deepEqual(result.map((d) => d.code), ['EP101']);
});

test('source actions only in the first stage, and only source actions there', () => {
  const result = pipelineFindings((p) => {
    const source = p.stages[0].actions[0];
    p.stages[1].actions.push({ ...source, name: 'Second', outputArtifacts: [{ name: 'Other' }], namespace: 'Other' });
    // Its input comes from the source action before it, so only the placement is wrong.
    p.stages[0].actions.push({ ...p.stages[2].actions[0], name: 'EarlyDeploy', runOrder: 2, inputArtifacts: [{ name: 'SourceOutput' }] });
  });
  assert.deepEqual(result.map((d) => d.code), ['EP102', 'EP102']);
  assert.match(result[0].message, /the first stage holds only source actions/);
});

test('input artifacts are produced earlier; names are unique', () => {
  const missing = pipelineFindings((p) => (p.stages[2].actions[0].inputArtifacts = [{ name: 'BuildOutptu' }]));
  assert.deepEqual(missing.map((d) => d.code), ['EP103']);
  assert.equal(missing[0].data?.replacement, 'BuildOutput');
  const late = pipelineFindings((p) => (p.stages[1].actions[0].inputArtifacts = [{ name: 'BuildOutput' }]));
  assert.deepEqual(late.map((d) => d.code), ['EP103']);
  const twice = pipelineFindings((p) => (p.stages[1].actions[0].outputArtifacts = [{ name: 'SourceOutput' }]));
  assert.ok(twice.some((d) => d.code === 'EP104'));
});

test('runOrder is at least 1 (schema and semantic check agree on one finding)', () => {
  const result = pipelineFindings((p) => (p.stages[1].actions[0].runOrder = 0));
  assert.deepEqual(result.map((d) => d.code), ['EP105']);
});

test('stage and action names are unique', () => {
  const result = pipelineFindings((p) => (p.stages[2].name = 'Build'));
  assert.deepEqual(result.map((d) => d.code), ['EP110']);
});

test('findings sit at the exact value', () => {
  const text = JSON.stringify(samplePipeline(), null, 2).replace('"provider": "CodeBuild"', '"provider": "CodeBiuld"');
  const result = findings('pipeline', text, '/nonexistent/pipeline.json');
  const line = text.split('\n').findIndex((l) => l.includes('CodeBiuld'));
  assert.deepEqual(brief(result), [`EP106@${line + 1}:${text.split('\n')[line].indexOf('"CodeBiuld"') + 1}`]);
  assert.equal(result[0].data?.replacement, 'CodeBuild');
});
