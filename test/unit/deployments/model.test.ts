import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAppSpec, planInstall } from '../../../runtime/appspec/model';
import { InputError } from '../../../runtime/common/errors';
import { sandbox, writeRevision } from './helpers';

const GOOD = `version: 0.0
os: linux
files:
  - source: src
    destination: /srv/app
file_exists_behavior: OVERWRITE
permissions:
  - object: /srv/app
    pattern: "*.sh"
    except: [keep.sh]
    mode: 750
    type: [file]
hooks:
  BeforeInstall:
    - location: scripts/before.sh
      timeout: 60
      runas: root
  ApplicationStart:
    - location: scripts/start.sh
`;

test('an EC2 appspec becomes files, permissions, behaviour and hooks with defaults', () => {
  const spec = parseAppSpec('appspec.yml', GOOD);
  assert.deepEqual(spec.files, [{ source: 'src', destination: '/srv/app', line: 4 }]);
  assert.equal(spec.fileExistsBehavior, 'OVERWRITE');
  assert.equal(spec.permissions[0].mode, 0o750);
  assert.equal(spec.permissions[0].pattern, '*.sh');
  assert.deepEqual(spec.permissions[0].except, ['keep.sh']);
  assert.deepEqual(spec.permissions[0].type, ['file']);
  assert.deepEqual(spec.hooks.BeforeInstall, [{ location: 'scripts/before.sh', timeoutSeconds: 60, runas: 'root', line: 15 }]);
  assert.equal(spec.hooks.ApplicationStart[0].timeoutSeconds, 3600, 'the default timeout is 3600 s');
  assert.equal(parseAppSpec('a.yml', 'version: 0.0\nos: linux\n').fileExistsBehavior, 'DISALLOW');
});

function refuses(text: string, pattern: RegExp) {
  assert.throws(() => parseAppSpec('appspec.yml', text), (error: unknown) => error instanceof InputError && pattern.test(error.message));
}

test('what blocks a run is refused with file:line', () => {
  refuses('version: 0.0\nos: linux\nhooks:\n  AfterInstall:\n    - location: a.sh\n      timeout: 3601\n', /^appspec\.yml:6: timeout must be .* 1 to 3600/);
  refuses('version: 0.0\nos: linux\nhooks:\n  Install:\n    - location: a.sh\n', /^appspec\.yml:4: Install is run by CodeDeploy itself/);
  refuses('version: 0.0\nos: linux\nfile_exists_behavior: MERGE\n', /^appspec\.yml:3: file_exists_behavior must be/);
  refuses('version: 0.0\nResources:\n  - x: 1\n', /^appspec\.yml:2: .*ECS or Lambda/);
  refuses('version: 0.0\nos: macos\n', /^appspec\.yml:2: os must be linux or windows/);
  refuses('version: 0.0\nos: linux\nfiles:\n  - source: a\n', /^appspec\.yml:4: each files entry needs source and destination/);
  refuses('version: 0.0\nos: [linux\n', /^appspec\.yml:\d+: /);
  refuses('version: 1.0\nos: linux\n', /^appspec\.yml:1: version must be 0\.0/);
});

test('planInstall names the line of a source missing from the revision', (t) => {
  const box = sandbox();
  t.after(box.cleanup);
  const dir = writeRevision(`${box.dir}/rev`, { 'src/a.txt': 'a' });
  const spec = parseAppSpec(`${dir}/appspec.yml`, 'version: 0.0\nos: linux\nfiles:\n  - source: src\n    destination: /srv\n  - source: missing.txt\n    destination: /srv\n');
  assert.throws(() => planInstall(spec, dir), /appspec\.yml:6: source "missing\.txt" does not exist/);
});
