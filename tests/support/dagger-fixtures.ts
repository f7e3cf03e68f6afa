/**
 * The model contract the tests check against, copied into the project (tests/fixtures/dagger) from
 * the shared DAGGER folder so that a fresh clone tests on its own: the prompt template and the four
 * real model outputs in examples.json. tests/fixtures/fixtures.test.ts keeps the copies equal to the
 * originals wherever those sit beside the checkout.
 * Resolved from this file, not the working directory, so any test runner location works.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DAGGER_FIXTURES_DIR = path.join(REPO_ROOT, 'tests', 'fixtures', 'dagger');

export interface DaggerExample {
  source: string;
  question: string;
  output: string;
  answer: number;
}

export function readDaggerFixture(name: string): string {
  return fs.readFileSync(path.join(DAGGER_FIXTURES_DIR, name), 'utf8');
}

export function loadDaggerExamples(): DaggerExample[] {
  return (JSON.parse(readDaggerFixture('examples.json')) as { examples: DaggerExample[] }).examples;
}
