/**
 * Builds the renderer for the browser host when out/renderer is missing or older than its
 * sources, with the same settings as electron.vite.config.ts's renderer section (root
 * src/renderer, React plugin, relative base). `npm run build` produces the same folder.
 */
import fs from 'node:fs';
import path from 'node:path';

/** The newest modification time of a source file under `dir`, tests left out (0 when it does not exist). */
export function newestMtime(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || /\.test\.tsx?$/.test(entry.name)) continue;
    newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

export function rendererIsStale(root: string, outDir: string): boolean {
  const built = path.join(outDir, 'index.html');
  if (!fs.existsSync(built)) return true;
  const sources = Math.max(
    newestMtime(path.join(root, 'src', 'renderer')),
    newestMtime(path.join(root, 'src', 'shared')),
    newestMtime(path.join(root, 'src', 'core')),
    newestMtime(path.join(root, 'resources', 'fonts')),
  );
  return sources > fs.statSync(built).mtimeMs;
}

export interface RendererBuildOptions {
  /** Another HTML entry under src/renderer (the UI benchmark's page); default index.html. */
  input?: string;
  logLevel?: 'warn' | 'error';
}

export async function buildRenderer(root: string, outDir: string, options: RendererBuildOptions = {}): Promise<void> {
  // Imported lazily: vite is a development dependency, only needed when a build is due.
  const { build } = await import('vite');
  const { default: react } = await import('@vitejs/plugin-react');
  await build({
    configFile: false,
    root: path.join(root, 'src', 'renderer'),
    base: './',
    plugins: [react()],
    logLevel: options.logLevel ?? 'warn',
    build: { outDir, emptyOutDir: true, ...(options.input ? { rollupOptions: { input: options.input } } : {}) },
  });
}
