/**
 * Reads the built-in problem bank (resources/bank/*.json) and teachers' set files from disk.
 * Parsing and checking are pure core code (src/core/bank); this file only finds and reads files,
 * so the CLI, tests, the browser host and the Electron main process share it.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadProblemSet, type LoadError } from '../../core/bank/load.js';
import { validateProblemSets, type BankReport, type SourcedSet } from '../../core/bank/validate.js';

/** The loaded sets plus the files that could not be read (the others still load). */
export interface LoadedBank {
  dir: string;
  sets: SourcedSet[];
  errors: LoadError[];
}

/**
 * Where the built-in bank lives. Precedence: an explicit folder, `DAGGER_TUTOR_BANK_DIR`,
 * Electron's packaged resources folder (`process.resourcesPath/bank`, where electron-builder's
 * extraResources puts it), then the nearest `resources/bank` above this module (tsx from the
 * repository, or a bundle in out/main), then above the working directory.
 */
export function resolveBankDir(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) return path.resolve(explicit);
  if (env.DAGGER_TUTOR_BANK_DIR) return path.resolve(env.DAGGER_TUTOR_BANK_DIR);
  // Only defined inside Electron; plain Node has no such property.
  const resourcesPath = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  if (resourcesPath && existsSync(path.join(resourcesPath, 'bank'))) return path.join(resourcesPath, 'bank');
  const here = path.dirname(fileURLToPath(import.meta.url));
  const found = findUp(here) ?? findUp(process.cwd());
  if (found) return found;
  throw new Error(`cannot find the problem bank (resources/bank) above ${here} or ${process.cwd()}; pass its folder explicitly`);
}

function findUp(start: string): string | null {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'resources', 'bank');
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return null;
  }
}

/** Every `*.json` file of a folder, sorted by name so the bank order is stable. */
export async function listBankFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.json'))
    .map((e) => path.join(dir, e.name))
    .sort();
}

/** Reads and parses the given files; unreadable or invalid files become errors, not exceptions. */
export async function loadProblemSetFiles(files: string[]): Promise<Omit<LoadedBank, 'dir'>> {
  const sets: SourcedSet[] = [];
  const errors: LoadError[] = [];
  for (const file of files) {
    const source = displayPath(file);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      errors.push({ source, field: '', message: `cannot read file: ${(error as Error).message}` });
      continue;
    }
    const result = loadProblemSet(text, source);
    if (result.ok) sets.push({ set: result.set, source });
    else errors.push(...result.errors);
  }
  return { sets, errors };
}

/** Loads the whole built-in bank (every *.json in the bank folder). */
export async function loadBank(dir?: string): Promise<LoadedBank> {
  const bankDir = resolveBankDir(dir);
  return { dir: bankDir, ...(await loadProblemSetFiles(await listBankFiles(bankDir))) };
}

/** Loads and validates files (default: the whole built-in bank) into one report. */
export async function validateBankFiles(files?: string[], dir?: string): Promise<BankReport> {
  const loaded = files ? await loadProblemSetFiles(files) : await loadBank(dir);
  return validateProblemSets(loaded.sets, loaded.errors);
}

/** Paths inside the working directory are shown relative, the way a user typed them. */
function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}
