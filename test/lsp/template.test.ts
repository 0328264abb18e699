import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, CompletionItem, DocumentSymbol, Hover, Location, MarkupContent, WorkspaceEdit } from 'vscode-languageserver-types';
import { initializedServer } from './client';

const server = initializedServer();

const TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env:
    Type: String
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketNam: !Sub "\${Env}-data"
      VersioningConfiguration:
        Status: Enabled
  Queue:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [!Ref Bucket]
  Topic:
    Type: AWS::SNS::Topic
    Condition: IsProd
    Properties:
      TopicName: !GetAtt Bucket.Arn
Outputs:
  Name:
    Value: !Ref Bucket
`;

const at = (line: number, character: number) => ({ line, character });

test('diagnostics arrive with cfn-lint rule ids, exact ranges and did-you-mean quick fixes', async () => {
  const uri = 'file:///work/project/app.template.yaml';
  const waiting = server().diagnostics(uri);
  await server().open(uri, TEMPLATE);
  const { diagnostics } = await waiting;
  const e3002 = diagnostics.find((d) => d.code === 'E3002')!;
  assert.deepEqual(e3002.range, { start: at(10, 6), end: at(10, 15) });
  assert.match(String(e3002.message), /did you mean BucketName/);
  const e3003 = diagnostics.find((d) => d.code === 'E3003')!;
  assert.match(String(e3003.message), /PolicyDocument/);

  const actions = await server().request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: e3002.range,
    context: { diagnostics: [e3002, e3003] },
  });
  const rename = actions.find((a) => a.title.includes('BucketName'))!;
  assert.deepEqual(rename.edit!.changes![uri], [{ range: e3002.range, newText: 'BucketName' }]);
  const add = actions.find((a) => a.title.includes('PolicyDocument'))!;
  assert.deepEqual(add.edit!.changes![uri], [{ range: { start: at(16, 0), end: at(16, 0) }, newText: '      PolicyDocument: \n' }]);
});

test('the missing-required quick fix works in JSON templates: into Properties, or a new Properties member', async () => {
  const uri = 'file:///work/project/app.template.json';
  const text = `{
  "Resources": {
    "Policy": {
      "Type": "AWS::SQS::QueuePolicy",
      "Properties": {
        "Queues": ["q"]
      }
    },
    "Stream": {
      "Type": "AWS::Kinesis::StreamConsumer"
    }
  }
}
`;
  const waiting = server().diagnostics(uri);
  await server().open(uri, text);
  const { diagnostics } = await waiting;
  const missing = diagnostics.filter((d) => d.code === 'E3003');
  assert.equal(missing.length, 2, JSON.stringify(diagnostics));
  const actions = await server().request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: missing[0].range, context: { diagnostics: missing } });
  const applied = actions
    .filter((a) => a.title.startsWith('Add required'))
    .map((a) => a.edit!.changes![uri][0])
    .sort((a, b) => b.range.start.line - a.range.start.line)
    .reduce((current, edit) => {
      const lines = current.split('\n');
      const offset = lines.slice(0, edit.range.start.line).join('\n').length + (edit.range.start.line ? 1 : 0) + edit.range.start.character;
      return current.slice(0, offset) + edit.newText + current.slice(offset);
    }, text);
  const value = JSON.parse(applied) as { Resources: Record<string, { Properties: Record<string, unknown> }> };
  assert.deepEqual(Object.keys(value.Resources.Policy.Properties).sort(), ['PolicyDocument', 'Queues']);
  assert.deepEqual(Object.keys(value.Resources.Stream.Properties).sort(), ['ConsumerName', 'StreamARN']);
  assert.match(applied, /\n {8}"PolicyDocument": "",\n {8}"Queues"/);
});

test('completion: fuzzy resource types, required properties first, Ref/GetAtt/Sub targets, in a broken document', async () => {
  const uri = 'file:///work/project/broken.template.yaml';
  const text = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env: {Type: String}
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Description: !GetAtt Role.
      Handler: !Ref E
      Runtime: !Sub "\${En"
      
  Role:
    Type: AWS::IAM::Role
  Store:
    Type: s3buck
  Broken: [unclosed
`;
  await server().open(uri, text);
  const complete = (line: number, character: number) => server().request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: at(line, character) });

  const types = await complete(14, 16);
  assert.equal(types[0].label, 'AWS::S3::Bucket');

  const properties = await complete(10, 6);
  const labels = properties.map((i) => i.label);
  assert.ok(labels.includes('Code') && labels.includes('Timeout') && !labels.includes('Handler'), labels.slice(0, 10).join());
  const sorted = [...properties].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
  assert.deepEqual(sorted.slice(0, 2).map((i) => i.label), ['Code', 'Role']);
  // Detail: type, required, update behaviour (never the label again); documentation: what it is, with the AWS page.
  assert.match(sorted[0].detail!, /Required · Update requires: /);
  assert.doesNotMatch(sorted[0].detail!, /Code/);
  const documentation = sorted[0].documentation as { kind: string; value: string };
  assert.equal(documentation.kind, 'markdown');
  assert.match(documentation.value, /\S[\s\S]*\[AWS documentation\]\(https:\/\/docs\.aws\.amazon\.com\/AWSCloudFormation\/latest\/UserGuide\/aws-resource-lambda-function\.html#cfn-lambda-function-code\)/);

  const refs = (await complete(8, 20)).map((i) => i.label);
  assert.ok(refs.includes('Env') && refs.includes('Role') && refs.includes('AWS::Region'), refs.join());

  const attributes = (await complete(7, 34)).map((i) => i.label);
  assert.ok(attributes.includes('Role.Arn'), attributes.join());

  const sub = await complete(9, 24);
  assert.ok(sub.some((i) => i.label === 'Env' && (i.textEdit as { newText: string }).newText === 'Env}'), JSON.stringify(sub.slice(0, 3)));
});

