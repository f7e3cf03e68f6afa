/**
 * Checks a converted GGUF before it is offered: the file is a readable GGUF v3 with contiguous,
 * aligned tensors and the metadata llama.cpp needs for gemma3; node-llama-cpp loads it; the DAGGER
 * prompt tokenises with one <bos> and with <start_of_turn>/<end_of_turn> as single special tokens;
 * and a short greedy generation runs.
 */
import type { Llama, Token } from 'node-llama-cpp';
import { buildDaggerPrompt, wrapGemmaUserTurn } from '../../../../core/prompt.js';
import { TOKEN_TYPE } from '../gguf/gemma3-metadata.js';
import { layoutProblems, readGguf, type GgufFile } from '../gguf/reader.js';
import { getSharedLlama } from '../../inference/llama-runtime.js';

export interface VerifyOptions {
  /** The Llama to load with; default: the process's shared CPU instance. */
  llama?: Llama;
  /** Threads for the generation; default 1 (a check, not a benchmark). */
  threads?: number;
  /** Greedy tokens to generate; default 4. */
  generateTokens?: number;
  /** Skip loading the model (structure checks only). */
  structureOnly?: boolean;
}

export interface GgufVerification {
  ok: boolean;
  /** Sentences naming what is wrong; empty when ok. */
  problems: string[];
  tensors: number;
  /** Token ids of the DAGGER prompt, when the model was loaded. */
  daggerPromptTokens: number;
  /** Greedy tokens generated after a short Bangla question. */
  generated: number[];
}

/** A short chat prompt for the generation check (the DAGGER prompt is ~1,000 tokens: slow on a 12B CPU load). */
export const VERIFY_GENERATION_PROMPT = wrapGemmaUserTurn('মিনার কাছে ১০০টি কলম আছে।');

/** Keys llama.cpp reads for gemma3 and fails or misbehaves without. */
const REQUIRED_KEYS = [
  'gemma3.context_length',
  'gemma3.embedding_length',
  'gemma3.block_count',
  'gemma3.feed_forward_length',
  'gemma3.attention.head_count',
  'gemma3.attention.head_count_kv',
  'gemma3.attention.key_length',
  'gemma3.attention.value_length',
  'gemma3.attention.layer_norm_rms_epsilon',
  'gemma3.attention.sliding_window',
  'gemma3.rope.freq_base',
  'tokenizer.ggml.model',
  'tokenizer.ggml.tokens',
  'tokenizer.ggml.token_type',
  'tokenizer.ggml.bos_token_id',
  'tokenizer.ggml.eos_token_id',
] as const;

function structureProblems(gguf: GgufFile): string[] {
  const problems = layoutProblems(gguf);
  const meta = gguf.metadata;
  const arch = meta.get('general.architecture')?.value;
  if (arch !== 'gemma3') problems.push(`general.architecture is ${String(arch)}, not gemma3`);
  for (const key of REQUIRED_KEYS) if (!meta.has(key)) problems.push(`metadata key ${key} is missing`);
  const tokens = meta.get('tokenizer.ggml.tokens')?.value;
  const types = meta.get('tokenizer.ggml.token_type')?.value;
  const embedding = gguf.tensors.find((t) => t.name === 'token_embd.weight');
  if (!embedding) problems.push('token_embd.weight is missing');
  if (Array.isArray(tokens) && embedding && tokens.length !== embedding.dims[1]) {
    problems.push(`the vocabulary has ${tokens.length} tokens but the embedding has ${embedding.dims[1]} rows`);
  }
  if (Array.isArray(tokens) && Array.isArray(types)) {
    for (const marker of ['<start_of_turn>', '<end_of_turn>']) {
      const id = tokens.indexOf(marker);
      if (id < 0) problems.push(`${marker} is not in the vocabulary`);
      else if (types[id] !== TOKEN_TYPE.CONTROL) problems.push(`${marker} (id ${id}) is not a control token, so chat turns would be split into pieces`);
    }
  }
  if (meta.get('tokenizer.ggml.add_space_prefix')?.value !== false) problems.push('tokenizer.ggml.add_space_prefix is not false (Gemma has no space prefix)');
  const vision = gguf.tensors.find((t) => t.name.startsWith('v.') || t.name.startsWith('mm.'));
  if (vision) problems.push(`a vision tensor (${vision.name}) was left in the text model`);
  return problems;
}

