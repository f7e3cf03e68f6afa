/**
 * The ONE typed contract between the renderer (the React screens) and the app's behaviour.
 *
 * The renderer only ever talks to a `DaggerApi`. Two transports implement it with the same
 * behaviour, because both forward to the single implementation in src/main/api/:
 *   - Electron: the preload bridge over ipcRenderer (src/preload/), exposed as `window.dagger`;
 *   - browser host (`npm run serve`): HTTP `POST /api/<method>` + server-sent events for streams
 *     (src/shared/transport/http.ts).
 * Pick one with `getApi()` from src/shared/transport/index.ts.
 *
 * Rules of the contract:
 *   - Every method takes ONE plain-JSON request object (optional where it has no fields) and
 *     resolves with plain JSON. Every request is validated in the main process against the zod
 *     schema of the same name in ./schemas.ts; the request types below are those schemas' inputs.
 *   - Failures reject with a `DaggerApiError` carrying a stable `code` (ApiErrorCode) that the UI
 *     translates, an English developer-facing `message`, and optional `details`.
 *   - Streaming methods (STREAM_METHODS: `solve`, `downloadModel`, `getModel`, `importModel`,
 *     `importData`) take a caller-chosen `requestId` and an event listener; every event carries
 *     that request id. `cancel({requestId})` stops exactly that request (a queued solve is
 *     dropped, a running one aborted) and never disturbs another. The promise then resolves with
 *     `cancelled: true` (solve) or rejects with code CANCELLED (the others).
 *
 * This file and ./schemas.ts are pure TypeScript (no Node, no Electron, no DOM globals): the
 * renderer, preload, main process, browser host and tests all import them.
 */
import type { Analysis, Graph, GraphNode } from '../core/graph/types.js';
import type { DistractorType, GradeBand, Topic } from '../core/bank/schema.js';
import type * as S from './schemas.js';
import type { z } from 'zod';
import type {
  Attempt, EntityCounts, ProblemRecord, Profile, Review, Session, Solution,
} from './practice/records.js';
import type {
  HistoryItem, HistoryPage, PracticeStats,
  AttemptDetail as StoreAttemptDetail,
  ReviewQueueItem as StoreReviewQueueItem,
} from './practice/queries.js';

// ---------------------------------------------------------------------------------------------
// Errors