test('hover explains types, properties (required, replacement, limits, link) and references', async () => {
  const uri = 'file:///work/project/app.template.yaml';
  const hover = (line: number, character: number) => server().request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: at(line, character) });
  const type = (await hover(8, 14))!.contents as MarkupContent;
  assert.match(type.value, /AWS::S3::Bucket/);
  assert.match(type.value, /https:\/\/docs\.aws\.amazon\.com\/AWSCloudFormation\/latest\/UserGuide\/aws-resource-s3-bucket\.html/);
  // Description and link come before the (short) attribute list.
  assert.ok(type.value.indexOf('[AWS documentation]') < type.value.indexOf('GetAtt attributes'), type.value);
  assert.match(type.value, /GetAtt attributes: (`[^`]+`, ){4}`[^`]+` and \d+ more/);
  const property = (await hover(11, 10))!.contents as MarkupContent;
  assert.match(property.value, /VersioningConfiguration/);
  assert.match(property.value, /Update requires/);
  const reference = (await hover(24, 16))!.contents as MarkupContent;
  assert.match(reference.value, /Bucket.*AWS::S3::Bucket/);
  const limited = (await hover(21, 8))!.contents as MarkupContent;
  assert.match(limited.value, /TopicName/);
  assert.match(limited.value, /Length 1–256 · Pattern `\^\[\\w-\]\+\(\\\.fifo\)\?\$`/);
  const fn = (await hover(21, 19))!.contents as MarkupContent;
  assert.match(fn.value, /Fn::GetAtt/);
  assert.match(fn.value, /intrinsic-function-reference-getatt\.html/);
});

test('definition, references and rename follow logical ids through Ref, GetAtt and Sub', async () => {
  const uri = 'file:///work/project/app.template.yaml';
  const definition = await server().request<Location>('textDocument/definition', { textDocument: { uri }, position: at(21, 26) });
  assert.deepEqual(definition.range, { start: at(7, 2), end: at(7, 8) });

  const references = await server().request<Location[]>('textDocument/references', { textDocument: { uri }, position: at(7, 3), context: { includeDeclaration: false } });
  assert.deepEqual(references.map((r) => r.range.start.line).sort((a, b) => a - b), [16, 21, 24]);

  const envRefs = await server().request<Location[]>('textDocument/references', { textDocument: { uri }, position: at(2, 3), context: { includeDeclaration: true } });
  assert.deepEqual(envRefs.map((r) => r.range.start.line), [2, 5, 10]);

  const edit = await server().request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: at(7, 3), newName: 'Store' });
  const edits = edit.changes![uri];
  assert.equal(edits.length, 4);
  assert.ok(edits.every((e) => e.newText === 'Store'));
});

test('document symbols outline the sections with resources by type', async () => {
  const uri = 'file:///work/project/app.template.yaml';
  const symbols = await server().request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.deepEqual(symbols.map((s) => s.name), ['Parameters', 'Conditions', 'Resources', 'Outputs']);
  const resources = symbols.find((s) => s.name === 'Resources')!;
  assert.deepEqual(resources.children!.map((c) => `${c.name}:${c.detail}`), ['Bucket:AWS::S3::Bucket', 'Queue:AWS::SQS::QueuePolicy', 'Topic:AWS::SNS::Topic']);
});

test('while a key is half typed, the last good findings stay for the rest of the document beside the parse error', async () => {
  const uri = 'file:///work/project/typing.template.yaml';
  const first = server().diagnostics(uri);
  await server().open(uri, TEMPLATE);
  const good = (await first).diagnostics;
  const later = good.find((d) => d.code === 'E3003' && d.range.start.line === 15);
  assert.ok(good.some((d) => d.code === 'E3002') && later, JSON.stringify(good));
  // A half-typed property key on a line of its own inside the Bucket (line 11 of the text).
  const lines = TEMPLATE.split('\n');
  const typing = [...lines.slice(0, 11), '      Versio', '        x: y', ...lines.slice(11)].join('\n');
  const broken = server().diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'E0000'));
  await server().change(uri, typing);
  const { diagnostics } = await broken;
  // The finding before the edit stays where it was; the one after moves down by the two lines.
  assert.ok(diagnostics.some((d) => d.code === 'E3002' && d.range.start.line === 10), JSON.stringify(diagnostics));
  assert.ok(diagnostics.some((d) => d.code === 'E3003' && d.range.start.line === 17), JSON.stringify(diagnostics));
  await server().close(uri);
});
