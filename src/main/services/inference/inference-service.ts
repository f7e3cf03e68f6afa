/**
 * Runs DAGGER on a local GGUF with node-llama-cpp, under plain Node (CLI, tests, browser host and
 * the Electron main process share it).
 *
 * Why not LlamaChatSession: it injects a system prompt and its own template handling, which is not
 * the input DAGGER was trained on. Instead the exact prompt text (src/core/prompt.ts) is tokenised
 * with special tokens, with exactly one <bos> whatever the model's add_bos flag (prompt-tokens.ts),
 * and completed with LlamaCompletion on one long-lived context sequence.
 * LlamaCompletion aligns the sequence with the new tokens (erasing only what follows the common
 * prefix), so the next problem evaluates only its own question: the ~700-token (real model)
 * instruction prefix stays in the KV cache. `swaFullCache` keeps Gemma-3's sliding-window layers
 * from discarding that prefix.
 */
import fs from 'node:fs';
import { LlamaCompletion, LlamaText, type Llama, type LlamaContext, type LlamaContextSequence, type LlamaGrammar, type LlamaModel } from 'node-llama-cpp';
import type { Graph } from '../../../core/graph/types.js';
import { buildDaggerPrompt } from '../../../core/prompt.js';
import { NodeStreamParser } from '../../../core/stream/node-stream.js';
import { analyseOutput } from './engine.js';
import { daggerGrammarText } from './grammar.js';
import { backendOf, getLlamaRuntime, readMachineMemory } from './llama-runtime.js';
import { estimateFit } from './memory-fit.js';
import { completionInputFor, contextTokensFor } from './prompt-tokens.js';
import { prepareInstructionPrefix } from './prefix-state.js';
import { estimateFromSolve } from './solve-estimate.js';
import { InferenceError, type InferenceStatus, type LoadOptions, type MachineMemory, type PrefixStatus, type SolveOptions, type SolveResult, type SolveStats } from './types.js';

export const DEFAULT_CONTEXT_SIZE = 4096;
export const DEFAULT_MAX_TOKENS = 1024;
const CLOSING_FENCE = '\n```';

interface Loaded {
  llama: Llama;
  model: LlamaModel;
  context: LlamaContext;
  sequence: LlamaContextSequence;
  completion: LlamaCompletion;
  grammar: LlamaGrammar;
}

export class InferenceService {
  private loaded: Loaded | null = null;
  private state: InferenceStatus = emptyStatus();
  /** Solves share one sequence, so they run one at a time, in order. */
  private queue: Promise<unknown> = Promise.resolve();

  get status(): InferenceStatus {
    return { ...this.state, gpuNames: [...this.state.gpuNames], prefix: this.state.prefix && { ...this.state.prefix } };
  }

  /** Loads a model (unloading any previous one). Throws InferenceError with a user-facing message. */
  async load(modelPath: string, options: LoadOptions = {}): Promise<InferenceStatus> {
    await this.unload();
    const contextSize = options.contextSize ?? DEFAULT_CONTEXT_SIZE;
    this.state = { ...emptyStatus(), state: 'loading', modelPath, contextSize };
    try {
      if (!fs.existsSync(modelPath)) throw new InferenceError(`model file not found: ${modelPath}`, 'MODEL_FILE');
      const runtime = await getLlamaRuntime(options.gpu ?? 'auto');
      // Non-null when the GPU backend could not even start (the shared Llama is then the CPU one).
      let gpuFallbackReason = runtime.gpuInitFailure;
      let loaded: Loaded;
      try {
        loaded = await this.loadOn(runtime.llama, modelPath, contextSize, options);
      } catch (error) {
        if (error instanceof InferenceError || runtime.llama.gpu === false) throw error;
        // The GPU backend failed with this model (driver, out of VRAM…): the CPU is slower but works.
        gpuFallbackReason = `GPU failed (${errorText(error)}); running on the CPU instead`;
        loaded = await this.loadOn((await getLlamaRuntime(false)).llama, modelPath, contextSize, options);
      }
      this.loaded = loaded;
      this.state = {
        ...this.state,
        state: 'ready',
        backend: backendOf(loaded.llama),
        gpuNames: await loaded.llama.getGpuDeviceNames().catch(() => []),
        contextSize: loaded.context.contextSize,
        gpuFallbackReason,
      };
      if (options.preparePrefix !== false) this.startPrefixPreparation(loaded, modelPath, options);
      return this.status;
    } catch (error) {
      this.state = { ...this.state, state: 'error', error: errorText(error) };
      if (error instanceof InferenceError) throw error;
      throw new InferenceError(`could not load ${modelPath}: ${errorText(error)}`, 'LOAD_FAILED');
    }
  }