/** Stable error codes. The UI maps each to a sentence in the user's language. */
export const API_ERROR_CODES = [
  /**
   * The request did not match the method's schema (`details` lists the zod issues), or asks for
   * something that cannot be done as asked: `details.reason` then says what (PROMPT_TOO_LONG,
   * ALREADY_INSTALLED, NOT_PUBLISHED, BAD_SOURCE, NO_FILE_NAME, BAD_FILE_NAME).
   */
  'INVALID_REQUEST',
  /** No such method (only reachable through the raw transports). */
  'UNKNOWN_METHOD',
  /** A profile, problem, attempt, model file … with that id does not exist. */
  'NOT_FOUND',
  /** Solving needs a model and none is selected/installed. */
  'NO_MODEL',
  /** The model file could not be loaded (damaged, wrong architecture, backend failure). */
  'MODEL_LOAD_FAILED',
  /** The model will not fit in this computer's memory; `details.suggestion` says what to try. */
  'MODEL_TOO_LARGE',
  /** A download failed (network, disk, size or integrity check). */
  'DOWNLOAD_FAILED',
  /** A checkpoint could not be converted to GGUF; `details.reason` says why (ConvertError codes). */
  'CONVERSION_FAILED',
  /** The request was cancelled (downloads; solves resolve with `cancelled: true` instead). */
  'CANCELLED',
  /** Another request with the same requestId is still running. */
  'DUPLICATE_REQUEST',
  /** An import file was refused whole (damaged, foreign, newer version); nothing was changed. */
  'IMPORT_REJECTED',
  /** This host cannot do that (e.g. native file dialogs in the browser host). */
  'UNSUPPORTED',
  /** Refused by the host (wrong token, foreign origin, unknown sender frame). */
  'FORBIDDEN',
  /** The app is shutting down and no longer accepts work. */
  'SHUTTING_DOWN',
  /** Anything else; `message` has the developer-facing reason. */
  'INTERNAL',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** The serialisable error every transport carries. */
export interface ApiErrorData {
  code: ApiErrorCode;
  message: string;
  details?: unknown;
}

/** What clients throw; `instanceof DaggerApiError` then `switch (error.code)`. */
export class DaggerApiError extends Error implements ApiErrorData {
  readonly code: ApiErrorCode;
  readonly details?: unknown;
  constructor(code: ApiErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'DaggerApiError';
    this.code = code;
    if (details !== undefined) this.details = details;
  }
  toJSON(): ApiErrorData {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/** What the main process answers every call with; clients unwrap it (throwing on `ok: false`). */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorData };

// ---------------------------------------------------------------------------------------------
// Request types (inputs of the zod schemas in ./schemas.ts: defaults may be omitted)

export type EmptyRequest = z.input<typeof S.emptyRequest>;
export type ListProblemsRequest = z.input<typeof S.listProblemsRequest>;
export type GetProblemRequest = z.input<typeof S.getProblemRequest>;
export type ReviewQueueRequest = z.input<typeof S.reviewQueueRequest>;
export type SolveRequest = z.input<typeof S.solveRequest>;
export type CancelRequest = z.input<typeof S.cancelRequest>;
export type ImportModelRequest = z.input<typeof S.importModelRequest>;
export type DownloadModelRequest = z.input<typeof S.downloadModelRequest>;
export type PlanGetModelRequest = z.input<typeof S.planGetModelRequest>;
export type GetModelRequest = z.input<typeof S.getModelRequest>;
export type SetHubTokenRequest = z.input<typeof S.setHubTokenRequest>;
export type ModelFileRequest = z.input<typeof S.modelFileRequest>;
export type SelectModelRequest = z.input<typeof S.selectModelRequest>;
export type HistoryPageRequest = z.input<typeof S.historyPageRequest>;
export type GetAttemptRequest = z.input<typeof S.getAttemptRequest>;
export type StatsRequest = z.input<typeof S.statsRequest>;
export type RecordAttemptRequest = z.input<typeof S.recordAttemptRequest>;
export type AddReviewRequest = z.input<typeof S.addReviewRequest>;
export type CreateProfileRequest = z.input<typeof S.createProfileRequest>;
export type SelectProfileRequest = z.input<typeof S.selectProfileRequest>;
export type StartSessionRequest = z.input<typeof S.startSessionRequest>;
export type EndSessionRequest = z.input<typeof S.endSessionRequest>;
export type ExportRequest = z.input<typeof S.exportRequest>;
export type ImportDataRequest = z.input<typeof S.importDataRequest>;
export type SaveFileRequest = z.input<typeof S.saveFileRequest>;
export type UpdateSettingsRequest = z.input<typeof S.updateSettingsRequest>;

export type Settings = z.output<typeof S.settingsSchema>;
export type Language = Settings['language'];
export type DigitsStyle = Settings['digits'];
export type Theme = Settings['theme'];
export type TextSize = Settings['textSize'];

// ---------------------------------------------------------------------------------------------
// Response types

export interface AppInfo {
  name: string;
  version: string;
  /** Which transport serves this renderer. */
  host: 'electron' | 'browser';
  platform: string;
  dataDir: string;
  /** What this host can do; the UI hides what it cannot. */
  capabilities: {
    /** Native open/save dialogs (`pickModelFile`, `saveFile`). False in the browser host. */
    fileDialogs: boolean;
  };
}

/**
 * One practice item from the bank: a problem's clean version (`itemId` = problem id) or one of
 * its distractor variants (`itemId` = variant id). Ids are unique across all problem sets.
 */
export interface ProblemSummary {
  itemId: string;
  problemId: string;
  /** null for the clean version. */
  variantId: string | null;
  setId: string;
  grade: GradeBand;
  topics: Topic[];
  /** Types of the added distractor sentences (empty for a clean version). */
  distractorTypes: DistractorType[];
  text: string;
  unit?: { bn: string; en: string };
}

export interface ProblemPage {
  items: ProblemSummary[];
  /** Number of items matching the filter (for "12 of 340"). */
  total: number;
}

export interface ProblemDetail extends ProblemSummary {
  answer: number;
  /** The reference graph (a perfect DAGGER output for this text). */
  graph: Graph;
  /** The added distractor sentences, exact substrings of `text`. */
  distractors: Array<{ text: string; type: DistractorType }>;
  /** Numbers written in the text that no node needs (a year, a class number). */
  ignoredNumbers: Array<{ text: string; reason: string }>;
  /** The reference graph analysed against `text` (steps, number links, distractor analysis). */
  analysis: Analysis;
}

export interface GenerationStats {
  promptTokens: number;
  generatedTokens: number;
  timeToFirstTokenMs: number | null;
  timeToFirstNodeMs: number | null;
  tokensPerSecond: number | null;
  totalMs: number;
}

export interface SolveResult {
  requestId: string;
  /** True when the graph executed without error diagnostics and gave an answer. */
  ok: boolean;
  cancelled: boolean;
  answer: number | null;
  /** Full analysis of the model's output against the question (graph, steps, links, …). */
  analysis: Analysis;
  rawOutput: string;
  stats: GenerationStats;
  /** e.g. "cpu", "cuda", "vulkan", "metal". */
  backend: string;
  /** File name of the model that answered. */
  model: string;
  /** The stored solution (for attempts and teacher review); null when cancelled. */
  solutionId: string | null;
}

/** Events of one `solve` request, in order. The last one is `done` or `error`. */
export type SolveEvent =
  | { requestId: string; type: 'queued'; position: number }
  | { requestId: string; type: 'progress'; phase: 'loading-model' | 'reading-problem' | 'writing-graph' }
  | {
      requestId: string;
      type: 'token';
      /** The text of this token (may be a partial UTF-8 sequence rendered as ''). */
      text: string;
      generatedTokens: number;
      tokensPerSecond: number | null;
    }
  | { requestId: string; type: 'node'; index: number; node: GraphNode }
  | { requestId: string; type: 'done'; result: SolveResult }
  | { requestId: string; type: 'error'; error: ApiErrorData };

export interface CatalogEntry {
  id: string;
  name: string;
  /** e.g. "DAGGER 12B SFT→GRPO", "Gemma-3 4B it". */
  family: string;
  quantization: string;
  sizeBytes: number;
  /** Estimated memory to run it (RAM or VRAM). */
  memoryBytes: number;
  /** Where it can be downloaded, or null when it must be converted by the user. */
  url: string | null;
  /** Instructions (e.g. how to convert to GGUF) when there is no URL. */
  instructions?: string;
  /** Whether it fits this computer: 'fits' | 'tight' (may be slow) | 'too-large'. */
  fit: ModelFit;
  /** A checkpoint on the Hugging Face Hub the app converts itself (`getModel`): the DAGGER models. */
  hub?: { repo: string; quant: ModelOutputType };
  /** The catalog's pick for most computers. */
  recommended?: boolean;
}
export type ModelFit = 'fits' | 'tight' | 'too-large' | 'unknown';

export interface InstalledModel {
  /** File name inside <dataDir>/models, the model's id in this API. */
  fileName: string;
  path: string;
  sizeBytes: number;
  /** Its saved instruction-prefix state (made after the first load, deleted with the model). */
  prefixStateBytes: number;
  architecture: string | null;
  /** Model name from the GGUF metadata, when present. */
  name: string | null;
  fit: ModelFit;
  selected: boolean;
  /** Where a model made by `getModel` came from (null for an imported or downloaded GGUF). */
  source?: InstalledModelSource | null;
}

/** The GGUF types the converter writes. */
export const MODEL_OUTPUT_TYPES = ['Q4_K_M', 'Q8_0', 'F16', 'BF16', 'F32'] as const;
export type ModelOutputType = (typeof MODEL_OUTPUT_TYPES)[number];

export interface InstalledModelSource {
  /** Hugging Face repository, "owner/name". */
  repo: string;
  /** The revision asked for (e.g. "main") and the commit it was pinned to. */
  revision: string;
  commit: string;
  quant: string;
  /** SHA-256 of the installed GGUF. */
  sha256: string;
}

/** What getting a Hub checkpoint will take, worked out before it starts (`planGetModel`). */
export interface GetModelPlan {
  repo: string;
  revision: string;
  commit: string;
  quant: ModelOutputType;
  /** The GGUF's name in the models folder. */
  fileName: string;
  alreadyInstalled: boolean;
  fileCount: number;
  downloadBytes: number;
  /** Bytes an earlier, interrupted run already fetched (not fetched again). */
  alreadyDownloadedBytes: number;
  /** Size of the GGUF, and of any temporary file at its largest. */
  outputBytes: number;
  temporaryBytes: number;
  /** Disk space the whole job still needs in the data folder, and what is free there. */
  disk: { neededBytes: number; freeBytes: number; ok: boolean };
  /** Memory fit of the result on this computer. */
  fit: ModelFit;
}

/** The stages of `getModel`, in order (`quantise` only for Q4_K_M and Q8_0). */
export type GetModelStage = 'download' | 'convert' | 'quantise' | 'verify';

export interface GetModelProgress {
  stage: GetModelStage;
  /** Bytes of this stage done and in all. */
  doneBytes: number;
  totalBytes: number;
  bytesPerSecond: number | null;
  /** Seconds left in this stage. */
  etaSeconds: number | null;
  /** The file being downloaded (download stage only). */
  file: string | null;
}

export type GetModelEvent =
  | ({ requestId: string; type: 'progress' } & GetModelProgress)
  | { requestId: string; type: 'done'; model: InstalledModel }
  | { requestId: string; type: 'error'; error: ApiErrorData };

/** Whether a Hugging Face access token is saved, and how it is kept. */
export interface HubTokenState {
  saved: boolean;
  /** 'encrypted': the OS keychain (Electron safeStorage); 'memory': until the host stops; 'env': HF_TOKEN. */
  storage: 'encrypted' | 'memory' | 'env' | null;
}

export interface ModelStatus {
  /** What's loaded right now, if anything. */
  loaded: { fileName: string; path: string } | null;
  /** 'idle' (nothing loaded), 'loading', 'ready', 'error'. */
  state: 'idle' | 'loading' | 'ready' | 'error';
  /** The selected model (settings), loaded lazily on the first solve. */
  selected: string | null;
  backend: string | null;
  gpuNames: string[];
  memory: {
    totalRamBytes: number;
    freeRamBytes: number;
    vramTotalBytes: number | null;
    vramFreeBytes: number | null;
  };
  /** Fit verdict for the selected model. */
  fit: ModelFit;
  /** The last load failure, for the "model or GPU cannot be used" message. */
  lastError: ApiErrorData | null;
  /**
   * The instruction prefix every prompt starts with, prepared in the background after a load
   * (evaluated, or restored from the data folder): "preparing the model…" while it runs.
   */
  prefix: { state: 'preparing' | 'ready' | 'failed'; evaluatedTokens: number; totalTokens: number; source: 'restored' | 'evaluated' | null } | null;
  /** After the first solve: how long a typical solve takes on this machine, from speeds measured on it. */
  estimate: { solveMs: number; promptTokensPerSecond: number; generationTokensPerSecond: number; graphTokens: number } | null;
}

/** Events of one `importModel` request: the copy's progress (multi-GB files take a while), then done or error. */
export type ImportModelEvent =
  | { requestId: string; type: 'progress'; copiedBytes: number; totalBytes: number }
  | { requestId: string; type: 'done'; model: InstalledModel }
  | { requestId: string; type: 'error'; error: ApiErrorData };

export type DownloadEvent =
  | {
      requestId: string;
      type: 'progress';
      receivedBytes: number;
      totalBytes: number | null;
      bytesPerSecond: number | null;
      etaSeconds: number | null;
    }
  | { requestId: string; type: 'done'; model: InstalledModel }
  | { requestId: string; type: 'error'; error: ApiErrorData };

// Practice-history records and queries: the store's own shapes (src/shared/practice/, helper
// C's), so what the store returns, what an export file holds and what the UI gets are one thing.
export type { Attempt, Profile, Review, Session, Solution, ProblemRecord, EntityCounts };
export type { HistoryItem, HistoryPage, PracticeStats };

export interface AttemptResult {
  /** The stored attempt: `answerValue` is the number read from `answerText` (Bangla digits
   * accepted), `correct` the comparison with `expectedAnswer`, `distractorSpotting` how the
   * marked numbers compare with the reference graph. */
  attempt: Attempt;
  /** The known answer (bank, or a teacher's correction), or null when unknown. */
  expectedAnswer: number | null;
}

/** One attempt with everything needed to show it again, plus the shown graph analysed. */
export interface AttemptDetail extends StoreAttemptDetail {
  /** The model's graph (else the reference graph) analysed against the problem text. */
  analysis: Analysis | null;
  /** The bank item the problem came from, if any (to practise it again). */
  itemId: string | null;
}

export interface ReviewQueueItem extends StoreReviewQueueItem {
  /** The bank item (null for a problem the student typed). */
  itemId: string | null;
}

export interface ExportedFile {
  fileName: string;
  mimeType: string;
  /** The file's text (JSON, CSV with BOM, or a self-contained HTML page). */
  content: string;
}

/**
 * How far an import has got (importData runs on a worker thread): checking the whole file (no
 * count), then saving its solutions and attempts, `done` of `total`.
 */
export interface ImportEvent {
  requestId: string;
  type: 'progress';
  phase: 'checking' | 'saving';
  done: number;
  total: number;
}

export interface ImportSummary {
  /** Records added per entity; re-importing the same file adds nothing. */
  added: EntityCounts;
  /** Records already present (same id), left as they were. */
  alreadyPresent: EntityCounts;
}

// ---------------------------------------------------------------------------------------------
// The contract

export interface DaggerApi {
  // App
  getAppInfo(req?: EmptyRequest): Promise<AppInfo>;

  // Problems
  listProblems(req: ListProblemsRequest): Promise<ProblemPage>;
  getProblem(req: GetProblemRequest): Promise<ProblemDetail>;
  reviewQueue(req: ReviewQueueRequest): Promise<ReviewQueueItem[]>;

  // Solving (streamed). Resolves with the result (also sent as the final `done` event).
  solve(req: SolveRequest, onEvent?: (event: SolveEvent) => void): Promise<SolveResult>;
  /** Cancels a solve or download by its request id; `cancelled` is false when none was running. */
  cancel(req: CancelRequest): Promise<{ cancelled: boolean }>;

  // Models
  modelCatalog(req?: EmptyRequest): Promise<CatalogEntry[]>;
  listModels(req?: EmptyRequest): Promise<InstalledModel[]>;
  /** Copies a local .gguf into the data folder after checking it; `path` is on the host machine. */
  importModel(req: ImportModelRequest, onEvent?: (event: ImportModelEvent) => void): Promise<InstalledModel>;
  downloadModel(req: DownloadModelRequest, onEvent?: (event: DownloadEvent) => void): Promise<InstalledModel>;
  deleteModel(req: ModelFileRequest): Promise<{ deleted: boolean }>;
  /** Lists a Hugging Face checkpoint and says what getting it takes (disk, memory) before starting. */
  planGetModel(req: PlanGetModelRequest): Promise<GetModelPlan>;
  /** Downloads a Hub checkpoint, converts it to GGUF and installs it (streamed; cancel by requestId). */
  getModel(req: GetModelRequest, onEvent?: (event: GetModelEvent) => void): Promise<InstalledModel>;
  /** Whether a Hugging Face access token is saved (the token itself never leaves the main process). */
  hubToken(req?: EmptyRequest): Promise<HubTokenState>;
  /** Saves (encrypted in the desktop app) or, with null, forgets the Hugging Face access token. */
  setHubToken(req: SetHubTokenRequest): Promise<HubTokenState>;
  /** Selects (and remembers) the model to solve with; null unselects. Loading is lazy. */
  selectModel(req: SelectModelRequest): Promise<ModelStatus>;
  /** Loads the selected model now (e.g. from the settings screen) and reports the outcome. */
  loadModel(req?: EmptyRequest): Promise<ModelStatus>;
  modelStatus(req?: EmptyRequest): Promise<ModelStatus>;
  /** Native "open .gguf" dialog (Electron only; UNSUPPORTED in the browser host). */
  pickModelFile(req?: EmptyRequest): Promise<{ path: string | null }>;

  // Practice history
  historyPage(req: HistoryPageRequest): Promise<HistoryPage>;
  getAttempt(req: GetAttemptRequest): Promise<AttemptDetail>;
  stats(req: StatsRequest): Promise<PracticeStats>;
  recordAttempt(req: RecordAttemptRequest): Promise<AttemptResult>;
  addReview(req: AddReviewRequest): Promise<Review>;

  // Profiles and sessions
  listProfiles(req?: EmptyRequest): Promise<Profile[]>;
  createProfile(req: CreateProfileRequest): Promise<Profile>;
  /** Remembers the current profile (settings.currentProfileId). */
  selectProfile(req: SelectProfileRequest): Promise<Settings>;
  startSession(req: StartSessionRequest): Promise<Session>;
  endSession(req: EndSessionRequest): Promise<Session>;

  // Export / import
  /** Returns the file's content (the browser host's page downloads it; Electron uses `saveFile`). */
  exportData(req: ExportRequest): Promise<ExportedFile>;
  /**
   * Imports a JSON export given as text, on a worker thread (other calls are answered meanwhile),
   * with progress events when `requestId` is given; refused whole (IMPORT_REJECTED) if anything is wrong.
   */
  importData(req: ImportDataRequest, onEvent?: (event: ImportEvent) => void): Promise<ImportSummary>;
  /**
   * Native save dialog, then the export (same request as exportData) written straight to the
   * chosen file on a worker thread: nothing as large as a whole class's history crosses IPC.
   * `path` is null when the dialog was cancelled. Electron only; UNSUPPORTED in the browser host.
   */
  saveFile(req: SaveFileRequest): Promise<{ path: string | null }>;

  // Settings
  getSettings(req?: EmptyRequest): Promise<Settings>;
  updateSettings(req: UpdateSettingsRequest): Promise<Settings>;
}

export type MethodName = keyof DaggerApi;
/** Methods that emit events while they run (over IPC events / SSE). */
export const STREAM_METHODS = ['solve', 'downloadModel', 'getModel', 'importData', 'importModel'] as const satisfies readonly MethodName[];
export type StreamMethod = (typeof STREAM_METHODS)[number];
export type UnaryMethod = Exclude<MethodName, StreamMethod>;

export type RequestOf<M extends MethodName> = Parameters<DaggerApi[M]>[0];
export type ResponseOf<M extends MethodName> = Awaited<ReturnType<DaggerApi[M]>>;
export type EventOf<M extends StreamMethod> = M extends 'solve' ? SolveEvent : M extends 'importData' ? ImportEvent
  : M extends 'importModel' ? ImportModelEvent
  : M extends 'downloadModel' ? DownloadEvent : GetModelEvent;

/** IPC channel names (one scheme: `dagger:<what>`). */
export const IPC_CHANNELS = {
  /** invoke(method, request) → Envelope; streaming methods too (their events come on `event`). */
  call: 'dagger:call',
  /** main → renderer: { requestId, ... } stream events. */
  event: 'dagger:event',
} as const;

/** HTTP routes of the browser host. */
export const HTTP_ROUTES = {
  /** POST JSON request → JSON Envelope (unary) or text/event-stream (stream methods). */
  apiPrefix: '/api/',
  /** Header carrying the per-run token (also accepted as `?token=` on the page URL only). */
  tokenHeader: 'x-dagger-token',
} as const;

/** Every method name at run time (the transports build clients from it). */
export const METHOD_NAMES = [
  'getAppInfo', 'listProblems', 'getProblem', 'reviewQueue', 'solve', 'cancel',
  'modelCatalog', 'listModels', 'importModel', 'downloadModel', 'deleteModel', 'selectModel',
  'planGetModel', 'getModel', 'hubToken', 'setHubToken',
  'loadModel', 'modelStatus', 'pickModelFile',
  'historyPage', 'getAttempt', 'stats', 'recordAttempt', 'addReview',
  'listProfiles', 'createProfile', 'selectProfile', 'startSession', 'endSession',
  'exportData', 'importData', 'saveFile', 'getSettings', 'updateSettings',
] as const satisfies readonly MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && (METHOD_NAMES as readonly string[]).includes(name);
}
export function isStreamMethod(name: MethodName): name is StreamMethod {
  return (STREAM_METHODS as readonly string[]).includes(name);
}

// Compile-time checks: the run-time list, the schemas and the interface name the same methods.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _methodsListed: Same<(typeof METHOD_NAMES)[number], MethodName> = true;
const _schemasComplete: Same<keyof typeof S.requestSchemas, MethodName> = true;
void _methodsListed;
void _schemasComplete;
