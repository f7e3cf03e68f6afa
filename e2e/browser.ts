/**
 * Which Chromium the UI tests (and bench:ui) drive, on any machine:
 * 1. CHROMIUM_PATH, when set (it must exist);
 * 2. else a Chromium or Chrome installed on the system (Debian's /usr/bin/chromium on the build
 *    machines, where Playwright cannot download a browser);
 * 3. else Playwright's own browser, when `npx playwright install chromium` has fetched it.
 * `description` is the one line saying which was used, or what to install.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';

export interface ChromiumChoice {
  /** undefined: let Playwright start its own browser. */
  executablePath: string | undefined;
  /** Whether a browser was found at all (else `description` says what to install). */
  found: boolean;
  description: string;
}

const INSTALL_HINT = 'install one (Debian/Ubuntu: `sudo apt-get install chromium`; macOS: `brew install --cask chromium`; '
  + 'Windows: Google Chrome), run `npx playwright install chromium`, or set CHROMIUM_PATH to a Chromium/Chrome executable';

function systemCandidates(env: NodeJS.ProcessEnv): string[] {
  switch (process.platform) {
    case 'darwin':
      return ['/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];
    case 'win32':
      return [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA]
        .filter((dir): dir is string => Boolean(dir))
        .map((dir) => path.join(dir, 'Google', 'Chrome', 'Application', 'chrome.exe'));
    default: {
      // The usual names on the PATH (as .ci/run looks for them), then the usual places.
      const names = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
      const onPath = (env.PATH ?? '').split(path.delimiter).filter(Boolean).flatMap((dir) => names.map((name) => path.join(dir, name)));
      return [...new Set([...onPath, '/usr/bin/chromium', '/snap/bin/chromium'])];
    }
  }
}

/** `systemPaths`: where to look for an installed browser (this OS's usual places unless given). */
export function findChromium(env: NodeJS.ProcessEnv = process.env, systemPaths: string[] = systemCandidates(env)): ChromiumChoice {
  const configured = env.CHROMIUM_PATH;
  if (configured) {
    return fs.existsSync(configured)
      ? { executablePath: configured, found: true, description: `browser: ${configured} (CHROMIUM_PATH)` }
      : { executablePath: configured, found: false, description: `browser: CHROMIUM_PATH=${configured} does not exist; fix it, or unset it to use a system Chromium or Playwright's` };
  }
  const system = systemPaths.find((file) => fs.existsSync(file));
  if (system) return { executablePath: system, found: true, description: `browser: ${system} (system Chromium; CHROMIUM_PATH overrides)` };
  const own = chromium.executablePath();
  if (own && fs.existsSync(own)) return { executablePath: undefined, found: true, description: `browser: Playwright's Chromium (${own})` };
  return { executablePath: undefined, found: false, description: `browser: no Chromium found: ${INSTALL_HINT}` };
}

/** Chromium switches for headless runs as root in containers and without a GPU. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