  private async loadOn(llama: Llama, modelPath: string, contextSize: number, options: LoadOptions): Promise<Loaded> {
    const fit = await estimateFit(llama, modelPath, contextSize).catch((error: unknown) => {
      throw new InferenceError(`${modelPath} is not a readable GGUF model: ${errorText(error)}`, 'MODEL_FILE');
    });
    this.state = { ...this.state, fit };
    if (fit.verdict === 'no' && !options.ignoreMemoryFit) throw new InferenceError(fit.message, 'DOES_NOT_FIT');
    const model = await llama.loadModel({ modelPath, gpuLayers: 'auto' });
    try {
      const context = await model.createContext({
        contextSize,
        // The machine's math cores (what llama.cpp counts as useful for matrix work). node-llama-cpp's
        // own default on the CPU is max(cpuMathCores, 4), which oversubscribes a 2-core laptop; with
        // the model on the GPU the threads barely matter. Tests pass 1: several test workers share
        // two cores there, and more threads than free cores make each token ~50x slower.
        threads: options.threads ?? llama.cpuMathCores,
        swaFullCache: true,
      });
      const sequence = context.getSequence();
      const grammar = await llama.createGrammar({ grammar: daggerGrammarText() });
      return { llama, model, context, sequence, grammar, completion: new LlamaCompletion({ contextSequence: sequence }) };
    } catch (error) {
      await model.dispose();
      throw error;
    }
  }

  /**
   * Queues the instruction prefix's preparation (restore its saved state, else evaluate and save
   * it) ahead of any solve: the student reads the problem meanwhile, and a solve that comes sooner
   * waits for tokens it would have had to evaluate anyway. A failure only costs the head start.
   */
  private startPrefixPreparation(loaded: Loaded, modelPath: string, options: LoadOptions): void {
    const update = (change: Partial<PrefixStatus>) => {
      if (this.loaded !== loaded) return;
      const base: PrefixStatus = { state: 'preparing', source: null, evaluatedTokens: 0, totalTokens: 0, ms: null, stateBytes: null, note: null };
      this.state = { ...this.state, prefix: { ...(this.state.prefix ?? base), ...change } };
    };
    update({});
    const job = prepareInstructionPrefix({
      sequence: loaded.sequence,
      modelPath,
      settings: { contextSize: loaded.context.contextSize, backend: backendOf(loaded.llama), swaFullCache: true, llamaCppRelease: loaded.llama.llamaCppRelease.release },
      ...(options.prefixStateDir === undefined ? {} : { stateDir: options.prefixStateDir }),
      buildPrompt: buildDaggerPrompt,
      contextTokensOf: (prompt) => contextTokensFor(loaded.model, prompt),
      onStart: (totalTokens) => update({ totalTokens }),
      onProgress: (evaluatedTokens) => update({ evaluatedTokens }),
      isCancelled: () => this.loaded !== loaded,
    }).then(
      (done) => update({ state: 'ready', source: done.source, evaluatedTokens: done.tokenCount, ms: done.ms, stateBytes: done.stateBytes, note: done.note }),
      (error: unknown) => update({ state: 'failed', note: errorText(error) }),
    );
    this.queue = this.queue.then(() => job);
  }

  /**
   * The machine as the shared Llama sees it (backend, GPU names, VRAM, RAM), without loading a
   * model: what the catalog and status judge fit against. Starts the shared Llama on first use; a
   * later load() reuses that instance.
   */
  async machine(gpu: 'auto' | false = 'auto'): Promise<MachineMemory> {
    return readMachineMemory(await getLlamaRuntime(gpu));
  }

