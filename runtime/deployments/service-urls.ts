import * as fs from 'node:fs';
import * as net from 'node:net';
import type { InstanceRun } from './records';

/** Loopback URLs in hook output (`started on http://127.0.0.1:8123`): what a local instance serves. */
const LOOPBACK_URL = /\bhttps?:\/\/(?:127\.0\.0\.1|localhost|\[::1\]):(\d{1,5})(?:\/[^\s'"<>)]*)?/g;

/** Hooks whose output names where the revision now serves, latest first. */
const SERVING_EVENTS = ['ValidateService', 'ApplicationStart', 'AfterInstall'];

/**
 * The URL an instance's revision serves at, as its own hooks said (the last loopback URL the
 * latest serving hook printed). Slipway does not run the service, so its hooks are the
 * only witness; whether it still answers is `isListening`'s to say.
 */
export function serviceUrl(run: InstanceRun, maxBytes = 64 * 1024): string | undefined {
  for (const name of SERVING_EVENTS) {
    const event = run.events.find((e) => e.name === name && e.status === 'Succeeded' && e.logFile);
    if (!event?.logFile) continue;
    let text: string;
    try {
      const fd = fs.openSync(event.logFile, 'r');
      try {
        const size = fs.fstatSync(fd).size;
        const buffer = Buffer.alloc(Math.min(size, maxBytes));
        fs.readSync(fd, buffer, 0, buffer.length, Math.max(0, size - buffer.length));
        text = buffer.toString('utf8');
      } finally {
        fs.closeSync(fd);
      }
    } catch {
      continue;
    }
    const found = [...text.matchAll(LOOPBACK_URL)].filter((m) => Number(m[1]) > 0 && Number(m[1]) < 65536);
    if (found.length) return found[found.length - 1][0].replace(/[.,;:]+$/, '');
  }
  return undefined;
}

/** Whether something accepts connections at the URL's loopback port now. */
export function isListening(url: string, timeoutMs = 500): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname.replace(/^\[|\]$/g, ''), port: Number(port) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
