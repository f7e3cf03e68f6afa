#!/usr/bin/env node
/**
 * `npm start`: runs the app in development (`electron-vite dev`: main, preload and a hot-reloading
 * renderer) when an Electron binary is present. The `electron` npm package downloads its binary
 * from GitHub; where that is impossible (offline machines, CI without network) this says so
 * plainly and exits with status 1, instead of failing deep inside a download.
 *
 * The binary is looked up without require('electron'), which would itself try to download it.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = path.join(root, 'node_modules', 'electron');

/** The Electron executable, or null with the reason. */
function findElectron() {
  if (!fs.existsSync(path.join(electronDir, 'package.json'))) {
    return { binary: null, reason: 'the electron package is not installed (run `npm install`)' };
  }
  const pathFile = path.join(electronDir, 'path.txt');
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : null;
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(electronDir, 'dist');
  if (!relative) return { binary: null, reason: 'the Electron binary was never downloaded (node_modules/electron has no path.txt / dist/)' };
  const binary = path.join(distDir, relative);
  return fs.existsSync(binary) ? { binary, reason: null } : { binary: null, reason: `${binary} does not exist` };
}

const { binary, reason } = findElectron();
if (!binary) {
  console.error(
    [
      'DAGGER Tutor cannot start the desktop app here: no Electron binary is available.',
      `  Why: ${reason}.`,
      '  To get it (needs access to github.com): `node node_modules/electron/install.js`',
      '  (package.json lists electron under "allowScripts": false, so `npm install` does not fetch it).',
      '  Without Electron, the same app runs in your browser: `npm run serve`, then open the printed address.',
    ].join('\n'),
  );
  process.exit(1);
}

const child = spawn(process.execPath, [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'dev', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
