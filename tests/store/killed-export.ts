/**
 * Child process for export.test.ts: starts writing an export file the way every export does
 * (writeFileAtomicWith, listed in the data folder) and is killed with SIGKILL halfway through.
 * Usage: node --import tsx killed-export.ts DATA_DIR TARGET_FILE
 */
import fs from 'node:fs';
import { writeFileAtomicWith } from '../../src/main/services/export/files.js';
import { dataPaths } from '../../src/main/services/paths.js';

const [dataDir, target] = process.argv.slice(2) as [string, string];
writeFileAtomicWith(target, (fd) => {
  fs.writeSync(fd, '{"format":"dagger-tutor.practice-export","data":{"attempts":[');
  process.kill(process.pid, 'SIGKILL');
}, { partialsList: dataPaths(dataDir).partialExports });
