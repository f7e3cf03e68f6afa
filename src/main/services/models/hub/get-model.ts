/**
 * "Get a model": a Hugging Face checkpoint becomes an installed GGUF in <dataDir>/models.
 *
 *   plan      pin the revision to a commit, list the files, fetch config + index, work out the
 *             disk space the whole job needs (download + result + any temporary file) and refuse
 *             at once when it is not free;
 *   download  the conversion files into a work folder named after the commit (a later run, even
 *             after a restart, resumes there), each checked against the Hub's SHA-256;
 *   convert / quantise / verify   the converter (../convert), shards deleted once read when asked;
 *   install   the verified GGUF renamed into the models folder with its source record beside it;
 *             the work folder is removed.
 * Cancel works at every stage. A cancelled or failed download keeps its files for a resume; a
 * failed or cancelled conversion removes everything it wrote, so nothing half-made is left.
 *
 * The converter is passed in (`Converter`), so this module is the job's order and bookkeeping
 * only; get-worker.ts runs it with the real converter off the main thread.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { GetModelProgress, ModelOutputType } from '../../../../shared/api.js';
import { ModelRequestError } from '../model-service.js';
import { selectCheckpointFiles, shardsNamedByIndex } from './checkpoint-files.js';
import { diskVerdict, requireDiskSpace, type DiskVerdict } from './disk-space.js';
import { bytesAlreadyFetched, fetchCheckpointFiles } from './fetch-checkpoint.js';
import { isRepoId, type HubClient, type HubFile } from './hub-api.js';
import { writeModelSource, type ModelSource } from './model-source.js';

export interface ConversionSizes {
  /** Bytes of the GGUF. */
  outBytes: number;
  /** Bytes of any temporary file besides the result at its largest (0 for the one-pass converter). */
  tempBytes: number;
}

/** What the job needs from the converter (src/main/services/models/convert). */
export interface Converter {
  planConversion(sourceDir: string, quant: ModelOutputType): ConversionSizes | Promise<ConversionSizes>;
  convertCheckpoint(options: {
    sourceDir: string;
    outFile: string;
    quant: ModelOutputType;
    signal?: AbortSignal;
    onProgress?: (progress: { stage: 'convert' | 'quantise' | 'verify'; doneBytes: number; totalBytes: number }) => void;
    deleteSourceWhenRead?: boolean;
  }): Promise<{ out: string; quant: string; tensors: number; bytes: number; seconds: number; sha256: string }>;
}

export interface GetModelOptions {
  repo: string;
  /** Branch, tag or commit (default "main"); pinned to its commit for the whole job. */
  revision?: string;
  quant: ModelOutputType;
  /** Delete each safetensors shard as soon as it is converted (default true). */
  deleteShards?: boolean;
}

export interface GetModelContext {
  modelsDir: string;
  client: HubClient;
  converter: Converter;
  signal?: AbortSignal;
  onProgress?: (progress: GetModelProgress) => void;
}

export interface GetPlan {
  repo: string;
  revision: string;
  commit: string;
  quant: ModelOutputType;
  fileName: string;
  alreadyInstalled: boolean;
  /** The files the job fetches (small files first). */
  files: HubFile[];
  downloadBytes: number;
  alreadyDownloadedBytes: number;
  outputBytes: number;
  temporaryBytes: number;
  disk: DiskVerdict;
  workDir: string;
}

export interface GetResult {
  file: string;
  source: ModelSource;
}

/** The work folders live here, hidden inside the models folder (same disk: the install is a rename). */
const WORK_ROOT = '.get';

/** `<repo name>-<quant>.gguf`, e.g. dagger-12B_SFT_GRPO-Q4_K_M.gguf. */
export function ggufNameFor(repo: string, quant: ModelOutputType): string {
  return `${repo.split('/')[1]}-${quant}.gguf`;
}

function workDirFor(modelsDir: string, repo: string, commit: string): string {
  return path.join(modelsDir, WORK_ROOT, `${repo.replace('/', '--')}@${commit}`);
}

/**
 * GGUF bytes per safetensors byte, for a single-file checkpoint only: with no index to plan from,
 * the converter cannot plan before the weights arrive (16-bit input assumed; safe side for f32).
 * Q4_K_M: Gemma-3 12B is 7.3 GB from 24 GB.
 */
