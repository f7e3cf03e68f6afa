/**
 * The instruction prefix, evaluated once per model, ever.
 *
 * Every DAGGER prompt starts with the same ~750 tokens of instructions (real Gemma-3 vocabulary);
 * on a laptop CPU evaluating them is most of the wait before the first node. After a model is
 * loaded they are evaluated once in the background and the sequence's state (its KV cache) is saved
 * under <dataDir>/prefix-state; the next load restores that file instead of evaluating again.
 *
 * A state file is only ever loaded when it is provably ours and whole, because llama.cpp trusts it
 * blindly (a state from another model can crash the process):
 * - its name carries a key hashed from the model file's identity (size, mtime, hash of its first and
 *   last MiB), the context settings, the backend, node-llama-cpp's and llama.cpp's versions and the
 *   prefix tokens themselves, so any change selects a different file;
 * - a manifest beside it repeats the key and records the state's size and SHA-256; both files are
 *   written under temporary names and renamed, the manifest last, so a crash leaves no manifest;
 * - after loading, the sequence's tokens must equal the prefix tokens.
 * Anything else is deleted and the prefix evaluated again.
 *
 * The file helpers at the top need no llama.cpp, so the model service can list and delete a model's
 * states without loading anything.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { LlamaContextSequence, Token } from 'node-llama-cpp';

const STATE_SUFFIX = '.prefix-state';
const MANIFEST_SUFFIX = '.prefix-state.json';
/** Bumped when the manifest or the key's ingredients change, so older files are not read as new ones. */
const FORMAT_VERSION = 1;
/** How much of the model file's head and tail is hashed: enough to tell two models apart, fast on any disk. */
const IDENTITY_SAMPLE_BYTES = 1 << 20;

// ---------------------------------------------------------------------------------------------
// Files of a model (no llama.cpp needed)

/** The state and manifest files saved for the model file named `modelFileName` (any key). */
export function prefixStateFilesOf(stateDir: string, modelFileName: string): string[] {
  if (!fs.existsSync(stateDir)) return [];
  const start = `${modelFileName}.`;
  return fs.readdirSync(stateDir)
    .filter((name) => name.startsWith(start) && isPrefixStateFile(name.slice(start.length)))
    .map((name) => path.join(stateDir, name));
}

/** `<key>.prefix-state`, `<key>.prefix-state.json` or one of their temporary names. */
function isPrefixStateFile(rest: string): boolean {
  return /^[0-9a-f]{16}\.prefix-state(\.json)?(\.\d+\.tmp)?$/.test(rest);
}

/** Bytes the model's saved prefix states take in the data folder. */
export function prefixStateBytesOf(stateDir: string, modelFileName: string): number {
  return prefixStateFilesOf(stateDir, modelFileName).reduce((sum, file) => sum + fs.statSync(file).size, 0);
}

/** Deletes every saved prefix state of the model (with its model, or when a state is stale). */
export function deletePrefixStatesOf(stateDir: string, modelFileName: string): void {
  for (const file of prefixStateFilesOf(stateDir, modelFileName)) fs.rmSync(file, { force: true });
}

// ---------------------------------------------------------------------------------------------
// The key

/** What the state depends on besides the model's weights. */
export interface PrefixStateSettings {
  contextSize: number;
  /** Where the KV cache was computed: CPU and GPU results differ in the last bits. */
  backend: string;
  swaFullCache: boolean;
  /** The llama.cpp build (node-llama-cpp's release tag). */
  llamaCppRelease: string;
}

export interface ModelFileIdentity {
  sizeBytes: number;
  mtimeMs: number;
  /** SHA-256 of the first and last MiB (the header with its metadata, and the last tensor's end). */
  sampleSha256: string;
}

export function modelFileIdentity(modelPath: string): ModelFileIdentity {
  const stat = fs.statSync(modelPath);
  const hash = createHash('sha256');
  const fd = fs.openSync(modelPath, 'r');
  try {
    const head = Math.min(IDENTITY_SAMPLE_BYTES, stat.size);
    hash.update(readAt(fd, 0, head));
    const tailStart = Math.max(head, stat.size - IDENTITY_SAMPLE_BYTES);
    hash.update(readAt(fd, tailStart, stat.size - tailStart));
  } finally {
    fs.closeSync(fd);
  }
  return { sizeBytes: stat.size, mtimeMs: Math.trunc(stat.mtimeMs), sampleSha256: hash.digest('hex') };
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  let read = 0;
  while (read < length) {
    const n = fs.readSync(fd, buffer, read, length - read, position + read);
    if (n === 0) break;
    read += n;
  }
  return buffer.subarray(0, read);
}

