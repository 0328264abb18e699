import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, findings } from '../helpers';

const PIPELINE_CODE = /^(EP|WP)/;

const template = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Repo:
    Type: String
Resources:
  Pipeline:
    Type: AWS::CodePipeline::Pipeline
    Properties:
      RoleArn: !GetAtt Role.Arn
      Stages:
        - Name: Source
          Actions:
            - Name: Source
              ActionTypeId: { Category: Source, Owner: AWS, Provider: CodeCommit, Version: 1 }
              Configuration:
                RepositoryName: !Ref Repo
                BranchName: main
              OutputArtifacts:
                - Name: Src
              Namespace: SourceVariables
        - Name: Build
          Actions:
            - Name: Build
              ActionTypeId: { Category: Build, Owner: AWS, Provider: CodeBuild, Version: 1 }
              Configuration:
                ProjectName: !Ref Project
                EnvironmentVariables: !Sub '[{"name":"C","value":"#{SourceVariables.CommitId}"}]'
              InputArtifacts:
                - Name: Scr
`;

test('pipelines inside templates get the pipeline checks at their positions', () => {
  // Only the pipeline checks' findings: the template checks (unknown Refs…) are tested elsewhere.
  const result = findings('template', template, '/nonexistent/template.yaml').filter((d) => PIPELINE_CODE.test(d.code));
  assert.deepEqual(brief(result), ['EP103@29:25']);
  assert.equal(result[0].data?.replacement, 'Src');
});

test('intrinsic functions are not mistaken for missing values', () => {
  const fixed = template.replace('- Name: Scr', '- Name: Src');
  assert.deepEqual(brief(findings('template', fixed, '/nonexistent/template.yaml'), PIPELINE_CODE), []);
});

test('a template named like a pipeline is still checked as a template', () => {
  assert.deepEqual(brief(findings('pipeline', template, '/nonexistent/my-pipeline.yaml'), PIPELINE_CODE), ['EP103@29:25']);
});
