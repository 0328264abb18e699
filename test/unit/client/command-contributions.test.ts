// A command the extension registers but package.json does not contribute has no palette
// entry and no title: users cannot find it (the AWS endpoint's Start/Stop were such).
// Commands only reachable from a view's rows are contributed too, hidden with `when: false`.
// The vscode module the client imports: a stand-in, installed before the client loads.
import './recording-vscode';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { COMMANDS } from '../../../client/commands';

const root = path.resolve(__dirname, '../../..');
const contributes = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).contributes as { commands: Array<{ command: string; title?: string }> };

test('every command of the table is contributed with a title, and every contributed command is registered', () => {
  const contributed = new Map(contributes.commands.map((c) => [c.command, c.title]));
  for (const id of Object.keys(COMMANDS)) assert.ok(contributed.get(id), `${id} is registered but not contributed with a title in contributes/*.json`);
  for (const id of contributed.keys()) assert.ok(id in COMMANDS, `${id} is contributed but the extension registers no handler for it`);
});
