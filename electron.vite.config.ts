/**
 * Builds the three parts of the Electron app into out/:
 *   main     → out/main/index.js      (ESM; native and npm dependencies stay external: better-sqlite3
 *                                      and node-llama-cpp load their own binaries at run time),
 *              out/main/store-worker.js (imports and exports on a worker thread),
 *              out/main/get-worker.js (download + convert a Hub checkpoint on a worker thread)
 *   preload  → out/preload/index.cjs  (CommonJS: a sandboxed preload cannot be an ES module, and it
 *                                      may require only 'electron', so everything else is bundled in)
 *   renderer → out/renderer/          (root src/renderer, React; relative base for file:// loading)
 * The browser host builds the same renderer with the same settings (src/main/browser-host/build-renderer.ts).
 */
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: path.join(root, 'src/main/index.ts'),
          // Worker threads are entries of their own (found by src/main/services/workers/entry.ts).
          'store-worker': path.join(root, 'src/main/services/export/store-worker.ts'),
          'get-worker': path.join(root, 'src/main/services/models/hub/get-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // Bundle everything (shared contract code) except electron itself.
      externalizeDeps: false,
      isolatedEntries: true,
      rollupOptions: {
        input: { index: path.join(root, 'src/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: path.join(root, 'src/renderer'),
    base: './',
    plugins: [react()],
    // The renderer's CSS reads fonts from resources/fonts, outside its root.
    server: { fs: { allow: [root] } },
    build: {
      outDir: path.join(root, 'out/renderer'),
      rollupOptions: { input: { index: path.join(root, 'src/renderer/index.html') } },
    },
  },
});
