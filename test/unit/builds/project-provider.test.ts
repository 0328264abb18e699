import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import '../../../runtime/plugins';
import { ProjectStore } from '../../../runtime/builds/projects';
import { runBuild } from '../../../runtime/builds/runner';
import { deploy, engineInTemp } from '../stacks/helpers';

test('a template’s AWS::CodeBuild::Project becomes a build project that builds', async () => {
  const { engine, dir, state } = engineInTemp();
  const source = path.join(dir, 'src');
  fs.mkdirSync(source);
  fs.writeFileSync(path.join(source, 'hello.txt'), 'hi\n');
  const template = `
Resources:
  Project:
    Type: AWS::CodeBuild::Project
    Properties:
      Name: from-template
      TimeoutInMinutes: 5
      Source:
        Type: NO_SOURCE
        BuildSpec: |
          version: 0.2
          phases:
            build:
              commands:
                - echo "greeting=$GREETING"
                - cat hello.txt
      Environment:
        Type: LINUX_CONTAINER
        ComputeType: BUILD_GENERAL1_SMALL
        Image: aws/codebuild/standard:7.0
        EnvironmentVariables:
          - Name: GREETING
            Value: hello
      Artifacts:
        Type: NO_ARTIFACTS
      ServiceRole: arn:aws:iam::000000000000:role/build
Outputs:
  Arn:
    Value: !GetAtt Project.Arn
  Name:
    Value: !Ref Project
`;
  const record = await deploy(engine, dir, 'ci', template);
  assert.equal(record.status, 'CREATE_COMPLETE');
  const project = new ProjectStore(state).require('from-template');
  assert.deepEqual(project.env, { GREETING: 'hello' });
  assert.equal(project.timeoutSeconds, 300);
  const outputs = Object.fromEntries(record.outputs.map((o) => [o.key, o.value]));
  assert.equal(outputs.Arn, 'arn:aws:codebuild:us-east-1:000000000000:project/from-template');
  assert.equal(outputs.Name, 'from-template');

  const build = await runBuild({ store: state, project: 'from-template', source });
  assert.equal(build.status, 'SUCCEEDED');
  assert.match(fs.readFileSync(build.logFile, 'utf8'), /greeting=hello/);

  await engine.deleteStack('ci');
  assert.equal(new ProjectStore(state).get('from-template'), undefined);
});

test('secret-typed environment variables are refused with what to do instead', async () => {
  const { engine, dir } = engineInTemp();
  const record = await deploy(engine, dir, 'bad', `
Resources:
  Project:
    Type: AWS::CodeBuild::Project
    Properties:
      Source: { Type: NO_SOURCE, BuildSpec: buildspec.yml }
      Environment:
        EnvironmentVariables:
          - { Name: TOKEN, Value: /ci/token, Type: PARAMETER_STORE }
      Artifacts: { Type: NO_ARTIFACTS }
`);
  assert.equal(record.status, 'ROLLBACK_COMPLETE');
});
