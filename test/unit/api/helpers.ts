import type { TestContext } from 'node:test';
import { tempFolder } from '../sandbox';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { StateStore } from '../../../runtime/common/state';
import { zipFolder } from '../../../runtime/builds/zip';
import { AwsError, type CallContext, type ServiceDefinition } from '../../../runtime/api/types';

/** A temp state home with its own KMS key, and a caller context over it. */
export function apiSandbox(t?: TestContext): { root: string; store: StateStore; ctx: CallContext; cleanup: () => void } {
  const { dir: root, cleanup } = tempFolder('slipway-api-test-', t);
  process.env.SLIPWAY_KMS_KEY_FILE = path.join(root, 'kms.key');
  const store = new StateStore(path.join(root, 'home'));
  const ctx: CallContext = { store, user: 'alice', accountId: '000000000000', region: 'us-east-1', requestId: 'test', endpoint: 'http://127.0.0.1:4566' };
  return { root, store, ctx, cleanup };
}

/** Calls an operation the way the endpoint does: by name, with the decoded JSON input. */
export function caller(service: ServiceDefinition, ctx: CallContext) {
  return <T = any>(name: string, input: Record<string, unknown> = {}): Promise<T> => { // eslint-disable-line @typescript-eslint/no-explicit-any
    const operation = service.operations[name];
    if (!operation) throw new Error(`${name} is not an operation of ${service.targetPrefix}`);
    // The wire carries JSON: what the operation returns must survive it unchanged.
    return operation(JSON.parse(JSON.stringify(input)), ctx).then((out) => JSON.parse(JSON.stringify(out)) as T);
  };
}

/** The AWS error code an operation failed with. */
export async function errorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AwsError) return error.code;
    throw error;
  }
  throw new Error('the operation succeeded');
}

/**
 * Re-asks until `done` holds for the answer, each answer a new request as a polling
 * client makes; asks again whenever something under the state home changes (no sleeping).
 */
export async function poll<T>(home: string, ask: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  fs.mkdirSync(home, { recursive: true });
  let changed: () => void = () => undefined;
  const watcher = fs.watch(home, { recursive: true }, () => changed());
  try {
    for (;;) {
      const next = new Promise<void>((resolve) => (changed = resolve));
      const value = await ask();
      if (done(value)) return value;
      await next;
    }
  } finally {
    watcher.close();
  }
}

/**
 * A CodeDeploy revision bundle as `aws deploy push` would upload it: an appspec.yml copying
 * `app/` (an index.html of `v1`) to /srv/app, zipped as `<root>/<name>`. Returns the zip's path.
 */
export function webRevisionZip(root: string, name: string): string {
  const folder = path.join(root, 'rev');
  fs.mkdirSync(path.join(folder, 'app'), { recursive: true });
  fs.writeFileSync(path.join(folder, 'appspec.yml'), 'version: 0.0\nos: linux\nfiles:\n  - source: app\n    destination: /srv/app\n');
  fs.writeFileSync(path.join(folder, 'app', 'index.html'), 'v1\n');
  const zip = path.join(root, name);
  zipFolder(folder, zip);
  return zip;
}
