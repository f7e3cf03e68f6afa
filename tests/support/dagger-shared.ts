/**
 * The model contract in ../shared/dagger, beside the checkout (CI lays a copy there too): the
 * prompt template and the four real model outputs the engine, parser and CLI tests run.
 * Resolved from this file, not the working directory, so any test runner location works.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHARED_DAGGER_DIR = path.resolve(REPO_ROOT, '..', 'shared', 'dagger');

export interface DaggerExample {
  source: string;
  question: string;
  output: string;
  answer: number;
}

export function readSharedDaggerFile(name: string): string {
  const file = path.join(SHARED_DAGGER_DIR, name);
  if (!fs.existsSync(file)) {
    throw new Error(`${file} is missing: these tests check the model contract kept in shared/dagger beside the checkout`);
  }
  return fs.readFileSync(file, 'utf8');
}

export function loadDaggerExamples(): DaggerExample[] {
  return (JSON.parse(readSharedDaggerFile('examples.json')) as { examples: DaggerExample[] }).examples;
}
