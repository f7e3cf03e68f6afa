/**
 * Child process for two-process.test.ts: another program that has the practice store open.
 *
 *   node --import tsx store-holder.ts store DATA_DIR
 *     opens the store as the app does and keeps it open; prints "ready". Reads commands, one a
 *     line, on standard input: "lock MS" takes the write lock (BEGIN IMMEDIATE), prints "locked",
 *     holds it MS milliseconds (without MS: until "unlock"), commits and prints "released".
 *   node --import tsx store-holder.ts host DATA_DIR
 *     runs the browser host over the folder; prints one JSON line {"origin","token"}.
 *
 * Both end when standard input closes.
 */
import readline from 'node:readline';
import { startBrowserHost } from '../../src/main/browser-host/server.js';
import { openStore } from '../../src/main/services/store/index.js';

const [mode, dataDir] = process.argv.slice(2);
if (!dataDir || (mode !== 'store' && mode !== 'host')) throw new Error('usage: store-holder.ts store|host DATA_DIR');

const input = readline.createInterface({ input: process.stdin });

if (mode === 'store') {
  const store = openStore(dataDir);
  const release = () => {
    store.db.exec('COMMIT');
    process.stdout.write('released\n');
  };
  input.on('line', (line) => {
    const [command, ms] = line.trim().split(/\s+/);
    if (command === 'unlock') release();
    if (command !== 'lock') return;
    store.db.exec('BEGIN IMMEDIATE');
    process.stdout.write('locked\n');
    if (ms) setTimeout(release, Number(ms));
  });
  // An unfinished lock is rolled back with the connection.
  input.on('close', () => {
    store.close();
    process.exit(0);
  });
  process.stdout.write('ready\n');
} else {
  const host = await startBrowserHost({ dataDir });
  input.on('close', () => void host.close());
  process.stdout.write(`${JSON.stringify({ origin: host.origin, token: host.token })}\n`);
}