  /** Generates and analyses a graph for `question`. Resolves (never rejects) on cancel, with what was generated. */
  solve(question: string, options: SolveOptions = {}): Promise<SolveResult> {
    const run = this.queue.then(() => this.runSolve(question, options));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async runSolve(question: string, options: SolveOptions): Promise<SolveResult> {
    const loaded = this.loaded;
    if (!loaded) throw new InferenceError('no model is loaded', 'NOT_LOADED');
    const { model, sequence, completion } = loaded;
    const maxTokens = options.maxTokens ?? DEFAULT_MAX_TOKENS;
    const started = performance.now();
    // Exactly what the context will hold (one <bos>): what the length check counts and the model sees.
    const tokens = contextTokensFor(model, buildDaggerPrompt(question));
    if (tokens.length + maxTokens > sequence.contextSize) {
      throw new InferenceError(
        `the problem is too long: ${tokens.length} prompt tokens + ${maxTokens} to generate exceed the context of ${sequence.contextSize} tokens`,
        'PROMPT_TOO_LONG',
      );
    }

    const inputBefore = sequence.tokenMeter.usedInputTokens;
    // Our own controller: the caller's signal, plus stopping once the closing fence is written.
    const controller = new AbortController();
    const forwardAbort = () => controller.abort();
    options.signal?.addEventListener('abort', forwardAbort);
    if (options.signal?.aborted) controller.abort();

    let generatedTokens = 0;
    let firstTokenAt: number | null = null;
    let firstNodeAt: number | null = null;
    let rawOutput = '';
    let promptTokensEvaluated = 0;
    const parser = new NodeStreamParser((node) => {
      firstNodeAt ??= performance.now();
      options.onNode?.(node);
    });

    let stopReason: SolveResult['stopReason'];
    try {
      const response = await completion.generateCompletionWithMeta(completionInputFor(model, tokens), {
        maxTokens,
        temperature: 0,
        repeatPenalty: false,
        grammar: options.grammar === false ? undefined : loaded.grammar,
        customStopTriggers: [LlamaText(CLOSING_FENCE)],
        signal: controller.signal,
        stopOnAbortSignal: true,
        // The length check above guarantees prompt + output fit, so nothing may be cut or shifted:
        // LlamaCompletion otherwise keeps at most contextSize minus a tenth of it of the prompt,
        // silently dropping the prompt's start when maxTokens is under that tenth.
        contextShiftSize: 1,
        disableContextShift: true,
        onToken: (chunk) => {
          if (firstTokenAt === null) {
            firstTokenAt = performance.now();
            // Only the prompt has been evaluated so far: this is what prefix reuse saved.
            promptTokensEvaluated = sequence.tokenMeter.usedInputTokens - inputBefore;
            options.onPromptEvaluated?.(sequence.contextTokens);
          }
          generatedTokens += chunk.length;
        },
        onTextChunk: (text) => {
          rawOutput += text;
          options.onToken?.(text);
          parser.push(text);
        },
      });
      const reason = response.metadata.stopReason;
      if (reason === 'customStopTrigger') {
        // The stop trigger is withheld from the text; the fence belongs to the model's output.
        rawOutput += CLOSING_FENCE;
        options.onToken?.(CLOSING_FENCE);
        parser.push(CLOSING_FENCE);
      }
      stopReason = options.signal?.aborted ? 'cancelled'
        : reason === 'maxTokens' ? 'maxTokens'
        : reason === 'customStopTrigger' || parser.closingFenceSeen ? 'fence'
        : 'eog';
    } finally {
      options.signal?.removeEventListener('abort', forwardAbort);
    }

    const finished = performance.now();
    const stats: SolveStats = {
      promptTokens: tokens.length,
      promptTokensEvaluated,
      generatedTokens,
      timeToFirstTokenMs: firstTokenAt === null ? null : round(firstTokenAt - started),
      timeToFirstNodeMs: firstNodeAt === null ? null : round(firstNodeAt - started),
      tokensPerSecond: tokensPerSecond(generatedTokens, firstTokenAt, finished),
      totalMs: round(finished - started),
    };

    this.state = { ...this.state, speed: estimateFromSolve(stats, this.state.prefix?.totalTokens ?? 0) ?? this.state.speed };
    const cancelled = stopReason === 'cancelled';
    const analysis = analyseOutput(rawOutput, question);
    // A cancelled run keeps what was streamed: the nodes completed before the cancel.
    const graph: Graph | null = analysis.graph ?? (parser.nodes.length > 0 ? { nodes: parser.nodes.map((n) => n.node) } : null);
    return {
      ok: analysis.ok && !cancelled,
      answer: analysis.answer,
      graph,
      analysis,
      diagnostics: analysis.diagnostics,
      rawOutput,
      stats,
      backend: backendOf(loaded.llama),
      cancelled,
      stopReason,
    };
  }

  async unload(): Promise<void> {
    const loaded = this.loaded;
    this.loaded = null;
    this.state = emptyStatus();
    if (!loaded) return;
    await this.queue;
    await loaded.context.dispose();
    await loaded.model.dispose();
  }

  async dispose(): Promise<void> {
    await this.unload();
  }

  /** For the benchmark and tests: the loaded llama.cpp objects. */
  get internals(): Readonly<Loaded> | null {
    return this.loaded;
  }
}

/** Decode speed: tokens after the first over the time since the first (the first token's time is prompt evaluation). */
export function tokensPerSecond(generated: number, firstTokenAt: number | null, finishedAt: number): number {
  if (firstTokenAt === null || generated < 2 || finishedAt <= firstTokenAt) return 0;
  return round(((generated - 1) * 1000) / (finishedAt - firstTokenAt));
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

function emptyStatus(): InferenceStatus {
  return { state: 'unloaded', modelPath: null, backend: null, gpuNames: [], contextSize: null, fit: null, gpuFallbackReason: null, error: null, prefix: null, speed: null };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