async function runtimeProblems(file: string, gguf: GgufFile, options: VerifyOptions): Promise<{ problems: string[]; daggerPromptTokens: number; generated: number[] }> {
  const problems: string[] = [];
  const llama = options.llama ?? (await getSharedLlama(false));
  const model = await llama.loadModel({ modelPath: file, gpuLayers: 0 });
  try {
    const tokens = gguf.metadata.get('tokenizer.ggml.tokens')?.value as string[];
    const idOf = (text: string) => tokens.indexOf(text);
    const bos = model.tokens.bos;
    if (bos === null || bos !== idOf('<bos>')) problems.push(`node-llama-cpp's BOS token is ${String(bos)}, not <bos> (${idOf('<bos>')})`);
    for (const special of ['<bos>', '<start_of_turn>', '<end_of_turn>']) {
      const ids = model.tokenize(special, true);
      if (ids.length !== 1 || ids[0] !== idOf(special)) problems.push(`${special} tokenises as [${ids.join(', ')}], not as the single special token ${idOf(special)}`);
    }
    const prompt = model.tokenize(buildDaggerPrompt('মিনার কাছে ১০০টি কলম আছে। সে রাফিকে ২৫টি কলম দিল। তার কাছে কয়টি কলম রইল?'), true);
    const count = (text: string) => prompt.filter((t) => t === idOf(text)).length;
    if (prompt[0] !== idOf('<bos>') || count('<bos>') !== 1) problems.push('the DAGGER prompt does not tokenise with exactly one <bos> at the start');
    if (count('<start_of_turn>') !== 2 || count('<end_of_turn>') !== 1) problems.push('the DAGGER prompt does not tokenise its turn markers as single special tokens');

    const context = await model.createContext({ contextSize: 256, threads: options.threads ?? 1 });
    const generated: number[] = [];
    try {
      const sequence = context.getSequence();
      const wanted = options.generateTokens ?? 4;
      for await (const token of sequence.evaluate(model.tokenize(VERIFY_GENERATION_PROMPT, true) as Token[], { temperature: 0 })) {
        generated.push(token);
        if (generated.length >= wanted) break;
      }
      if (generated.length < wanted) problems.push(`greedy generation stopped after ${generated.length} of ${wanted} tokens`);
    } finally {
      await context.dispose();
    }
    return { problems, daggerPromptTokens: prompt.length, generated };
  } finally {
    await model.dispose();
  }
}

/** Verifies `file`; never throws for a bad file (the problems say what is wrong). */
export async function verifyGguf(file: string, options: VerifyOptions = {}): Promise<GgufVerification> {
  let gguf: GgufFile;
  try {
    gguf = readGguf(file);
  } catch (error) {
    return { ok: false, problems: [`${file} is not a readable GGUF file: ${(error as Error).message}`], tensors: 0, daggerPromptTokens: 0, generated: [] };
  }
  const problems = structureProblems(gguf);
  let daggerPromptTokens = 0;
  let generated: number[] = [];
  if (problems.length === 0 && !options.structureOnly) {
    try {
      const runtime = await runtimeProblems(file, gguf, options);
      problems.push(...runtime.problems);
      daggerPromptTokens = runtime.daggerPromptTokens;
      generated = runtime.generated;
    } catch (error) {
      problems.push(`node-llama-cpp could not load or run it: ${(error as Error).message}`);
    }
  }
  return { ok: problems.length === 0, problems, tensors: gguf.tensors.length, daggerPromptTokens, generated };
}
