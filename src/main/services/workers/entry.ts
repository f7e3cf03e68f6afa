/**
 * Where a worker thread's script is, from the sources or from the built app.
 *
 * From the sources (tsx, vitest) the worker is the .ts file beside its caller, run with tsx's
 * loader (inherited when tsx started this process). In the built app every worker is its own
 * entry of electron.vite.config.ts, out/main/<name>.js, beside or above the chunk that starts it.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

export function workerEntry(name: string, callerUrl: string): { file: URL | string; execArgv: string[] } {
  if (callerUrl.endsWith('.ts')) {
    const inherited = process.execArgv.some((a) => a.includes('tsx'));
    return { file: new URL(`./${name}.ts`, callerUrl), execArgv: inherited ? process.execArgv : ['--import', 'tsx'] };
  }
  for (const candidate of [`./${name}.js`, `../${name}.js`]) {
    const file = fileURLToPath(new URL(candidate, callerUrl));
    if (fs.existsSync(file)) return { file, execArgv: [] };
  }
  throw new Error(`the worker ${name}.js is missing from this build`);
}
