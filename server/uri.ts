import { fileURLToPath, pathToFileURL } from 'node:url';

/** File-system paths for `file:` URIs; other schemes keep their path part, for display and kind detection. */
export const URI = {
  toFsPath(uri: string): string {
    if (uri.startsWith('file:')) return fileURLToPath(uri);
    try {
      return decodeURIComponent(new URL(uri).pathname);
    } catch {
      return uri;
    }
  },
  fromFsPath(path: string): string {
    return pathToFileURL(path).toString();
  },
};