const OUTPUT_PER_INPUT: Record<ModelOutputType, number> = { F32: 2, F16: 1, BF16: 1, Q8_0: 34 / 64, Q4_K_M: 0.34 };

/** The converter's exact plan; an estimate for a single-file checkpoint whose weights are not here yet. */
async function plannedSizes(converter: Converter, workDir: string, quant: ModelOutputType, weights: HubFile[]): Promise<ConversionSizes> {
  const weightsHere = weights.every((f) => fs.existsSync(path.join(workDir, f.path)));
  if (weightsHere || fs.existsSync(path.join(workDir, 'model.safetensors.index.json'))) return converter.planConversion(workDir, quant);
  const weightBytes = weights.reduce((sum, f) => sum + f.size, 0);
  return { outBytes: Math.ceil(weightBytes * OUTPUT_PER_INPUT[quant]), tempBytes: 0 };
}

/**
 * Disk space the job still needs. Without shard deletion everything coexists at the end. With it,
 * the peak is the larger of "all shards plus the first output written while the first shard is
 * still there" and "temporary file plus result" (the shards are gone by then).
 */
function neededBytes(files: HubFile[], sizes: ConversionSizes, deleteShards: boolean, alreadyFetched: number): number {
  const download = files.reduce((sum, f) => sum + f.size, 0);
  const largest = files.reduce((max, f) => Math.max(max, f.size), 0);
  const written = sizes.outBytes + sizes.tempBytes;
  const peak = deleteShards ? Math.max(download + Math.min(largest, written), written) : download + written;
  return Math.max(0, peak - alreadyFetched);
}

/**
 * What getting `repo` takes. Fetches the small files (config, index, tokenizer): the converter
 * plans from them exactly, and refuses a checkpoint it cannot convert (another architecture)
 * before a single weight is downloaded.
 */
export async function planGetModel(options: GetModelOptions, context: Omit<GetModelContext, 'onProgress'>): Promise<GetPlan> {
  const { repo, quant } = options;
  if (!isRepoId(repo)) throw new ModelRequestError('BAD_SOURCE', `not a Hugging Face repository id (owner/name): ${repo}`);
  const revision = options.revision ?? 'main';
  const { client, modelsDir, signal } = context;
  const commit = await client.resolveRevision(repo, revision);
  const { small, weights } = selectCheckpointFiles(repo, await client.listFiles(repo, commit));
  const workDir = workDirFor(modelsDir, repo, commit);
  await fetchCheckpointFiles({ client, repo, commit, files: small, folder: workDir, ...(signal ? { signal } : {}) });
  const indexFile = path.join(workDir, 'model.safetensors.index.json');
  const index = fs.existsSync(indexFile) ? (JSON.parse(fs.readFileSync(indexFile, 'utf8')) as unknown) : null;
  const files = [...small, ...shardsNamedByIndex(weights, index)];
  const downloadBytes = files.reduce((sum, f) => sum + f.size, 0);
  const sizes = await plannedSizes(context.converter, workDir, quant, files.filter((f) => f.path.endsWith('.safetensors')));
  const alreadyDownloadedBytes = bytesAlreadyFetched(workDir, files);
  const fileName = ggufNameFor(repo, quant);
  return {
    repo, revision, commit, quant, fileName, files, downloadBytes, alreadyDownloadedBytes, workDir,
    alreadyInstalled: fs.existsSync(path.join(modelsDir, fileName)),
    outputBytes: sizes.outBytes,
    temporaryBytes: sizes.tempBytes,
    disk: diskVerdict(modelsDir, neededBytes(files, sizes, options.deleteShards ?? true, alreadyDownloadedBytes)),
  };
}

