import * as fs from 'node:fs';
import * as path from 'node:path';

/** Resolves when the file exists (watching its folder, which it creates; no sleeping). */
export function fileAppears(file: string): Promise<void> {
  return new Promise((resolve) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const watcher = fs.watch(path.dirname(file), () => {
      if (fs.existsSync(file)) {
        watcher.close();
        resolve();
      }
    });
    if (fs.existsSync(file)) {
      watcher.close();
      resolve();
    }
  });
}
