/**
 * `npm run serve [-- --data-dir DIR] [--port N] [--model FILE.gguf] [--no-build]`
 *
 * Starts the browser host on 127.0.0.1 and prints the address to open (it carries the
 * per-run access token). Builds the renderer into out/renderer first when it is missing or
 * older than its sources. Ctrl+C stops it cleanly: running solves and downloads are cancelled
 * and the practice history is closed last.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { resolveDataDir } from '../services/paths.js';
import { buildRenderer, rendererIsStale } from './build-renderer.js';
import { startBrowserHost } from './server.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        'data-dir': { type: 'string' },
        port: { type: 'string', default: '0' },
        model: { type: 'string' },
        'no-build': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    console.error(`serve: ${(error as Error).message}`);
    return 2;
  }
  if (values.help) {
    console.log('Usage: npm run serve -- [--data-dir DIR] [--port N] [--model FILE.gguf] [--no-build]');
    return 0;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`serve: --port must be a number from 0 to 65535 (0 picks a free one), not "${values.port}"`);
    return 2;
  }
  const staticDir = path.join(ROOT, 'out', 'renderer');
  if (!values['no-build'] && rendererIsStale(ROOT, staticDir)) {
    console.log('Building the renderer into out/renderer …');
    await buildRenderer(ROOT, staticDir);
  }
  const dataDir = resolveDataDir(values['data-dir']);
  const host = await startBrowserHost({
    dataDir,
    port,
    staticDir,
    ...(values.model ? { modelPath: path.resolve(values.model) } : {}),
  });
  console.log(`DAGGER Tutor is running for this computer only (data: ${dataDir}).`);
  console.log(`Open: ${host.url}`);
  console.log('Press Ctrl+C to stop.');

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  console.log('Stopping …');
  await host.close();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`serve: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
