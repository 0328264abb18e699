import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Location, MarkupContent } from 'vscode-languageserver-types';
import { featuresFor } from '../../../../server/features';
import { templatePipelineFeatures } from '../../../../server/services/pipeline';
import { labels, requestAt, service } from '../feature-helpers';
import { samplePipeline } from '../helpers';

const template = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Pipeline:
    Type: AWS::CodePipeline::Pipeline
    Properties:
      Stages:
        - Name: Source
          Actions:
            - Name: Source
              ActionTypeId: { Category: Source, Owner: AWS, Provider: CodeCommit, Version: 1 }
              Configuration: { RepositoryName: r, BranchName: main }
              OutputArtifacts:
                - Name: Src
              Namespace: SourceVariables
        - Name: Build
          Actions:
            - Name: Build
              ActionTypeId: { Category: Build, Owner: AWS, Provider: CodeBuild, Version: 1 }
              Configuration:
                ProjectName: p
                EnvironmentVariables: '[{"name":"C","value":"#{SourceVariables.Com|mitId}"}]'
              InputArtifacts:
                - Name: Src
`;

test('template pipelines: the service is registered for templates', () => {
  assert.ok(featuresFor('template').includes(templatePipelineFeatures));
});

test('template pipelines: hover over #{…} names the action that sets it; definition jumps to its namespace', () => {
  const request = requestAt('/nonexistent/template.yaml', template);
  const hover = templatePipelineFeatures.hover!(request);
  assert.match((hover!.contents as MarkupContent).value, /CommitId.*CodeCommit action \*\*Source\*\*/);
  const location = templatePipelineFeatures.definition!(request) as Location;
  assert.equal(location.range.start.line, 13);
});

test('template pipelines: an input artifact leads to its producer', () => {
  const marked = template.replace('#{SourceVariables.Com|mitId}', '#{SourceVariables.CommitId}').replace(/(InputArtifacts:\n\s+- Name: )Src/, '$1S|rc');
  const request = requestAt('/nonexistent/template.yaml', marked);
  const location = templatePipelineFeatures.definition!(request) as Location;
  assert.equal(location.range.start.line, 12);
});

test('JSON: completing inside quotes replaces the closing quote too', () => {
  const text = '{\n  "pipeline": {\n    "name": "x",\n    "pipelineType": "V|"\n  }\n}';
  const request = requestAt('/nonexistent/pipeline.json', text);
  const item = service(request).completion!(request).find((i) => i.label === 'V2')!;
  const edit = item.textEdit as { range: { start: { character: number }; end: { character: number } }; newText: string };
  assert.equal(edit.newText, '"V2"');
  assert.equal(edit.range.end.character - edit.range.start.character, '"V"'.length);
  const keys = labels('/nonexistent/pipeline.json', JSON.stringify(samplePipeline(), null, 2).replace('"namespace": "SourceVariables"', '"namespace": "SourceVariables", "|"'));
  assert.deepEqual(keys, ['inputArtifacts', 'roleArn', 'region', 'timeoutInMinutes', 'commands', 'outputVariables']);
});

test('template pipelines: configuration keys, providers and #{…} complete inside the resource', () => {
  const keys = (marked: string) => {
    const request = requestAt('/nonexistent/template.yaml', marked);
    return (templatePipelineFeatures.completion!(request) ?? []).map((i) => i.label);
  };
  const clean = template.replace('Com|mitId', 'CommitId');
  assert.ok(keys(clean.replace('                ProjectName: p\n', '                ProjectName: p\n                |\n')).includes('PrimarySource'));
  assert.ok(keys(clean.replace('Provider: CodeBuild, Version: 1 }', 'Version: 1,\n                Provider: | }')).includes('CodeBuild'));
  assert.ok(keys(clean.replace('ProjectName: p', 'ProjectName: p-#{|')).includes('#{SourceVariables.CommitId}'));
  assert.deepEqual(keys(`AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      |\n`), []);
});
