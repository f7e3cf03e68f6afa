/** Plain data shapes of the inference service (JSON-serialisable: they cross IPC and HTTP). */
import type { Analysis, Diagnostic, Graph } from '../../../core/graph/types.js';
import type { StreamedNode } from '../../../core/stream/node-stream.js';

export type Backend = 'cuda' | 'vulkan' | 'metal' | 'cpu';

export interface MemoryFit {
  /** 'gpu': everything fits in VRAM; 'partial': split between VRAM and RAM; 'cpu': RAM only; 'no': does not fit. */
  verdict: 'gpu' | 'partial' | 'cpu' | 'no';
  /** Bytes the model weights + context need in total (GGUF metadata estimate). */
  requiredBytes: number;
  modelBytes: number;
  contextBytes: number;
  freeVramBytes: number;
  totalRamBytes: number;
  freeRamBytes: number;
  /** Human sentence, e.g. the suggestion to use a smaller quantisation or the 4B model. */
  message: string;
}

/**
 * What this machine offers a model, read from the process's one `Llama` without loading a model:
 * the memory-fit verdicts (catalog, installed models, status) are judged against it.
 */
export interface MachineMemory {
  /** The backend the shared Llama runs on ('cpu' when no GPU backend could be used). */
  backend: Backend;
  gpuNames: string[];
  /** GPU memory, or null when the Llama runs on the CPU (no usable GPU). */
  vram: {
    totalBytes: number;
    freeBytes: number;
    /** Part of the VRAM that is the same memory as the RAM (Apple silicon and other SoCs); 0 on discrete GPUs. */
    unifiedBytes: number;
  } | null;
  ram: { totalBytes: number; freeBytes: number };
  /** Set when a GPU was found (or tried) but its backend could not be started, so the CPU is used. */
  gpuInitFailure: string | null;
}

export interface LoadOptions {
  /** Context size in tokens. Default 4096 (the paper's). */
  contextSize?: number;
  /** CPU threads; default: the machine's math cores. Tests use 1. */
  threads?: number;
  /** 'auto' tries CUDA, Vulkan, Metal then CPU; false forces the CPU. Default 'auto'. */
  gpu?: 'auto' | false;
  /** Load even when the memory estimate says it will not fit. */
  ignoreMemoryFit?: boolean;
  /**
   * Folder where the evaluated instruction prefix is saved and restored from on the next load
   * (<dataDir>/prefix-state). Without it the prefix is still evaluated after loading, in memory only.
   */
  prefixStateDir?: string;
  /** Evaluate the instruction prefix in the background after loading. Default true. */
  preparePrefix?: boolean;
}

/** The instruction prefix after a load: evaluated in the background, or restored from its saved state. */
export interface PrefixStatus {
  state: 'preparing' | 'ready' | 'failed';
  /** How it was made ready; null while preparing. */
  source: 'restored' | 'evaluated' | null;
  evaluatedTokens: number;
  totalTokens: number;
  /** Time the restore or evaluation took; null while preparing. */
  ms: number | null;
  /** Size of its saved state file; null when none is saved. */
  stateBytes: number | null;
  /** Why a saved state was not used or could not be saved, or why preparing failed. */
  note: string | null;
}

/** This machine's measured speed with the loaded model, and what a typical solve takes at that speed. */
export interface SpeedEstimate {
  promptTokensPerSecond: number;
  generationTokensPerSecond: number;
  /** Tokens a typical graph takes (DAGGER's outputs are about this long). */
  graphTokens: number;
  /** Prompt tokens a new problem evaluates (its question; the instruction prefix is reused). */
  questionTokens: number;
  estimatedSolveMs: number;
}

export interface InferenceStatus {
  state: 'unloaded' | 'loading' | 'ready' | 'error';
  modelPath: string | null;
  backend: Backend | null;
  gpuNames: string[];
  contextSize: number | null;
  fit: MemoryFit | null;
  /** Set when the GPU failed and the model was loaded on the CPU instead. */
  gpuFallbackReason: string | null;
  error: string | null;
  /** The instruction prefix's preparation; null when nothing is loaded or preparation is off. */
  prefix: PrefixStatus | null;
  /** Measured after the first solve; null before. */
  speed: SpeedEstimate | null;
}

export interface SolveOptions {
  signal?: AbortSignal;
  /** Each piece of generated text, as it is produced. */
  onToken?: (text: string) => void;
  /** Each graph node, the moment its closing brace is generated. */
  onNode?: (node: StreamedNode) => void;
  /** The token ids the model's context holds once the prompt is evaluated (read back from the sequence): what the model really sees. */
  onPromptEvaluated?: (contextTokens: readonly number[]) => void;
  /** Constrain output with the DAGGER grammar. Default true. */
  grammar?: boolean;
  /** Default 1024. */
  maxTokens?: number;
}

export interface SolveStats {
  promptTokens: number;
  /** Prompt tokens actually evaluated this time (the rest was reused from the previous problem). */
  promptTokensEvaluated: number;
  generatedTokens: number;
  timeToFirstTokenMs: number | null;
  timeToFirstNodeMs: number | null;
  /** Generated tokens per second of generation (after the first token). */
  tokensPerSecond: number;
  totalMs: number;
}

export interface SolveResult {
  ok: boolean;
  answer: number | null;
  graph: Graph | null;
  analysis: Analysis | null;
  diagnostics: Diagnostic[];
  rawOutput: string;
  stats: SolveStats;
  backend: Backend;
  cancelled: boolean;
  /** Why generation ended. */
  stopReason: 'fence' | 'eog' | 'maxTokens' | 'cancelled';
}

/** A model/run problem with a message meant for the user (CLI exit code 2). */
export class InferenceError extends Error {
  constructor(message: string, readonly code: 'NO_MODEL' | 'MODEL_FILE' | 'DOES_NOT_FIT' | 'LOAD_FAILED' | 'PROMPT_TOO_LONG' | 'NOT_LOADED') {
    super(message);
  }
}
