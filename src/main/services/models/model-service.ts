/**
 * The models in the data folder (<dataDir>/models): list, import a local .gguf, download, delete,
 * and which one is selected (settings.json `modelPath`). Plain Node: used by the CLI, the browser
 * host and the Electron main process.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { deletePrefixStatesOf, prefixStateBytesOf } from '../inference/prefix-state.js';
import { dataPaths } from '../paths.js';
import { ramOnlyMachine } from '../inference/llama-runtime.js';
import { judgeFit, machineFitInputs } from '../inference/memory-fit.js';
import type { MachineMemory, MemoryFit } from '../inference/types.js';
import { loadCatalog, resolveDownloadUrl, type CatalogModel } from './catalog.js';
import { copyFileChecked, type CopyOptions } from './copy-file.js';
import { downloadModelFile, type DownloadProgress } from './download.js';
import { sourceRecordPath } from './hub/model-source.js';
import { ModelFileError, validateModelFile, type GgufSummary } from './gguf/inspect.js';

/** Why a request to install or remove a model cannot be done as asked. */
export const MODEL_REQUEST_ERROR_CODES = ['ALREADY_INSTALLED', 'NOT_PUBLISHED', 'BAD_SOURCE', 'NO_FILE_NAME', 'BAD_FILE_NAME'] as const;
export type ModelRequestErrorCode = (typeof MODEL_REQUEST_ERROR_CODES)[number];

/** A request the user can correct (a name already taken, an address that is not one): code plus sentence. */
export class ModelRequestError extends Error {
  constructor(readonly code: ModelRequestErrorCode, message: string) {
    super(message);
  }
}

export interface InstalledModelInfo {
  fileName: string;
  path: string;
  sizeBytes: number;
  /** Its saved instruction-prefix states (<dataDir>/prefix-state), deleted with it. */
  prefixStateBytes: number;
  architecture: string | null;
  name: string | null;
  /** Quick estimate from the file size (the exact estimate is made when loading). */
  fit: MemoryFit;
  selected: boolean;
  /** Why the file cannot be used, when it cannot. */
  problem: string | null;
}

/** Rough need for a 4096-token context on top of the weights, for the quick list estimate. */
const CONTEXT_ALLOWANCE = 0.15;

/**
 * Quick fit of a model file from its size alone (the exact GGUF-metadata estimate is made when
 * loading), judged against `machine` — its GPU included (InferenceService.machine()). Without a
 * machine reading only the RAM is known, so the verdict is the CPU-only one.
 */
export function quickFit(sizeBytes: number, machine: MachineMemory = ramOnlyMachine()): MemoryFit {
  return judgeFit({
    ...machineFitInputs(machine),
    modelBytes: sizeBytes,
    contextBytes: Math.round(sizeBytes * CONTEXT_ALLOWANCE),
  });
}

/** Fit of a catalog entry: its `memoryBytes` already include the context (see catalog.json). */
export function catalogFit(entry: Pick<CatalogModel, 'sizeBytes' | 'memoryBytes'>, machine: MachineMemory = ramOnlyMachine()): MemoryFit {
  return judgeFit({
    ...machineFitInputs(machine),
    modelBytes: entry.sizeBytes,
    contextBytes: Math.max(0, entry.memoryBytes - entry.sizeBytes),
  });
}

export class ModelService {
  private readonly paths;
  constructor(readonly dataDir: string, private readonly catalogFile?: string) {
    this.paths = dataPaths(dataDir);
  }

  catalog(): CatalogModel[] {
    return loadCatalog(this.catalogFile);
  }

  /** The installed models; `machine` (with its GPU) makes the fit verdicts exact, else RAM only. */
  list(machine?: MachineMemory): InstalledModelInfo[] {
    if (!fs.existsSync(this.paths.models)) return [];
    const selected = this.selectedPath();
    return fs.readdirSync(this.paths.models)
      .filter((name) => name.toLowerCase().endsWith('.gguf'))
      .sort()
      .map((fileName) => this.describe(path.join(this.paths.models, fileName), selected, machine));
  }

