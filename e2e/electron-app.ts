/**
 * The desktop app for Playwright's Electron driver: where its binary is (if anywhere), building
 * out/ (what electron-builder packages) when older than its sources, and launching it on a given
 * data folder with model contexts on one thread.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, type ElectronApplication } from '@playwright/test';
import { newestMtime } from '../src/main/browser-host/build-renderer.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MAIN = path.join(ROOT, 'out', 'main', 'index.js');

/** Finds the Electron executable without require('electron') (which would try to download it). */
export function findElectron(): { binary: string | null; reason: string } {
  const dir = path.join(ROOT, 'node_modules', 'electron');
  const pathFile = path.join(dir, 'path.txt');
  if (!fs.existsSync(pathFile)) {
    return { binary: null, reason: 'no Electron binary: node_modules/electron was installed without its download (no network to github.com); run `node node_modules/electron/install.js` where there is' };
  }
  const binary = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(dir, 'dist'), fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(binary) ? { binary, reason: '' } : { binary: null, reason: `no Electron binary at ${binary}` };
}

/** `npm run build` (main, preload and renderer into out/) unless out/main is newer than every source. */
export function buildAppIfStale(): void {
  const sources = Math.max(...['src', 'resources', 'electron.vite.config.ts'].map((p) => {
    const full = path.join(ROOT, p);
    return fs.existsSync(full) && fs.statSync(full).isFile() ? fs.statSync(full).mtimeMs : newestMtime(full);
  }));
  if (fs.existsSync(MAIN) && fs.statSync(MAIN).mtimeMs > sources) return;
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: ROOT, stdio: 'inherit' });
}

/** Starts the built app on `dataDir`: no model given (the first-run spec installs one), one thread. */
export async function launchApp(binary: string, dataDir: string): Promise<ElectronApplication> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  // A developer's dev-server address would make the app load that instead of out/renderer.
  delete env.ELECTRON_RENDERER_URL;
  delete env.DAGGER_TUTOR_MODEL;
  Object.assign(env, { DAGGER_TUTOR_DATA_DIR: dataDir, DAGGER_TUTOR_THREADS: '1' });
  return electron.launch({
    executablePath: binary,
    // Chromium refuses its sandbox as root (CI containers); the app's own sandbox flags stay on.
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), MAIN],
    env,
  });
}
