import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Location } from 'vscode-languageserver-types';
import { labels, requestAt, service } from '../feature-helpers';

test('appspec hook completion offers the events of the platform, in lifecycle order', () => {
  const server = labels('/nonexistent/appspec.yml', 'version: 0.0\nos: linux\nhooks:\n  ApplicationStop:\n    - location: a.sh\n  |');
  assert.deepEqual(server.slice(0, 3), ['BeforeBlockTraffic', 'AfterBlockTraffic', 'BeforeInstall']);
  assert.ok(!server.includes('ApplicationStop'));
  const lambda = labels('/nonexistent/appspec.yml', 'version: 0.0\nResources:\n  - fn:\n      Type: AWS::Lambda::Function\nHooks:\n  - |');
  assert.deepEqual(lambda, ['BeforeAllowTraffic', 'AfterAllowTraffic']);
});

test('go to definition from a hook location opens the script', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-def-'));
  const text = 'version: 0.0\nos: linux\nhooks:\n  ApplicationStart:\n    - location: scripts/st|art.sh\n';
  fs.mkdirSync(path.join(root, 'scripts'));
  fs.writeFileSync(path.join(root, 'scripts/start.sh'), '#!/bin/sh\n');
  fs.writeFileSync(path.join(root, 'appspec.yml'), text.replace('|', ''));
  const request = requestAt(path.join(root, 'appspec.yml'), text);
  const location = service(request).definition!(request) as Location;
  assert.ok(location.uri.endsWith('/scripts/start.sh'));
  fs.rmSync(root, { recursive: true });
});

test('location values complete with the files of the revision', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-loc-'));
  fs.mkdirSync(path.join(root, 'scripts'));
  fs.writeFileSync(path.join(root, 'scripts/start.sh'), '');
  const text = 'version: 0.0\nos: linux\nhooks:\n  ApplicationStart:\n    - location: |\n';
  fs.writeFileSync(path.join(root, 'appspec.yml'), text.replace('|', ''));
  assert.deepEqual(labels(path.join(root, 'appspec.yml'), text), ['scripts/start.sh']);
  fs.rmSync(root, { recursive: true });
});
