/**
 * Which renderer frames may use the API over IPC (Electron security checklist: validate the
 * sender of every IPC message). Only the app's own page in its own window: its main frame,
 * loaded from the dev server (development) or from the packaged renderer folder (file: URL).
 * An iframe, a navigated-away page or any other window is refused.
 *
 * Pure logic (no Electron import) so the rule is unit-tested here without an Electron binary.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface AppOrigin {
  /** `ELECTRON_RENDERER_URL` in development (electron-vite's dev server), else null. */
  devServerUrl: string | null;
  /** The folder holding the built renderer's index.html (production). */
  rendererDir: string;
}

export function isTrustedFrameUrl(frameUrl: string | null | undefined, app: AppOrigin): boolean {
  if (!frameUrl) return false;
  let url: URL;
  try {
    url = new URL(frameUrl);
  } catch {
    return false;
  }
  if (app.devServerUrl) {
    try {
      if (url.origin === new URL(app.devServerUrl).origin) return true;
    } catch {
      // a malformed dev URL trusts nothing
    }
  }
  if (url.protocol !== 'file:') return false;
  const file = path.resolve(fileURLToPath(url));
  const root = path.resolve(app.rendererDir);
  return file === path.join(root, 'index.html');
}

/** The checks on one IPC message's sender, as plain data. */
export interface SenderFacts {
  /** The frame's URL (event.senderFrame?.url). */
  frameUrl: string | null;
  /** event.senderFrame is the window's main frame (not an iframe). */
  isMainFrame: boolean;
  /** event.sender is the app's main window's webContents. */
  isAppWindow: boolean;
}

export function isTrustedSender(facts: SenderFacts, app: AppOrigin): boolean {
  return facts.isAppWindow && facts.isMainFrame && isTrustedFrameUrl(facts.frameUrl, app);
}
