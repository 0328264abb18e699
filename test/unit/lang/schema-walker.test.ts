import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from '../../../runtime/common/yaml/document';
import { schemasAt, propertiesOf, valuesOf } from '../../../runtime/schema/lookup';
import { suggest } from '../../../runtime/schema/suggest';
import type { JsonSchema } from '../../../runtime/schema/types';
import { validateNode } from '../../../runtime/schema/validate';
import { BUILDSPEC_SCHEMA } from '../../../runtime/buildspec/checks/schema';
import { PIPELINE_SCHEMA } from '../../../runtime/pipelines/checks/schema';

const schema: JsonSchema = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', pattern: '^[a-z]+$' },
    size: { type: 'integer', minimum: 1 },
    tags: { type: 'array', items: { type: 'string', enum: ['a', 'b'] } },
  },
  definitions: {},
};

const run = (text: string) => {
  const parsed = parseDocument('x.yml', text);
  return validateNode(parsed.doc.contents, schema, parsed.lines, 'T').map((d) => `${d.code}@${d.range.start.line + 1}:${d.range.start.character + 1}`);
};

test('the walker reports each keyword at its node', () => {
  assert.deepEqual(run('name: abc\nsize: 2\ntags: [a]\n'), []);
  assert.deepEqual(run('size: 0\n'), ['T005@1:7', 'T003@1:1']);
  assert.deepEqual(run('name: ABC\ntags: [a, c]\nextra: 1\n'), ['T005@1:7', 'T004@2:11', 'T001@3:1']);
  assert.deepEqual(run('name:\n'), ['T002@1:1']);
});

test('suggest counts a transposition as one edit', () => {
  assert.equal(suggest('biuld', ['install', 'pre_build', 'build', 'post_build']), 'build');
  assert.equal(suggest('comands', ['commands', 'finally']), 'commands');
  assert.equal(suggest('xyz', ['commands']), undefined);
});

test('lookup finds the schemas, keys and values at a path', () => {
  const phase = schemasAt(BUILDSPEC_SCHEMA, ['phases', 'build']);
  assert.deepEqual(propertiesOf(phase, BUILDSPEC_SCHEMA).map((p) => p.name), ['run-as', 'on-failure', 'commands', 'finally']);
  assert.ok(valuesOf(schemasAt(BUILDSPEC_SCHEMA, ['phases', 'build', 'on-failure'])).includes('ABORT'));
  const wrapped = schemasAt(PIPELINE_SCHEMA, ['pipeline', 'stages', 0, 'actions', 0, 'actionTypeId', 'category'], { pipeline: {} });
  assert.ok(valuesOf(wrapped).includes('Source'));
  const bare = schemasAt(PIPELINE_SCHEMA, ['stages', 0], { stages: [] });
  assert.ok(propertiesOf(bare, PIPELINE_SCHEMA).some((p) => p.name === 'actions'));
});
