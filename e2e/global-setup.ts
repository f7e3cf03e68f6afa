/**
 * Starts the real browser host for the UI tests: a fresh temporary data folder (no profiles, no
 * models: the first-run test sees a new installation), the renderer built into out/renderer when
 * stale, the generated test model ready to import, model contexts on one thread (2-core CI).
 * The address (with its token) reaches the tests through environment variables.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBrowserHost } from '../src/main/browser-host/server.js';
import { buildRenderer, rendererIsStale } from '../src/main/browser-host/build-renderer.js';
import { ensureTestModel } from '../tests/support/test-model.js';
import { filesOfFolder, startFakeHub } from '../tests/support/fake-hub.js';
import { findChromium } from './browser.js';
import { buildAppIfStale, findElectron } from './electron-app.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export default async function globalSetup(): Promise<() => Promise<void>> {
  const browser = findChromium();
  console.log(`e2e: ${browser.description}`);
  if (!browser.found) throw new Error(`e2e: ${browser.description}`);
  // The "electron" project (same specs, real desktop app): out/ built first (it writes out/renderer
  // too), its own fresh data folder. Without a binary that project is not defined: say why, once.
  const electron = findElectron();
  let electronDataDir: string | null = null;
  if (electron.binary) {
    buildAppIfStale();
    electronDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dagger-e2e-electron-'));
    process.env.DAGGER_E2E_ELECTRON_DATA = electronDataDir;
  } else {
    console.log(`e2e: the "electron" project (specs 01-09 in the desktop app) is skipped — ${electron.reason}`);
  }
  const staticDir = path.join(ROOT, 'out', 'renderer');
  if (rendererIsStale(ROOT, staticDir)) await buildRenderer(ROOT, staticDir);
  const modelPath = await ensureTestModel();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dagger-e2e-'));
  // A local Hub-like server: the tiny fixture checkpoint stands in for the DAGGER 4B repository, sent
  // at about 1 MB/s so the Get flow (spec 11) can be seen in progress. The desktop app gets it by env.
  const hub = await startFakeHub([{ id: 'dipta007/dagger-4B_SFT_GRPO', files: filesOfFolder(path.join(ROOT, 'tests/fixtures/gemma3-tiny/gemma3-tiny-text')) }]);
  hub.behaviour.bytesPerSecond = 1_000_000;
  process.env.DAGGER_TUTOR_HF_ENDPOINT = hub.endpoint;
  const host = await startBrowserHost({ dataDir, port: 0, staticDir, loadOptions: { threads: 1 }, hubEndpoint: hub.endpoint });
  process.env.DAGGER_E2E_URL = host.url;
  process.env.DAGGER_E2E_TOKEN = host.token;
  process.env.DAGGER_E2E_MODEL = modelPath;
  process.env.DAGGER_E2E_DATA = dataDir;
  return async () => {
    await host.close();
    await hub.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (electronDataDir) fs.rmSync(electronDataDir, { recursive: true, force: true });
  };
}
