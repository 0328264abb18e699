import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { brief, findings } from '../helpers';

function revision(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-appspec-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), content);
  }
  return root;
}

const text = 'version: 0.0\nos: linux\nfiles:\n  - source: src\n    destination: /srv/app\n  - source: missing\n    destination: /srv/app\nhooks:\n  ApplicationStart:\n    - location: scripts/start.sh\n    - location: scripts/missing.sh\n';

test('hook locations and file sources must exist relative to the revision root', () => {
  const root = revision({ 'appspec.yml': text, 'src/index.js': '', 'scripts/start.sh': '' });
  assert.deepEqual(brief(findings('appspec', text, path.join(root, 'appspec.yml'))), ['EA106@6:13', 'EA103@11:17']);
  fs.rmSync(root, { recursive: true });
});

test('files not named appspec.yml at a revision root are not checked against the disk', () => {
  const root = revision({ 'other-appspec.yml': text });
  assert.deepEqual(findings('appspec', text, path.join(root, 'other-appspec.yml')), []);
  fs.rmSync(root, { recursive: true });
});