  private describe(file: string, selected: string | null, machine?: MachineMemory): InstalledModelInfo {
    const sizeBytes = fs.statSync(file).size;
    let summary: GgufSummary | null = null;
    let problem: string | null = null;
    try {
      summary = validateModelFile(file);
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
    }
    return {
      fileName: path.basename(file),
      path: file,
      sizeBytes,
      prefixStateBytes: prefixStateBytesOf(this.paths.prefixStates, path.basename(file)),
      architecture: summary?.architecture ?? null,
      name: summary?.name ?? null,
      fit: quickFit(sizeBytes, machine),
      selected: selected !== null && path.resolve(selected) === path.resolve(file),
      problem,
    };
  }

  /**
   * Validates `source` and copies it into the models folder under its name (with `.gguf` added when
   * it lacks it: the folder only lists .gguf files). Nothing is installed when it is not usable, the
   * copy is cancelled or the file changes while it is copied.
   */
  async import(source: string, options: ImportOptions = {}): Promise<InstalledModelInfo> {
    const { machine } = options;
    validateModelFile(source);
    fs.mkdirSync(this.paths.models, { recursive: true });
    const fileName = installedName(source);
    const target = path.join(this.paths.models, fileName);
    if (path.resolve(source) === path.resolve(target)) return this.describe(target, this.selectedPath(), machine);
    if (fs.existsSync(target)) throw new ModelRequestError('ALREADY_INSTALLED', `a model named ${fileName} is already installed; delete it first or rename the file`);
    removeAbandonedImports(this.paths.models);
    // A short private name: the model's own name may already be at the file system's limit.
    const temp = path.join(this.paths.models, `${IMPORTING_PREFIX}${crypto.randomBytes(6).toString('hex')}`);
    try {
      await copyFileChecked(source, temp, options);
      validateModelFile(temp); // what was copied, not only what was checked before
      fs.renameSync(temp, target);
    } finally {
      fs.rmSync(temp, { force: true });
    }
    return this.describe(target, this.selectedPath(), machine);
  }

  /** Downloads a catalog entry (by id) or a URL into the models folder. */
  async download(
    idOrUrl: string,
    options: { signal?: AbortSignal; onProgress?: (p: DownloadProgress) => void; fileName?: string; sha256?: string; machine?: MachineMemory } = {},
  ): Promise<InstalledModelInfo> {
    const entry = this.catalog().find((m) => m.id === idOrUrl);
    if (entry && !entry.url) throw new ModelRequestError('NOT_PUBLISHED', `${entry.name} has no published GGUF. ${entry.instructions ?? ''}`.trim());
    const url = entry?.url ?? idOrUrl;
    if (!/^(https?:\/\/|hf:)/.test(url)) throw new ModelRequestError('BAD_SOURCE', `not a catalog id or http(s)/hf: URL: ${idOrUrl}`);
    let resolved: URL;
    try {
      resolved = new URL(resolveDownloadUrl(url));
    } catch (error) {
      throw new ModelRequestError('BAD_SOURCE', `${idOrUrl} is not a usable address: ${(error as Error).message}`);
    }
    const fileName = options.fileName ?? entry?.fileName ?? safeDecode(resolved.pathname.split('/').pop() ?? '');
    if (!/^[^/\\]+\.gguf$/i.test(fileName)) throw new ModelRequestError('NO_FILE_NAME', `cannot tell the file name of ${resolved.href}; pass one ending in .gguf`);
    checkModelFileName(fileName, '.part'.length); // downloadModelFile writes <name>.part first
    const destination = path.join(this.paths.models, fileName);
    if (fs.existsSync(destination)) throw new ModelRequestError('ALREADY_INSTALLED', `${fileName} is already installed`);
    await downloadModelFile({ url: resolved.href, destination, signal: options.signal, onProgress: options.onProgress, sha256: options.sha256 });
    return this.describe(destination, this.selectedPath(), options.machine);
  }

  /** Deletes an installed model by file name (only inside the models folder). */
  delete(fileName: string): boolean {
    if (path.basename(fileName) !== fileName || !fileName.toLowerCase().endsWith('.gguf')) {
      throw new ModelRequestError('BAD_FILE_NAME', `not an installed model's file name: ${fileName}`);
    }
    const file = path.join(this.paths.models, fileName);
    if (!fs.existsSync(file)) return false;
    const wasSelected = this.selectedPath() !== null && path.resolve(this.selectedPath()!) === path.resolve(file);
    fs.rmSync(file);
    fs.rmSync(`${file}.part`, { force: true });
    fs.rmSync(sourceRecordPath(file), { force: true }); // where a converted model came from (hub/model-source.ts)
    deletePrefixStatesOf(this.paths.prefixStates, fileName);
    if (wasSelected) this.select(null);
    return true;
  }

