import * as fs from 'node:fs';
import * as path from 'node:path';

/** Resolves when `ready()` holds, checking whenever something in the folder changes (no sleeping). */
export function folderChangesUntil(folder: string, ready: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    fs.mkdirSync(folder, { recursive: true });
    const watcher = fs.watch(folder, () => {
      if (ready()) {
        watcher.close();
        resolve();
      }
    });
    if (ready()) {
      watcher.close();
      resolve();
    }
  });
}

/** Resolves when the file exists (watching its folder, which it creates). */
export function fileAppears(file: string): Promise<void> {
  return folderChangesUntil(path.dirname(file), () => fs.existsSync(file));
}
