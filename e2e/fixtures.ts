/**
 * The `test` every UI spec imports. Its `page` is, in the "browser" project, Playwright's own
 * Chromium page (opened on the browser host by the flows); in the "electron" project, the window
 * of the real desktop app, launched once per worker on the run's Electron data folder (made in
 * global-setup.ts) and closed when the worker ends. A worker restarted after a failure launches
 * the app again on the same folder, as the browser project keeps its one browser host.
 */
import fs from 'node:fs';
import { test as base, expect, type ElectronApplication } from '@playwright/test';
import { findElectron, launchApp } from './electron-app.js';
import { browserHost, electronHost, hostOf, registerHost, type AppHost, type HostKind } from './host.js';

export { expect };

interface TestFixtures {
  /** How this project's app is opened and called (also found with hostOf(page)). */
  host: AppHost;
}

interface WorkerFixtures {
  /** Set per project in playwright.config.ts. */
  hostKind: HostKind;
  /** The desktop app, in the "electron" project only. */
  electronApp: ElectronApplication | null;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  hostKind: ['browser', { option: true, scope: 'worker' }],

  electronApp: [async ({ hostKind }, use) => {
    if (hostKind !== 'electron') {
      await use(null);
      return;
    }
    const { binary, reason } = findElectron();
    const dataDir = process.env.DAGGER_E2E_ELECTRON_DATA;
    // playwright.config.ts only defines the project where a binary exists; say why if run anyway.
    if (binary === null || !dataDir) throw new Error(`the electron project cannot run: ${reason || 'DAGGER_E2E_ELECTRON_DATA is not set (global-setup.ts makes it)'}`);
    const app = await launchApp(binary, dataDir);
    await use(app);
    await app.close();
  }, { scope: 'worker' }],

  // In the electron project this still makes (and never shows) a Chromium page: a fixture's
  // dependencies cannot depend on the project. It costs a browser start per worker, nothing more.
  page: async ({ page, electronApp }, use, testInfo) => {
    if (!electronApp) {
      registerHost(page, browserHost(page));
      await use(page);
      return;
    }
    const window = await electronApp.firstWindow();
    // Each test starts at the browser project's size (a spec may have narrowed the window).
    await window.setViewportSize({ width: 1280, height: 900 });
    registerHost(window, electronHost(electronApp, window));
    await use(window);
    // The project's own failure screenshot would show the unused Chromium page: take the window's.
    if (testInfo.status !== testInfo.expectedStatus) {
      fs.mkdirSync(testInfo.outputDir, { recursive: true });
      await window.screenshot({ path: testInfo.outputPath('electron-window.png') }).catch(() => undefined);
    }
  },

  host: async ({ page }, use) => {
    await use(hostOf(page));
  },
});
