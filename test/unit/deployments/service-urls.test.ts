import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import type { InstanceRun } from '../../../runtime/deployments/records';
import { isListening, serviceUrl } from '../../../runtime/deployments/service-urls';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-urls-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(logs: Record<string, string>, status: 'Succeeded' | 'Failed' = 'Succeeded'): InstanceRun {
  return {
    name: 'i1',
    root: dir,
    status,
    events: Object.entries(logs).map(([name, text]) => {
      const logFile = path.join(dir, `${name}.log`);
      fs.writeFileSync(logFile, text);
      return { name, status, logFile } as InstanceRun['events'][number];
    }),
  };
}

describe('instance service URLs', () => {
  it('is the last loopback URL the latest serving hook printed', () => {
    assert.equal(serviceUrl(run({ AfterInstall: 'configured on port 1', ApplicationStart: 'started (pid 7) on http://127.0.0.1:4321\nalso http://localhost:5555/health.' })), 'http://localhost:5555/health');
    assert.equal(serviceUrl(run({ ApplicationStart: 'on http://127.0.0.1:4321', ValidateService: 'checked http://127.0.0.1:4321/ ok' })), 'http://127.0.0.1:4321/');
  });

  it('ignores other hosts, impossible ports, and hooks that failed', () => {
    assert.equal(serviceUrl(run({ ApplicationStart: 'see https://example.com:443/ and http://127.0.0.1:99999/' })), undefined);
    assert.equal(serviceUrl(run({ ApplicationStart: 'on http://127.0.0.1:4321' }, 'Failed')), undefined);
  });

  it('says whether something answers there now', async () => {
    const server = net.createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as net.AddressInfo;
    assert.equal(await isListening(`http://127.0.0.1:${port}/`), true);
    await new Promise((resolve) => server.close(resolve));
    assert.equal(await isListening(`http://127.0.0.1:${port}/`), false);
  });
});
