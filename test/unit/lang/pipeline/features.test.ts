import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Location } from 'vscode-languageserver-types';
import { labels, requestAt, service } from '../feature-helpers';
import { samplePipeline } from '../helpers';

const pipelineText = JSON.stringify(samplePipeline(), null, 2);

test('pipeline completion: providers of the category, configuration keys of the provider', () => {
  const provider = pipelineText.replace('"provider": "CodeBuild"', '"provider": "|"');
  const providers = labels('/nonexistent/pipeline.json', provider);
  assert.ok(providers.includes('CodeBuild') && providers.includes('Jenkins') && !providers.includes('CodeDeploy'), providers.join());
  const config = pipelineText.replace('"ProjectName": "demo"', '"ProjectName": "demo", |');
  const keys = labels('/nonexistent/pipeline.json', config);
  assert.ok(keys.includes('EnvironmentVariables') && !keys.includes('ProjectName'), keys.join());
  const yaml = 'stages:\n  - name: Build\n    actions:\n      - name: Build\n        actionTypeId:\n          category: Deploy\n          owner: AWS\n          provider: |\n';
  assert.ok(labels('/nonexistent/pipeline.yml', yaml).includes('CloudFormation'));
});

test('go to definition from an input artifact to the action that produces it', () => {
  const marked = pipelineText.replace(/"inputArtifacts": \[\n(\s*)\{\n(\s*)"name": "BuildOutput"/, (m) => m.replace('"BuildOutput"', '"Build|Output"'));
  const request = requestAt('/nonexistent/pipeline.json', marked);
  const location = service(request).definition!(request) as Location;
  const clean = marked.replace('|', '');
  const line = clean.split('\n').findIndex((l) => l.includes('"name": "BuildOutput"'));
  assert.equal(location.range.start.line, line);
});

test('pipeline outline lists stages and their actions', () => {
  const request = requestAt('/nonexistent/pipeline.json', pipelineText);
  const symbols = service(request).documentSymbols!(request.document, request.analysis);
  assert.deepEqual(symbols.map((s) => s.name), ['Source', 'Build', 'Deploy']);
  assert.equal(symbols[1].children?.[0].detail, 'Build · CodeBuild');
});

test('#{ completion offers the namespaces and pipeline variables', () => {
  const marked = pipelineText.replace('"demo-#{variables.Stage}"', '"demo-#{|"');
  const items = labels('/nonexistent/pipeline.json', marked);
  assert.ok(items.includes('#{variables.Stage}') && items.includes('#{SourceVariables.CommitId}'), items.join());
});

