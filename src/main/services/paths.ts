import os from 'node:os';
import path from 'node:path';

/** The app's name on disk; matches Electron's `app.getPath('userData')` for this app. */
export const APP_DIR_NAME = 'dagger-tutor';

/**
 * Where models, the practice database and settings live.
 * Precedence: an explicit directory (`--data-dir`), then `DAGGER_TUTOR_DATA_DIR`, then the OS's
 * per-user application-data folder, the same one the Electron app uses.
 */
export function resolveDataDir(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) return path.resolve(explicit);
  if (env.DAGGER_TUTOR_DATA_DIR) return path.resolve(env.DAGGER_TUTOR_DATA_DIR);
  return path.join(userDataRoot(env), APP_DIR_NAME);
}

function userDataRoot(env: NodeJS.ProcessEnv): string {
  const home = os.homedir();
  switch (process.platform) {
    case 'win32':
      return env.APPDATA ?? path.join(home, 'AppData', 'Roaming');
    case 'darwin':
      return path.join(home, 'Library', 'Application Support');
    default:
      return env.XDG_CONFIG_HOME ?? path.join(home, '.config');
  }
}

/** Fixed layout inside the data folder, so every service agrees on it. */
export function dataPaths(dataDir: string) {
  return {
    root: dataDir,
    models: path.join(dataDir, 'models'),
    database: path.join(dataDir, 'practice.db'),
    backups: path.join(dataDir, 'backups'),
    settings: path.join(dataDir, 'settings.json'),
    /** Saved instruction-prefix states, named after their model file (see inference/prefix-state.ts). */
    prefixStates: path.join(dataDir, 'prefix-state'),
    /** Temporary export files being written, to clean up after a killed export (see export/partials.ts). */
    partialExports: path.join(dataDir, 'partial-exports'),
  };
}
