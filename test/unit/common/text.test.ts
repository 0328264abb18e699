import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex, didYouMean, editDistance, plural } from '../../../runtime/common/text';

test('LineIndex maps offsets and positions both ways', () => {
  const index = new LineIndex('ab\ncde\n\nf');
  assert.deepEqual(index.positionAt(0), { line: 0, character: 0 });
  assert.deepEqual(index.positionAt(4), { line: 1, character: 1 });
  assert.deepEqual(index.positionAt(8), { line: 3, character: 0 });
  assert.equal(index.offsetAt({ line: 1, character: 1 }), 4);
  assert.equal(index.offsetAt({ line: 1, character: 99 }), 6);
  assert.equal(index.lineText(1), 'cde');
  assert.equal(index.lineCount, 4);
});

test('did-you-mean finds near misses and ignores far ones', () => {
  assert.equal(editDistance('comands', 'commands'), 1);
  assert.equal(didYouMean('comands', ['commands', 'finally']), 'commands');
  assert.equal(didYouMean('biuld', ['install', 'pre_build', 'build', 'post_build']), 'build');
  assert.equal(didYouMean('zzzzzz', ['commands']), undefined);
  assert.equal(didYouMean('BucketNme', ['BucketName', 'Tags']), 'BucketName');
});

test('plural puts the noun in the number of its count', () => {
  assert.equal(plural(1, 'branch'), '1 branch');
  assert.equal(plural(2, 'branch'), '2 branches');
  assert.equal(plural(0, 'tag'), '0 tags');
  assert.equal(plural(1, 'approval'), '1 approval');
  assert.equal(plural(3, 'index', 'indices'), '3 indices');
});
