/**
 * The Electron main process: a thin shell. It secures the window, puts the ONE contract
 * implementation (src/main/api/backend.ts, shared with the browser host) behind IPC, remembers
 * the window, shows the menu in the user's language, tells the user plainly when the model or
 * GPU cannot be used, and shuts down cleanly (cancel generation and downloads, then close the
 * practice history last).
 *
 * Security (Electron's checklist): contextIsolation, sandbox, no nodeIntegration, webSecurity,
 * a strict CSP (src/renderer/index.html), no navigation, no new windows, no permissions, IPC
 * accepted only from the app's own page (src/main/ipc/trust.ts), one instance.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserWindow, app, dialog, safeStorage, session, shell, type WebContents } from 'electron';
import { createBackend, type Backend } from './api/backend.js';
import { registerIpc } from './ipc/register.js';
import type { AppOrigin } from './ipc/trust.js';
import { applyMenu } from './menu.js';
import { EncryptedTokenStore } from './services/models/hub/token-store.js';
import { resolveDataDir } from './services/paths.js';
import { initialBounds, saveWindowState, wasMaximized } from './window-state.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const isDev = !app.isPackaged && Boolean(process.env.ELECTRON_RENDERER_URL);
const isMac = process.platform === 'darwin';
const appOrigin: AppOrigin = {
  devServerUrl: isDev ? (process.env.ELECTRON_RENDERER_URL ?? null) : null,
  rendererDir: path.join(here, '../renderer'),
};

let mainWindow: BrowserWindow | null = null;
let backend: Backend | null = null;
let shutdown: Promise<void> | null = null;

// A data folder given by DAGGER_TUTOR_DATA_DIR (tests, portable use) becomes Electron's userData,
// so the single-instance lock below guards that folder, not the default one: a test app can run
// beside the user's own, and two apps can never share one database.
if (process.env.DAGGER_TUTOR_DATA_DIR) app.setPath('userData', path.resolve(process.env.DAGGER_TUTOR_DATA_DIR));

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the data folder (and its database): hand over to it.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => lockDown(contents));
  app.whenReady().then(start, (error: unknown) => fatal(error));
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    if (!backend) return;
    // Quit only after the work is cancelled and the store closed: nothing half-written.
    event.preventDefault();
    shutdown ??= (async () => {
      if (mainWindow && backend) saveWindowState(mainWindow, backend.settings);
      await backend?.close();
      backend = null;
    })().finally(() => app.quit());
  });
}

/** No navigation away from the app, no new windows (links open in the browser), no webviews. */
function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (url !== contents.getURL()) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (/^https:\/\//i.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

async function start(): Promise<void> {
  // The OS's per-user application-data folder (DAGGER_TUTOR_DATA_DIR overrides it, for tests).
  const dataDir = resolveDataDir(process.env.DAGGER_TUTOR_DATA_DIR ?? app.getPath('userData'));
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  backend = await createBackend({
    dataDir,
    host: 'electron',
    appVersion: app.getVersion(),
    // The Hugging Face token, encrypted with the OS keychain's key: never in plain text on disk.
    hubTokens: new EncryptedTokenStore(path.join(dataDir, 'hf-token.bin'), {
      isAvailable: () => safeStorage.isEncryptionAvailable(),
      encrypt: (text) => safeStorage.encryptString(text),
      decrypt: (data) => safeStorage.decryptString(data),
    }),
    ...(process.env.DAGGER_TUTOR_MODEL ? { modelPath: process.env.DAGGER_TUTOR_MODEL } : {}),
    ...(process.env.DAGGER_TUTOR_THREADS ? { loadOptions: { threads: Number(process.env.DAGGER_TUTOR_THREADS) } } : {}),
    dialogs: {
      async pickModelFile() {
        const result = await dialog.showOpenDialog(mainWindow!, {
          properties: ['openFile'],
          filters: [{ name: 'GGUF model', extensions: ['gguf'] }],
        });
        return result.canceled ? null : (result.filePaths[0] ?? null);
      },
      async chooseSaveFile(fileName) {
        const result = await dialog.showSaveDialog(mainWindow!, { defaultPath: fileName });
        return result.canceled || !result.filePath ? null : result.filePath;
      },
    },
  });
  const settings = backend.settings;
  const language = () => settings.get().language;
  applyMenu(language(), { isDev, isMac });

  // The menu follows the language setting: watch the one call that changes it.
  const inner = backend.dispatcher;
  const dispatcher = {
    async dispatch(method: unknown, request: unknown, emit?: (event: unknown) => void) {
      const result = await inner.dispatch(method, request, emit);
      if (method === 'updateSettings' && result.ok) applyMenu(language(), { isDev, isMac });
      return result;
    },
  };
  registerIpc(dispatcher, appOrigin, () => mainWindow);

  mainWindow = new BrowserWindow({
    ...initialBounds(settings),
    minWidth: 800,
    minHeight: 600,
    show: false,
    title: language() === 'bn' ? 'DAGGER টিউটর' : 'DAGGER Tutor',
    webPreferences: {
      preload: path.join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  if (wasMaximized(settings)) mainWindow.maximize();
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('close', () => {
    if (mainWindow && backend) saveWindowState(mainWindow, backend.settings);
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });

  if (appOrigin.devServerUrl) await mainWindow.loadURL(appOrigin.devServerUrl);
  else await mainWindow.loadFile(path.join(appOrigin.rendererDir, 'index.html'));

  void checkModel();
}

/**
 * Loads the selected model in the background (node-llama-cpp works on its own threads, so the
 * window stays responsive) and says plainly when it cannot be used or fell back to the CPU.
 */
async function checkModel(): Promise<void> {
  if (!backend || !backend.models.selectedPath()) return;
  const bn = backend.settings.get().language === 'bn';
  const result = await backend.dispatcher.dispatch('loadModel', {});
  if (!mainWindow || mainWindow.isDestroyed()) return;
  if (!result.ok) {
    await dialog.showMessageBox(mainWindow, {
      type: 'warning',
      title: bn ? 'মডেল চালানো যাচ্ছে না' : 'The model cannot be used',
      message: bn ? 'নির্বাচিত মডেলটি চালানো যাচ্ছে না।' : 'The selected model cannot be used.',
      detail: `${result.error.message}\n\n${bn
        ? 'অনুশীলন মডেল ছাড়াও চলবে। "মডেল" পাতায় অন্য মডেল বাছাই বা ইমপোর্ট করুন।'
        : 'Practice works without a model. Choose or import another model on the Models screen.'}`,
    });
    return;
  }
  const fallback = (backend as Backend).models.gpuFallbackReason();
  if (fallback) {
    await dialog.showMessageBox(mainWindow, {
      type: 'info',
      title: bn ? 'GPU ব্যবহার করা যায়নি' : 'The GPU could not be used',
      message: bn ? 'মডেলটি CPU-তে চলছে (ধীর হবে)।' : 'The model runs on the CPU (slower).',
      detail: fallback,
    });
  }
}

function fatal(error: unknown): void {
  dialog.showErrorBox('DAGGER Tutor', `The app could not start:\n${error instanceof Error ? error.message : String(error)}`);
  app.exit(1);
}
