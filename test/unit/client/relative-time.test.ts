// Row texts must not change every second: each change re-renders the row and its children,
// and a click landing in that moment runs nothing (VS Code: "Actual command not found").
// The vscode module the client imports: a stand-in, installed before the client loads.
import './recording-vscode';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ago } from '../../../client/common/node-tree';

test('a time under a minute ago reads the same for the whole minute', () => {
  const start = Date.parse('2026-12-01T10:00:00Z');
  const texts = new Set([1, 5, 30, 59].map((seconds) => ago('2026-12-01T10:00:00Z', start + seconds * 1000)));
  assert.deepEqual([...texts], ['just now']);
  assert.equal(ago('2026-12-01T10:00:00Z', start + 5 * 60_000), '5 min ago');
  assert.equal(ago('2026-12-01T10:00:00Z', start + 3 * 3600_000), '3 h ago');
  assert.equal(ago(undefined, start), '');
});
