import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { InputError } from '../../../runtime/common/errors';
import { loadBuildspec, parseBuildspec, parseOnFailureText } from '../../../runtime/buildspec/model';

describe('buildspec model', () => {
  it('models phases in CodeBuild order with commands, finally and line numbers', () => {
    const spec = parseBuildspec(
      'buildspec.yml',
      ['version: 0.2', 'phases:', '  build:', '    commands:', '      - make', '    finally:', '      - echo done', '  install:', '    runtime-versions:', '      nodejs: 20', '    commands: npm ci'].join('\n'),
    );
    assert.deepEqual(spec.phases.map((p) => p.key), ['install', 'build']);
    assert.deepEqual(spec.phases[1].commands, [{ text: 'make', line: 5 }]);
    assert.deepEqual(spec.phases[1].finally, [{ text: 'echo done', line: 7 }]);
    assert.deepEqual(spec.phases[0].runtimeVersions, { nodejs: '20' });
    assert.deepEqual(spec.phases[0].commands.map((c) => c.text), ['npm ci']);
  });

  it('reads every on-failure form', () => {
    assert.deepEqual(parseOnFailureText('ABORT'), { kind: 'ABORT' });
    assert.deepEqual(parseOnFailureText('CONTINUE'), { kind: 'CONTINUE' });
    const retry = parseOnFailureText('RETRY');
    assert.equal(retry?.kind === 'RETRY' && retry.count, 3);
    const counted = parseOnFailureText('RETRY-2');
    assert.equal(counted?.kind === 'RETRY' && counted.count, 2);
    const regex = parseOnFailureText('RETRY-timed out');
    assert.ok(regex?.kind === 'RETRY' && regex.count === 3 && regex.pattern.test('it timed out'));
    const both = parseOnFailureText('RETRY-5-flaky.*');
    assert.ok(both?.kind === 'RETRY' && both.count === 5 && both.pattern.source === 'flaky.*');
    assert.equal(parseOnFailureText('IGNORE'), undefined);
  });

  it('reports a YAML error with file and line', () => {
    assert.throws(
      () => parseBuildspec('bs.yml', 'version: 0.2\nphases:\n  build:\n    commands:\n      - "unterminated\n'),
      (e: Error) => e instanceof InputError && /^bs\.yml:\d+: /.test(e.message),
    );
  });

  it('reports an unknown phase at its line', () => {
    assert.throws(() => parseBuildspec('bs.yml', 'version: 0.2\nphases:\n  biuld:\n    commands: [make]\n'), (e: Error) => e instanceof InputError && e.message.startsWith('bs.yml:3: unknown phase "biuld"'));
  });

  it('reports a missing buildspec naming the file', () => {
    const file = path.join(os.tmpdir(), 'no-such-dir-slipway', 'buildspec.yml');
    assert.throws(() => loadBuildspec(file), (e: Error) => e instanceof InputError && e.message === `${file}: buildspec not found`);
  });

  it('refuses a bad on-failure value at its line', () => {
    assert.throws(() => parseBuildspec('b.yml', 'version: 0.2\nphases:\n  build:\n    on-failure: MAYBE\n    commands: [x]\n'), /b\.yml:4: on-failure "MAYBE"/);
  });

  it('expands a build-matrix into one build per combination', () => {
    const spec = parseBuildspec(
      'b.yml',
      ['version: 0.2', 'batch:', '  build-matrix:', '    dynamic:', '      env:', '        variables:', '          OS: [linux, mac]', '          NODE: ["18", "20"]', 'phases:', '  build:', '    commands: [echo]'].join('\n'),
    );
    assert.equal(spec.batch?.builds.length, 4);
    assert.deepEqual(spec.batch?.builds.map((b) => `${b.variables.OS}-${b.variables.NODE}`), ['linux-18', 'linux-20', 'mac-18', 'mac-20']);
  });

  it('refuses a build-graph with a cycle or an unknown dependency', () => {
    const graph = (deps: string) =>
      ['version: 0.2', 'batch:', '  build-graph:', '    - identifier: a', `      depend-on: [${deps}]`, '    - identifier: b', '      depend-on: [a]'].join('\n');
    assert.throws(() => parseBuildspec('b.yml', graph('b')), /cycle/);
    assert.throws(() => parseBuildspec('b.yml', graph('zz')), /depends on zz/);
  });

  it('reads artifacts, secondary artifacts, cache and reports', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-model-'));
    fs.writeFileSync(
      path.join(dir, 'buildspec.yml'),
      [
        'version: 0.2',
        'artifacts:',
        '  files: ["**/*"]',
        '  base-directory: dist',
        '  discard-paths: yes',
        '  secondary-artifacts:',
        '    docs:',
        '      files: [README.md]',
        'cache:',
        '  key: deps-$(codebuild-hash-files package-lock.json)',
        '  fallback-keys: [deps-]',
        '  paths: ["node_modules/**/*"]',
        'reports:',
        '  unit:',
        '    files: [junit.xml]',
        '    file-format: JUNITXML',
      ].join('\n'),
    );
    const spec = loadBuildspec(path.join(dir, 'buildspec.yml'));
    assert.equal(spec.artifacts?.baseDirectory, 'dist');
    assert.equal(spec.artifacts?.discardPaths, true);
    assert.equal(spec.secondaryArtifacts[0].identifier, 'docs');
    assert.deepEqual(spec.cache?.fallbackKeys, ['deps-']);
    assert.equal(spec.reports[0].format, 'JUNITXML');
    fs.rmSync(dir, { recursive: true });
  });
});