/** Runs the whole job; see the module comment. */
export async function getModel(options: GetModelOptions, context: GetModelContext): Promise<GetResult> {
  const { client, converter, modelsDir, signal } = context;
  const deleteShards = options.deleteShards ?? true;
  const plan = await planGetModel(options, context);
  const target = path.join(modelsDir, plan.fileName);
  if (plan.alreadyInstalled) throw new ModelRequestError('ALREADY_INSTALLED', `${plan.fileName} is already installed; delete it first to get it again`);
  requireDiskSpace(modelsDir, plan.disk);
  removeOtherWorkFolders(modelsDir, options.repo, plan.workDir);

  const progress = context.onProgress ?? (() => {});
  await fetchCheckpointFiles({
    client, repo: plan.repo, commit: plan.commit, files: plan.files, folder: plan.workDir,
    ...(signal ? { signal } : {}),
    onProgress: (p) => progress({
      stage: 'download', doneBytes: p.receivedBytes, totalBytes: p.totalBytes,
      bytesPerSecond: p.bytesPerSecond, etaSeconds: p.etaSeconds, file: p.file,
    }),
  });

  // With the weights here the converter checks every shard header: a damaged or mismatched
  // checkpoint is refused before writing, and the disk is checked again (space may have gone).
  const sizes = await converter.planConversion(plan.workDir, plan.quant);
  requireDiskSpace(modelsDir, diskVerdict(modelsDir, neededBytes(plan.files, sizes, deleteShards, plan.downloadBytes)));

  const sourceNames = new Set(plan.files.map((f) => f.path));
  const outFile = path.join(plan.workDir, plan.fileName);
  const began = Date.now();
  let converted;
  try {
    const meter = new StageMeter();
    converted = await converter.convertCheckpoint({
      sourceDir: plan.workDir, outFile, quant: plan.quant, deleteSourceWhenRead: deleteShards,
      ...(signal ? { signal } : {}),
      onProgress: (p) => progress({ ...p, ...meter.rate(p.stage, p.doneBytes, p.totalBytes), file: null }),
    });
  } catch (error) {
    // Whatever the converter wrote (result, temporary files) goes; the fetched files stay for a retry.
    for (const name of fs.readdirSync(plan.workDir)) {
      if (!sourceNames.has(name) && !sourceNames.has(name.replace(/\.part$/, ''))) fs.rmSync(path.join(plan.workDir, name), { recursive: true, force: true });
    }
    throw error;
  }

  const source: ModelSource = {
    repo: plan.repo, revision: plan.revision, commit: plan.commit, quant: plan.quant,
    sha256: converted.sha256, bytes: converted.bytes, tensors: converted.tensors,
    files: plan.files.map((f) => ({ path: f.path, size: f.size, sha256: f.sha256 })),
    convertedAt: new Date().toISOString(),
    seconds: Math.round((Date.now() - began) / 100) / 10,
  };
  writeModelSource(target, source);
  try {
    fs.renameSync(converted.out, target);
  } catch (error) {
    fs.rmSync(`${target}.source.json`, { force: true });
    throw error;
  }
  fs.rmSync(plan.workDir, { recursive: true, force: true });
  return { file: target, source };
}

/** An earlier job for the same repository pinned to another commit cannot be resumed: free its space. */
function removeOtherWorkFolders(modelsDir: string, repo: string, keep: string): void {
  const root = path.join(modelsDir, WORK_ROOT);
  if (!fs.existsSync(root)) return;
  const prefix = `${repo.replace('/', '--')}@`;
  for (const name of fs.readdirSync(root)) {
    if (name.startsWith(prefix) && path.join(root, name) !== keep) fs.rmSync(path.join(root, name), { recursive: true, force: true });
  }
}

/** Speed and time left of the converter's stages (each stage measured from its own start). */
class StageMeter {
  private stage = '';
  private start = 0;
  private startBytes = 0;

  rate(stage: string, doneBytes: number, totalBytes: number): { bytesPerSecond: number | null; etaSeconds: number | null } {
    const now = performance.now();
    if (stage !== this.stage) {
      this.stage = stage;
      this.start = now;
      this.startBytes = doneBytes;
    }
    const seconds = (now - this.start) / 1000;
    const speed = seconds > 0.2 ? (doneBytes - this.startBytes) / seconds : 0;
    return speed > 0
      ? { bytesPerSecond: Math.round(speed), etaSeconds: Math.max(0, (totalBytes - doneBytes) / speed) }
      : { bytesPerSecond: null, etaSeconds: null };
  }
}
