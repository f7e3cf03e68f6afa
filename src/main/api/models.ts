/**
 * The model side of the contract. Files (catalog, list, import, download, delete) are helper B's
 * ModelService; inference is B's InferenceService. This module adds what the app needs on top:
 * which model is selected (settings.modelPath through the SettingsService, or `--model`), lazy
 * loading on the first solve (concurrent callers share one load), the status screen's figures,
 * download events tagged with their request id, and the contract's error codes.
 */
import path from 'node:path';
import {
  DaggerApiError,
  type ApiErrorData,
  type CatalogEntry,
  type DownloadEvent,
  type ImportModelEvent,
  type GetModelEvent,
  type GetModelPlan,
  type HubTokenState,
  type InstalledModel,
  type ModelFit,
  type ModelStatus,
} from '../../shared/api.js';
import type { ParsedRequest } from '../../shared/schemas.js';
import type { InferenceService } from '../services/inference/inference-service.js';
import { ramOnlyMachine } from '../services/inference/llama-runtime.js';
import { InferenceError, type LoadOptions, type MachineMemory, type MemoryFit } from '../services/inference/types.js';
import { ConvertError } from '../services/models/convert/errors.js';
import { CopyError } from '../services/models/copy-file.js';
import { DownloadError } from '../services/models/download.js';
import { ModelFileError } from '../services/models/gguf/inspect.js';
import { planGetModel, type Converter } from '../services/models/hub/get-model.js';
import { HubClient, hubEndpointFromEnv } from '../services/models/hub/hub-api.js';
import { readModelSource } from '../services/models/hub/model-source.js';
import { runGetJob } from '../services/models/hub/run-get-job.js';
import { MemoryTokenStore, type HubTokenStore } from '../services/models/hub/token-store.js';
import { catalogFit, ModelRequestError, ModelService, quickFit, type InstalledModelInfo } from '../services/models/model-service.js';
import { dataPaths } from '../services/paths.js';
import type { SettingsService } from '../services/settings.js';
import type { JobQueue } from './job-queue.js';

export interface ModelManagerOptions {
  dataDir: string;
  settings: SettingsService;
  inference: InferenceService;
  catalogFile: string;
  /** `--model PATH`: used instead of the selected model (browser host, tests). */
  modelPath?: string;
  /** Passed to every load (tests: `{ threads: 1 }`). */
  loadOptions?: LoadOptions;
  /** The Hugging Face access token (Electron: encrypted; default: HF_TOKEN or one given while running). */
  hubTokens?: HubTokenStore;
  /** The Hub to get checkpoints from (default: DAGGER_TUTOR_HF_ENDPOINT, HF_ENDPOINT, huggingface.co). */
  hubEndpoint?: string;
}

/** planGetModel's use of the converter: sizes only (the conversion itself runs in the job's worker). */
async function loadPlanner(): Promise<Pick<Converter, 'planConversion'>> {
  return import('../services/models/convert/index.js');
}

/** Progress events of an import are at most this often (a 7 GB copy makes ~900 chunks). */
const PROGRESS_INTERVAL_MS = 200;

export function fitOf(fit: MemoryFit | null): ModelFit {
  if (!fit) return 'unknown';
  return fit.verdict === 'no' ? 'too-large' : fit.verdict === 'partial' ? 'tight' : 'fits';
}

export class ModelManager {
  readonly files: ModelService;
  readonly hubTokens: HubTokenStore;
  private readonly hubEndpoint: string;
  private loading: Promise<void> | null = null;
  private lastError: ApiErrorData | null = null;

  constructor(private readonly options: ModelManagerOptions) {
    this.files = new ModelService(options.dataDir, options.catalogFile);
    this.hubTokens = options.hubTokens ?? new MemoryTokenStore();
    this.hubEndpoint = options.hubEndpoint ?? hubEndpointFromEnv();
  }

  /** The model to solve with: `--model`, else the selected one, else the only usable one. */
  selectedPath(): string | null {
    if (this.options.modelPath) return this.options.modelPath;
    const selected = this.options.settings.get().modelPath;
    if (selected) return selected;
    const usable = this.files.list().filter((m) => m.problem === null);
    return usable.length === 1 ? usable[0]!.path : null;
  }

