/**
 * Playwright drives Chromium (CHROMIUM_PATH, else a system Chromium such as Debian's
 * /usr/bin/chromium, else Playwright's own: browser.ts) against the browser host, started once in global-setup.ts on a fresh temporary
 * data folder with the generated test model. The specs run in order in one worker because they
 * share that one app instance, like one student and one teacher on one computer.
 */
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './browser.js';
import { findElectron } from './electron-app.js';
import type { HostKind } from './host.js';

// The same UI specs also drive the real desktop app wherever an Electron binary exists; where it
// does not (these build machines), the "electron" project is left out and global-setup.ts says why.
const hasElectron = findElectron().binary !== null;
const UI_SPECS = /(^|[\\/])\d\d-[^\\/]*\.spec\.ts$/;

export default defineConfig<object, { hostKind: HostKind }>({
  testDir: '.',
  testMatch: /.*\.spec\.ts$/,
  // E's Electron spec starts its own app (and skips without an Electron binary).
  globalSetup: './global-setup.ts',
  fullyParallel: false,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: '../test-results',
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 900 },
    locale: 'bn-BD',
    acceptDownloads: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      // global-setup.ts says which browser this is, or stops the run saying what to install.
      executablePath: findChromium().executablePath,
      args: CHROMIUM_ARGS,
    },
  },
  projects: [
    { name: 'browser', use: { hostKind: 'browser' } },
    ...(hasElectron
      ? [{
        name: 'electron',
        testMatch: UI_SPECS, // E's electron.spec.ts launches its own app (in the browser project)
        // Traces and failure screenshots would show the unused Chromium page (fixtures.ts takes the window's).
        use: { hostKind: 'electron', trace: 'off', screenshot: 'off' },
      } as const]
      : []),
  ],
});
