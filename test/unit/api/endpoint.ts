import '../../../runtime/plugins';
import * as fs from 'node:fs';
import type { Server } from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { createAccessKey } from '../../../runtime/api/access-keys';
import { settleRunning } from '../../../runtime/api/cloudformation';
import { createEndpoint } from '../../../runtime/api/server';
import { StateStore } from '../../../runtime/common/state';
import { listen } from '../../../runtime/repos/http';

export interface Endpoint {
  url: string;
  root: string;
  store: StateStore;
  server: Server;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** What SDK v3 clients need to talk to this endpoint as `user`. */
  client: { endpoint: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string }; maxAttempts: number };
  close(): Promise<void>;
}

/** A fresh state home and KMS key, `slipway serve`'s endpoint on a free loopback port, and an access key for `user`. */
export async function startEndpoint(user = 'alice'): Promise<Endpoint> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-api-'));
  const home = path.join(root, 'home');
  process.env.SLIPWAY_HOME = home;
  process.env.SLIPWAY_KMS_KEY_FILE = path.join(root, 'kms.key');
  const store = new StateStore(home);
  const server = createEndpoint(store);
  const url = await listen(server, '127.0.0.1', 0);
  const key = createAccessKey(store, user).AccessKey;
  const credentials = { accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey };
  return {
    url,
    root,
    store,
    server,
    credentials,
    client: { endpoint: url, region: 'us-east-1', credentials, maxAttempts: 1 },
    async close() {
      await settleRunning();
      await new Promise((resolve) => server.close(resolve));
      server.closeAllConnections();
    },
  };
}