let cachedBindingVersion: string | null = null;
/**
 * node-llama-cpp's installed version, from its package.json (the package exports neither a version
 * constant nor its package.json, so the file is found from the resolved entry point, dist/index.js).
 */
export function nodeLlamaCppVersion(): string {
  if (cachedBindingVersion === null) {
    const entry = createRequire(import.meta.url).resolve('node-llama-cpp');
    const manifest = path.join(path.dirname(entry), '..', 'package.json');
    cachedBindingVersion = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }).version;
  }
  return cachedBindingVersion;
}

export interface PrefixStateKey {
  /** 16 hex digits naming the files. */
  id: string;
  /** Everything hashed into `id`, kept in the manifest so a refusal can say what changed. */
  parts: { format: number; model: ModelFileIdentity; settings: PrefixStateSettings; nodeLlamaCpp: string; prefixSha256: string };
}

export function prefixStateKey(model: ModelFileIdentity, settings: PrefixStateSettings, prefixTokens: readonly Token[]): PrefixStateKey {
  const parts = {
    format: FORMAT_VERSION,
    model,
    settings,
    nodeLlamaCpp: nodeLlamaCppVersion(),
    prefixSha256: sha256(Buffer.from(Uint32Array.from(prefixTokens).buffer)),
  };
  return { id: sha256(Buffer.from(JSON.stringify(parts))).slice(0, 16), parts };
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function sha256OfFile(file: string): string {
  const hash = createHash('sha256');
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(1 << 22);
    for (let position = 0; ;) {
      const n = fs.readSync(fd, buffer, 0, buffer.length, position);
      if (n === 0) break;
      hash.update(buffer.subarray(0, n));
      position += n;
    }
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

// ---------------------------------------------------------------------------------------------
// The instruction prefix

/**
 * The tokens every DAGGER prompt begins with: the prompt's tokens for a placeholder question, cut
 * where prompts for different questions stop agreeing (a tokenizer may merge the last characters of
 * the instructions with the first of a question, so the text before `{question}` alone is not
 * enough). `contextTokensOf` must return the tokens a solve puts in the context for a prompt.
 */
export function instructionPrefixTokens(buildPrompt: (question: string) => string, contextTokensOf: (prompt: string) => Token[]): Token[] {
  const samples = ['রাজুর কাছে ৫টি আম আছে।', 'Mina has 12 pens.', '৩ + ৪ = ?', '"quoted" (12)'];
  let prefix = contextTokensOf(buildPrompt(samples[0]!));
  for (const sample of samples.slice(1)) {
    const tokens = contextTokensOf(buildPrompt(sample));
    let common = 0;
    while (common < prefix.length && common < tokens.length && prefix[common] === tokens[common]) common++;
    prefix = prefix.slice(0, common);
  }
  return prefix;
}

// ---------------------------------------------------------------------------------------------
// Preparing the prefix: restore it, else evaluate and save it

export interface PrefixStateStoreLocation {
  /** <dataDir>/prefix-state */
  dir: string;
  /** The model file's base name: states are listed and deleted with it. */
  modelFileName: string;
  key: PrefixStateKey;
}

interface Manifest {
  key: PrefixStateKey;
  stateBytes: number;
  stateSha256: string;
  tokenCount: number;
}

export type PrefixSource = 'restored' | 'evaluated';

export interface PrefixPreparation {
  source: PrefixSource;
  tokenCount: number;
  /** Time to restore or evaluate. */
  ms: number;
  /** Size of the saved (or restored) state file; null when nothing is saved. */
  stateBytes: number | null;
  /** Why a saved state was not used (refused, damaged) or could not be saved; null when all went well. */
  note: string | null;
}

export interface PreparePrefixOptions {
  sequence: LlamaContextSequence;
  tokens: Token[];
  /** Where to save and look for the state; without it the prefix is evaluated in memory only. */
  store?: PrefixStateStoreLocation;
  /** Called after each evaluated chunk. */
  onProgress?: (evaluatedTokens: number, totalTokens: number) => void;
  /** Checked between chunks: an unload stops the preparation. */
  isCancelled?: () => boolean;
}

/** Evaluation happens in about this many chunks, so progress can be shown; each is still a large batch. */
const PROGRESS_STEPS = 10;
const MIN_CHUNK_TOKENS = 64;

/**
 * Leaves `sequence` holding exactly `tokens`' evaluation: restored from the saved state when a
 * valid one exists, else evaluated (in chunks, reporting progress) and saved. The sequence must be
 * empty. Returns what happened; throws only when evaluating fails (or is cancelled).
 */
export async function preparePrefix(options: PreparePrefixOptions): Promise<PrefixPreparation> {
  const { sequence, tokens, store } = options;
  const started = performance.now();
  let note: string | null = null;
  if (store) {
    const restored = await tryRestore(sequence, tokens, store);
    if (restored.ok) {
      const ms = elapsed(started);
      await warmUp(sequence);
      return { source: 'restored', tokenCount: tokens.length, ms, stateBytes: restored.stateBytes, note: null };
    }
    note = restored.reason;
  }

  const chunk = Math.max(MIN_CHUNK_TOKENS, Math.ceil(tokens.length / PROGRESS_STEPS));
  options.onProgress?.(0, tokens.length);
  for (let done = 0; done < tokens.length; done += chunk) {
    if (options.isCancelled?.()) throw new PrefixCancelledError();
    await sequence.evaluateWithoutGeneratingNewTokens(tokens.slice(done, done + chunk));
    options.onProgress?.(Math.min(done + chunk, tokens.length), tokens.length);
  }
  const ms = elapsed(started);

  let stateBytes: number | null = null;
  if (store) {
    try {
      stateBytes = await saveState(sequence, store);
    } catch (error) {
      // A full disk or a read-only folder costs the next start its head start, nothing else.
      note = `the prepared prefix could not be saved: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  return { source: 'evaluated', tokenCount: tokens.length, ms, stateBytes, note };
}

/**
 * A restore fills the KV cache without touching the weights. One throwaway token evaluated after
 * the prefix, then erased, makes llama.cpp read every layer's weights (paging in the mapped file)
 * and build its compute buffers now, while the student types, instead of in the first solve. The
 * prefix's own cache entries are not written, so what the model then generates is unchanged.
 */
async function warmUp(sequence: LlamaContextSequence): Promise<void> {
  const tokens = sequence.contextTokens;
  const end = tokens.length;
  if (end === 0 || end >= sequence.contextSize) return;
  await sequence.evaluateWithoutGeneratingNewTokens([tokens[end - 1]!]);
  await sequence.eraseContextTokenRanges([{ start: end, end: end + 1 }]);
}

export class PrefixCancelledError extends Error {
  constructor() {
    super('prefix preparation cancelled');
  }
}

function fileBase(store: PrefixStateStoreLocation): string {
  return path.join(store.dir, `${store.modelFileName}.${store.key.id}`);
}

type RestoreOutcome = { ok: true; stateBytes: number } | { ok: false; reason: string | null };

async function tryRestore(sequence: LlamaContextSequence, tokens: Token[], store: PrefixStateStoreLocation): Promise<RestoreOutcome> {
  const base = fileBase(store);
  const stateFile = base + STATE_SUFFIX;
  const manifestFile = base + MANIFEST_SUFFIX;
  if (!fs.existsSync(manifestFile)) {
    // Nothing saved for this key (a state file without manifest is a half-finished save).
    const stale = prefixStateFilesOf(store.dir, store.modelFileName).length > 0;
    deletePrefixStatesOf(store.dir, store.modelFileName);
    return { ok: false, reason: stale ? 'the saved prefix state is incomplete or was made for another model file, setting or version' : null };
  }
  const refuse = async (reason: string): Promise<RestoreOutcome> => {
    deletePrefixStatesOf(store.dir, store.modelFileName);
    // A refused load may have left part of a state behind: start from an empty sequence.
    if (sequence.contextTokens.length > 0) await sequence.clearHistory();
    return { ok: false, reason };
  };

  let manifest: Manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest;
  } catch {
    return refuse('the saved prefix state\'s manifest is damaged');
  }
  if (JSON.stringify(manifest.key) !== JSON.stringify(store.key)) return refuse('the saved prefix state\'s manifest does not match this model and settings');
  if (!fs.existsSync(stateFile) || fs.statSync(stateFile).size !== manifest.stateBytes) return refuse('the saved prefix state is missing or has the wrong size');
  if (sha256OfFile(stateFile) !== manifest.stateSha256) return refuse('the saved prefix state is damaged (checksum mismatch)');

  try {
    await sequence.loadStateFromFile(stateFile, { acceptRisk: true });
  } catch (error) {
    return refuse(`the saved prefix state could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
  }
  const restored = sequence.contextTokens;
  if (restored.length !== tokens.length || restored.some((token, i) => token !== tokens[i])) {
    return refuse('the saved prefix state holds other tokens than the instruction prefix');
  }
  return { ok: true, stateBytes: manifest.stateBytes };
}

/** Saves the sequence's state and its manifest (temporary names, then renames: the manifest last). */
async function saveState(sequence: LlamaContextSequence, store: PrefixStateStoreLocation): Promise<number> {
  fs.mkdirSync(store.dir, { recursive: true });
  // States saved under another key (an older model file, other settings) are of no further use.
  deletePrefixStatesOf(store.dir, store.modelFileName);
  const base = fileBase(store);
  const tempSuffix = `.${process.pid}.tmp`;
  const stateFile = base + STATE_SUFFIX;
  const manifestFile = base + MANIFEST_SUFFIX;
  try {
    await sequence.saveStateToFile(stateFile + tempSuffix);
    const stateBytes = fs.statSync(stateFile + tempSuffix).size;
    const manifest: Manifest = {
      key: store.key,
      stateBytes,
      stateSha256: sha256OfFile(stateFile + tempSuffix),
      tokenCount: sequence.contextTokens.length,
    };
    fs.renameSync(stateFile + tempSuffix, stateFile);
    fs.writeFileSync(manifestFile + tempSuffix, `${JSON.stringify(manifest, null, 2)}\n`);
    fs.renameSync(manifestFile + tempSuffix, manifestFile);
    return stateBytes;
  } finally {
    fs.rmSync(stateFile + tempSuffix, { force: true });
    fs.rmSync(manifestFile + tempSuffix, { force: true });
  }
}

function elapsed(since: number): number {
  return Math.round((performance.now() - since) * 10) / 10;
}

// ---------------------------------------------------------------------------------------------
// The whole job, as the inference service runs it after a load

export interface InstructionPrefixJob {
  sequence: LlamaContextSequence;
  modelPath: string;
  settings: PrefixStateSettings;
  /** <dataDir>/prefix-state, or undefined to evaluate in memory only. */
  stateDir?: string;
  /** The full prompt text for a question (src/core/prompt.ts). */
  buildPrompt: (question: string) => string;
  /** The tokens a solve puts in the context for a prompt text. */
  contextTokensOf: (prompt: string) => Token[];
  onStart?: (totalTokens: number) => void;
  onProgress?: (evaluatedTokens: number, totalTokens: number) => void;
  isCancelled?: () => boolean;
}

/** Works out the prefix tokens and the state's key, then restores or evaluates (and saves) the prefix. */
export async function prepareInstructionPrefix(job: InstructionPrefixJob): Promise<PrefixPreparation> {
  const tokens = instructionPrefixTokens(job.buildPrompt, job.contextTokensOf);
  job.onStart?.(tokens.length);
  const store = job.stateDir === undefined ? undefined : {
    dir: job.stateDir,
    modelFileName: path.basename(job.modelPath),
    key: prefixStateKey(modelFileIdentity(job.modelPath), job.settings, tokens),
  };
  return preparePrefix({
    sequence: job.sequence,
    tokens,
    ...(store ? { store } : {}),
    ...(job.onProgress ? { onProgress: job.onProgress } : {}),
    ...(job.isCancelled ? { isCancelled: job.isCancelled } : {}),
  });
}