  /** Loads the selected model unless it is loaded already. */
  async ensureLoaded(): Promise<void> {
    const wanted = this.selectedPath();
    if (!wanted) throw new DaggerApiError('NO_MODEL', 'no model is selected: import or download one under Models');
    const status = this.options.inference.status;
    if (status.state === 'ready' && status.modelPath === wanted) return;
    this.loading ??= this.options.inference
      // The prepared instruction prefix is kept in the data folder, beside the models it belongs to.
      .load(wanted, { prefixStateDir: dataPaths(this.options.dataDir).prefixStates, ...this.options.loadOptions })
      .then(
        () => {
          this.lastError = null;
        },
        (error: unknown) => {
          const apiError = toApiError(error);
          this.lastError = apiError.toJSON();
          throw apiError;
        },
      )
      .finally(() => {
        this.loading = null;
      });
    await this.loading;
  }

  /**
   * This machine's memory, GPU included, read from the process's one Llama (the instance the next
   * load uses) without loading a model. RAM only when llama.cpp cannot start at all, so the model
   * screens still work and the load reports the real error.
   */
  async machine(): Promise<MachineMemory> {
    try {
      return await this.options.inference.machine(this.options.loadOptions?.gpu ?? 'auto');
    } catch (error) {
      return ramOnlyMachine(`llama.cpp could not be started: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async status(): Promise<ModelStatus> {
    const machine = await this.machine();
    const inference = this.options.inference.status;
    const loadedPath = inference.state === 'ready' ? inference.modelPath : null;
    const selected = this.selectedPath();
    return {
      loaded: loadedPath ? { fileName: path.basename(loadedPath), path: loadedPath } : null,
      state: inference.state === 'unloaded' ? 'idle' : inference.state,
      selected,
      // The loaded model's backend (the CPU after a GPU failure), else the one the next load gets.
      backend: inference.state === 'ready' ? inference.backend : machine.backend,
      gpuNames: inference.state === 'ready' ? inference.gpuNames : machine.gpuNames,
      memory: {
        totalRamBytes: machine.ram.totalBytes,
        freeRamBytes: machine.ram.freeBytes,
        vramTotalBytes: machine.vram?.totalBytes ?? null,
        vramFreeBytes: machine.vram?.freeBytes ?? null,
      },
      fit: inference.fit ? fitOf(inference.fit) : selected ? this.quickFitOf(selected, machine) : 'unknown',
      lastError: this.lastError ?? (inference.error ? { code: 'MODEL_LOAD_FAILED', message: inference.error } : null),
      prefix: inference.prefix && {
        state: inference.prefix.state,
        evaluatedTokens: inference.prefix.evaluatedTokens,
        totalTokens: inference.prefix.totalTokens,
        source: inference.prefix.source,
      },
      estimate: inference.speed && {
        solveMs: inference.speed.estimatedSolveMs,
        promptTokensPerSecond: inference.speed.promptTokensPerSecond,
        generationTokensPerSecond: inference.speed.generationTokensPerSecond,
        graphTokens: inference.speed.graphTokens,
      },
    };
  }

  /** Set when the GPU failed and the model runs on the CPU instead. */
  gpuFallbackReason(): string | null {
    return this.options.inference.status.gpuFallbackReason;
  }

  async catalog(): Promise<CatalogEntry[]> {
    const machine = await this.machine();
    return this.files.catalog().map((entry) => ({
      id: entry.id,
      name: entry.name,
      family: entry.family,
      quantization: entry.quantization,
      sizeBytes: entry.sizeBytes,
      memoryBytes: entry.memoryBytes,
      url: entry.url,
      ...(entry.instructions ? { instructions: entry.instructions } : {}),
      ...(entry.hub ? { hub: entry.hub } : {}),
      recommended: entry.recommended,
      fit: fitOf(catalogFit(entry, machine)),
    }));
  }

  async list(): Promise<InstalledModel[]> {
    const machine = await this.machine();
    const selected = this.selectedPath();
    return this.files.list(machine).map((info) => this.toInstalled(info, selected));
  }

  /** Copies a local .gguf in, with progress events (at most every PROGRESS_INTERVAL_MS); cancel by request id. */
  importFile(
    queue: JobQueue,
    request: ParsedRequest<'importModel'>,
    emit: (event: ImportModelEvent) => void,
  ): Promise<InstalledModel> {
    const { requestId } = request;
    const job = async (signal: AbortSignal) => {
      const machine = await this.machine();
      let last = 0;
      const info = await this.files.import(request.path, {
        machine,
        signal,
        onProgress: ({ copiedBytes, totalBytes }) => {
          const now = performance.now();
          if (copiedBytes < totalBytes && now - last < PROGRESS_INTERVAL_MS) return;
          last = now;
          emit({ requestId, type: 'progress', copiedBytes, totalBytes });
        },
      });
      const model = this.toInstalled(info, this.selectedPath());
      emit({ requestId, type: 'done', model });
      return model;
    };
    return runModelJob(queue, requestId, job, emit, 'the import was cancelled');
  }

  download(
    queue: JobQueue,
    request: ParsedRequest<'downloadModel'>,
    emit: (event: DownloadEvent) => void,
  ): Promise<InstalledModel> {
    const { requestId } = request;
    const job = async (signal: AbortSignal) => {
      const machine = await this.machine();
      const info = await this.files.download(request.catalogId ?? request.url!, {
        signal,
        machine,
        ...(request.fileName ? { fileName: request.fileName } : {}),
        onProgress: (progress) => emit({ requestId, type: 'progress', ...progress }),
      });
      const model = this.toInstalled(info, this.selectedPath());
      emit({ requestId, type: 'done', model });
      return model;
    };
    return runModelJob(queue, requestId, job, emit, 'the download was cancelled');
  }

  /** What getting a Hub checkpoint takes (files, disk, memory fit of the result), before starting. */
  async planGet(request: ParsedRequest<'planGetModel'>): Promise<GetModelPlan> {
    try {
      const [machine, converter] = await Promise.all([this.machine(), loadPlanner()]);
      const plan = await planGetModel(
        { repo: request.repo, quant: request.quant, ...(request.revision ? { revision: request.revision } : {}) },
        { modelsDir: this.modelsDir, client: this.hubClient(), converter: converter as Converter },
      );
      return {
        repo: plan.repo, revision: plan.revision, commit: plan.commit, quant: plan.quant, fileName: plan.fileName,
        alreadyInstalled: plan.alreadyInstalled, fileCount: plan.files.length, downloadBytes: plan.downloadBytes,
        alreadyDownloadedBytes: plan.alreadyDownloadedBytes, outputBytes: plan.outputBytes,
        temporaryBytes: plan.temporaryBytes, disk: plan.disk,
        fit: fitOf(quickFit(plan.outputBytes, machine)),
      };
    } catch (error) {
      throw toApiError(error);
    }
  }

  /** Download → convert → quantise → verify → install, on a worker thread; cancel by request id. */
  get(queue: JobQueue, request: ParsedRequest<'getModel'>, emit: (event: GetModelEvent) => void): Promise<InstalledModel> {
    const { requestId } = request;
    const job = async (signal: AbortSignal) => {
      const result = await runGetJob(
        { repo: request.repo, quant: request.quant, deleteShards: request.deleteShards, ...(request.revision ? { revision: request.revision } : {}) },
        {
          modelsDir: this.modelsDir, endpoint: this.hubEndpoint, token: this.hubTokens.get(), signal,
          onProgress: (progress) => emit({ requestId, type: 'progress', ...progress }),
        },
      );
      const machine = await this.machine();
      const info = this.files.list(machine).find((m) => m.path === result.file);
      if (!info) throw new DaggerApiError('INTERNAL', `the converted model ${result.file} is not in the models folder`);
      const model = this.toInstalled(info, this.selectedPath());
      emit({ requestId, type: 'done', model });
      return model;
    };
    return runModelJob(queue, requestId, job, emit, 'getting the model was cancelled');
  }

  hubTokenState(): HubTokenState {
    return this.hubTokens.state();
  }

  setHubToken(token: string | null): HubTokenState {
    try {
      this.hubTokens.set(token);
    } catch (error) {
      throw new DaggerApiError('UNSUPPORTED', error instanceof Error ? error.message : String(error));
    }
    return this.hubTokens.state();
  }

  private get modelsDir(): string {
    return dataPaths(this.options.dataDir).models;
  }

  private hubClient(): HubClient {
    return new HubClient({ endpoint: this.hubEndpoint, token: this.hubTokens.get() });
  }

  async select(fileName: string | null): Promise<ModelStatus> {
    if (fileName === null) {
      this.options.settings.update({ modelPath: null });
    } else {
      const model = this.files.list().find((m) => m.fileName === fileName);
      if (!model) throw new DaggerApiError('NOT_FOUND', `no installed model ${fileName}`, { fileName });
      if (model.problem) throw new DaggerApiError('MODEL_LOAD_FAILED', model.problem, { fileName });
      this.options.settings.update({ modelPath: model.path });
    }
    this.lastError = null;
    return this.status();
  }

  async delete(fileName: string): Promise<{ deleted: boolean }> {
    const model = this.files.list().find((m) => m.fileName === fileName);
    if (!model) throw new DaggerApiError('NOT_FOUND', `no installed model ${fileName}`, { fileName });
    if (this.options.inference.status.modelPath === model.path) await this.options.inference.unload();
    // Unselect through our settings service (ModelService would write the file behind its back).
    if (this.options.settings.get().modelPath === model.path) this.options.settings.update({ modelPath: null });
    try {
      return { deleted: this.files.delete(fileName) };
    } catch (error) {
      throw toApiError(error);
    }
  }

  private toInstalled(info: InstalledModelInfo, selected: string | null): InstalledModel {
    const loaded = this.options.inference.status;
    return {
      fileName: info.fileName,
      path: info.path,
      sizeBytes: info.sizeBytes,
      prefixStateBytes: info.prefixStateBytes,
      architecture: info.architecture,
      name: info.name,
      fit: loaded.modelPath === info.path && loaded.fit ? fitOf(loaded.fit) : fitOf(info.fit),
      selected: selected !== null && path.resolve(selected) === path.resolve(info.path),
      source: sourceOf(info.path),
    };
  }

  private quickFitOf(file: string, machine: MachineMemory): ModelFit {
    const info = this.files.list(machine).find((m) => m.path === file);
    return info ? fitOf(info.fit) : 'unknown';
  }
}

/** The Hub source record of a model made by getModel, as the contract shows it. */
function sourceOf(file: string): InstalledModel['source'] {
  const source = readModelSource(file);
  return source ? { repo: source.repo, revision: source.revision, commit: source.commit, quant: source.quant, sha256: source.sha256 } : null;
}

/** Service errors → the contract's error codes, keeping the services' user-facing messages. */
/**
 * Runs a long model job (import, download, get) beside others, by request id: a job cancelled
 * before it starts reads as CANCELLED, and any failure reaches the stream as an error event
 * before the call rejects with it.
 */
function runModelJob(
  queue: JobQueue,
  requestId: string,
  job: (signal: AbortSignal) => Promise<InstalledModel>,
  emit: (event: { requestId: string; type: 'error'; error: ReturnType<DaggerApiError['toJSON']> }) => void,
  cancelledMessage: string,
): Promise<InstalledModel> {
  return queue
    .run(requestId, job, {
      concurrent: true,
      onDropped: () => {
        throw new DaggerApiError('CANCELLED', cancelledMessage);
      },
    })
    .catch((error: unknown) => {
      const apiError = toApiError(error);
      emit({ requestId, type: 'error', error: apiError.toJSON() });
      throw apiError;
    });
}

export function toApiError(error: unknown): DaggerApiError {
  if (error instanceof DaggerApiError) return error;
  if (error instanceof InferenceError) {
    switch (error.code) {
      case 'NO_MODEL':
      case 'NOT_LOADED':
        return new DaggerApiError('NO_MODEL', error.message);
      case 'DOES_NOT_FIT':
        return new DaggerApiError('MODEL_TOO_LARGE', error.message, {
          suggestion: 'use a smaller quantisation (e.g. Q4_K_M) or the 4B model',
        });
      case 'PROMPT_TOO_LONG':
        return new DaggerApiError('INVALID_REQUEST', error.message, { reason: error.code });
      default:
        // MODEL_FILE, LOAD_FAILED: the reason lets the UI say more than "could not be started".
        return new DaggerApiError('MODEL_LOAD_FAILED', error.message, { reason: error.code });
    }
  }
  if (error instanceof DownloadError) {
    // details: the Hub repository (the sentence names it), the disk figures for NO_SPACE.
    return new DaggerApiError(error.code === 'CANCELLED' ? 'CANCELLED' : 'DOWNLOAD_FAILED', error.message, { ...error.details, reason: error.code });
  }
  if (error instanceof ConvertError) {
    return error.code === 'CANCELLED'
      ? new DaggerApiError('CANCELLED', error.message)
      : new DaggerApiError('CONVERSION_FAILED', error.message, { reason: error.code });
  }
  if (error instanceof ModelRequestError) {
    // Something the user can correct (a file already installed, an address that is not one).
    return new DaggerApiError('INVALID_REQUEST', error.message, { reason: error.code });
  }
  if (error instanceof CopyError) {
    // A file that changed while it was copied is, as far as we can tell, an incomplete one.
    return error.code === 'CANCELLED'
      ? new DaggerApiError('CANCELLED', error.message)
      : new DaggerApiError('MODEL_LOAD_FAILED', error.message, { reason: 'TRUNCATED' });
  }
  if (error instanceof ModelFileError) {
    return new DaggerApiError(error.code === 'MISSING' ? 'NOT_FOUND' : 'MODEL_LOAD_FAILED', error.message, { reason: error.code });
  }
  return new DaggerApiError('INTERNAL', error instanceof Error ? error.message : String(error));
}
