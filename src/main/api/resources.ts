/**
 * Where the app's read-only resources (bank, fonts, models catalog) are: electron-builder copies
 * resources/ to `process.resourcesPath` in a packaged app; from the source tree (tsx, tests,
 * `electron-vite dev`, out/main) it is the nearest `resources` folder above this module or the
 * working directory.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function resolveResourcesDir(explicit?: string): string {
  if (explicit) return path.resolve(explicit);
  // Only defined inside Electron; plain Node has no such property.
  const packaged = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  if (packaged && fs.existsSync(path.join(packaged, 'bank'))) return packaged;
  for (const start of [path.dirname(fileURLToPath(import.meta.url)), process.cwd()]) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, 'resources');
      if (fs.existsSync(path.join(candidate, 'bank'))) return candidate;
      if (path.dirname(dir) === dir) break;
    }
  }
  throw new Error('cannot find the app resources (resources/bank); run from the repository or the installed app');
}
