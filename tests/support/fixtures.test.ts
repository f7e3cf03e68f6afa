/**
 * The project's copies of the shared DAGGER data (tests/fixtures) are what the tests read, so that a
 * fresh clone tests on its own. Where the shared folder sits beside the checkout (the team's
 * machines), every copied file must still equal its original byte for byte; elsewhere this is
 * skipped, saying why.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SHARED_ROOT = path.resolve(REPO_ROOT, '..', 'shared');

/** Each copied folder of tests/fixtures and the shared folder it was copied from. */
const COPIES: Array<{ copy: string; original: string }> = [
  { copy: 'tests/fixtures/dagger', original: 'dagger' },
  { copy: 'tests/fixtures/gemma3-tiny', original: 'fixtures/gemma3-tiny' },
];

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => fs.statSync(path.join(dir, name)).isFile())
    .sort();
}

const sharedPresent = fs.existsSync(SHARED_ROOT);
if (!sharedPresent) console.warn(`fixtures: skipped the comparison with the shared originals: ${SHARED_ROOT} does not exist beside this checkout`);

describe('test fixtures copied from the shared folder', () => {
  it('the DAGGER contract the tests need is in the project', () => {
    for (const name of ['examples.json', 'user-prompt-template.txt']) {
      expect(fs.existsSync(path.join(REPO_ROOT, 'tests/fixtures/dagger', name)), name).toBe(true);
    }
  });

  for (const { copy, original } of COPIES) {
    const copyDir = path.join(REPO_ROOT, copy);
    const originalDir = path.join(SHARED_ROOT, original);
    it.skipIf(!sharedPresent || !fs.existsSync(copyDir))(`${copy} equals ../shared/${original}, file for file`, () => {
      const files = filesUnder(copyDir);
      expect(files.length).toBeGreaterThan(0);
      for (const name of files) {
        const source = path.join(originalDir, name);
        expect(fs.existsSync(source), `${name} has no original in ${originalDir}`).toBe(true);
        expect(fs.readFileSync(path.join(copyDir, name)).equals(fs.readFileSync(source)), `${copy}/${name} differs from its original`).toBe(true);
      }
    });
  }
});