  /** settings.json `modelPath`, or null. */
  selectedPath(): string | null {
    const settings = this.readSettings();
    return typeof settings.modelPath === 'string' ? settings.modelPath : null;
  }

  select(modelPath: string | null): void {
    if (modelPath !== null) validateModelFile(modelPath);
    const settings = this.readSettings();
    if (modelPath === null) delete settings.modelPath;
    else settings.modelPath = path.resolve(modelPath);
    fs.mkdirSync(this.dataDir, { recursive: true });
    const temp = `${this.paths.settings}.${process.pid}.tmp`;
    fs.writeFileSync(temp, `${JSON.stringify(settings, null, 2)}\n`);
    fs.renameSync(temp, this.paths.settings);
  }

  /**
   * The model to solve with: the selected one, else the only usable installed one.
   * Throws with a message that says what to do when there is none.
   */
  defaultModel(): string {
    const selected = this.selectedPath();
    if (selected) {
      if (!fs.existsSync(selected)) throw new ModelFileError('MISSING', `the selected model ${selected} no longer exists; choose another (models list) or pass --model PATH`);
      return selected;
    }
    const usable = this.list().filter((m) => m.problem === null);
    if (usable.length === 1) return usable[0]!.path;
    if (usable.length === 0) {
      throw new ModelFileError('MISSING', `no model installed in ${this.paths.models}; import a DAGGER GGUF (dagger-tutor models import FILE) or pass --model PATH`);
    }
    throw new ModelFileError('MISSING', `several models are installed (${usable.map((m) => m.fileName).join(', ')}); pass --model PATH or set "modelPath" in ${this.paths.settings}`);
  }

  private readSettings(): Record<string, unknown> {
    try {
      const value = JSON.parse(fs.readFileSync(this.paths.settings, 'utf8')) as unknown;
      return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }
}

export interface ImportOptions extends CopyOptions {
  /** Makes the fit verdict exact (GPU included); RAM only without it. */
  machine?: MachineMemory;
}

const IMPORTING_PREFIX = '.importing-';
/** A copy in progress writes every few milliseconds; one untouched this long was abandoned. */
const ABANDONED_IMPORT_MS = 10 * 60 * 1000;

/**
 * Removes the temporary files of imports that were killed mid-copy (a failed or cancelled import
 * removes its own), leaving any that another process is still writing.
 */
function removeAbandonedImports(modelsDir: string, now = Date.now()): void {
  for (const name of fs.readdirSync(modelsDir)) {
    if (!name.startsWith(IMPORTING_PREFIX)) continue;
    const file = path.join(modelsDir, name);
    try {
      if (now - fs.statSync(file).mtimeMs > ABANDONED_IMPORT_MS) fs.rmSync(file, { force: true });
    } catch {
      // Gone already (its own import finished or removed it).
    }
  }
}

/** The longest file name (in bytes) common file systems take. */
const MAX_FILE_NAME_BYTES = 255;

/**
 * The name an imported file gets in the models folder: its own, with `.gguf` added when missing,
 * refused when the app could not list or delete it afterwards (the rules of modelFileName in
 * src/shared/schemas.ts) or when no file system would take it.
 */
export function installedName(source: string): string {
  const base = path.basename(source);
  const name = base.toLowerCase().endsWith('.gguf') ? base : `${base}.gguf`;
  checkModelFileName(name, 0);
  return name;
}

/**
 * Refuses (BAD_FILE_NAME) a model file name the app could not list or delete afterwards, or one
 * that with `reservedBytes` more (a download's `.part`) no file system would take.
 */
function checkModelFileName(name: string, reservedBytes: number): void {
  if (/[\\:\0]/.test(name) || name.startsWith('..')) {
    throw new ModelRequestError('BAD_FILE_NAME', `the file name ${name} cannot be used for a model (no ":" or "\\", not starting with ".."); rename the file`);
  }
  const bytes = Buffer.byteLength(name) + reservedBytes;
  if (bytes > MAX_FILE_NAME_BYTES) {
    throw new ModelRequestError('BAD_FILE_NAME', `the file name ${name.slice(0, 40)}… is too long (${bytes} bytes, ${MAX_FILE_NAME_BYTES} at most); use a shorter name`);
  }
}

/** A URL path segment decoded, or as it is when its escapes are broken (the check above then refuses it). */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
