/**
 * Everything a conversion needs before any tensor byte is read: the checkpoint, the vocabulary,
 * the GGUF metadata, each tensor's output type, and the exact size of the result. planConversion
 * exposes it as what a job needs to decide (disk space, fit) or a refusal sentence.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { GgmlType } from '../gguf/ggml-types.js';
import {
  fileTypeMetadata,
  gemma3ArchitectureMetadata,
  gemma3TokenizerMetadata,
  generalMetadata,
  type OutputType,
  type SamplingDefaults,
} from '../gguf/gemma3-metadata.js';
import { ggufFileBytes, type GgufMetadata } from '../gguf/writer.js';
import {
  checkpointFiles,
  expectedTextTensors,
  readCheckpoint,
  readCheckpointConfig,
  type Checkpoint,
  type CheckpointConfig,
  type CheckpointLayout,
  type SourceTensor,
} from './checkpoint.js';
import { ConvertError } from './errors.js';
import { ggmlQuantiser } from './ggml-library.js';
import { dtypeBytes } from './safetensors.js';
import { tensorOutputType } from './tensor-types.js';
import { readGemmaTokenizer, readJsonIfPresent } from './tokenizer.js';

export const OUTPUT_TYPES = ['Q4_K_M', 'Q8_0', 'F16', 'BF16', 'F32'] as const satisfies readonly OutputType[];

export function isOutputType(value: string): value is OutputType {
  return (OUTPUT_TYPES as readonly string[]).includes(value);
}

export interface PlannedTensor {
  source: SourceTensor;
  type: GgmlType;
}

export interface PreparedConversion {
  checkpoint: Checkpoint;
  quant: OutputType;
  metadata: GgufMetadata;
  /** In read order: file by file, by offset, so each shard is read once, front to back. */
  tensors: PlannedTensor[];
  /** Bytes of the text tensors to read (vision tensors are never read). */
  readBytes: number;
  outputBytes: number;
}

/** generation_config.json's sampling defaults, as llama.cpp's converter records them. */
function samplingDefaults(dir: string): SamplingDefaults {
  const g = readJsonIfPresent<Record<string, unknown>>(path.join(dir, 'generation_config.json')) ?? {};
  const n = (key: string) => (typeof g[key] === 'number' ? (g[key] as number) : undefined);
  const s: SamplingDefaults = {};
  const add = <K extends keyof SamplingDefaults>(key: K, value: number | undefined) => {
    if (value !== undefined) s[key] = value;
  };
  add('topK', n('top_k'));
  add('topP', n('top_p'));
  add('minP', n('min_p'));
  add('temperature', n('temperature'));
  add('repeatPenalty', n('repetition_penalty'));
  return s;
}

/** `name` becomes general.name (default: the folder's name, as llama.cpp's converter does). */
function conversionMetadata(dir: string, c: CheckpointConfig, quant: OutputType, name?: string): GgufMetadata {
  const tokenizer = readGemmaTokenizer(dir, c.vocabSize, c.config);
  return {
    ...gemma3ArchitectureMetadata(c.hparams),
    ...generalMetadata({ name: name ?? path.basename(path.resolve(dir)), sampling: samplingDefaults(dir) }),
    ...fileTypeMetadata(quant),
    ...gemma3TokenizerMetadata(tokenizer),
  };
}

function requireOutputType(quant: OutputType): void {
  if (!isOutputType(quant)) throw new ConvertError('BAD_CHECKPOINT', `unknown output type ${String(quant)}; choose one of ${OUTPUT_TYPES.join(', ')}`);
  if (quant === 'Q4_K_M' || quant === 'Q8_0') {
    const { quantiser, reason } = ggmlQuantiser();
    if (!quantiser) throw new ConvertError('QUANTISER_UNAVAILABLE', `${quant} needs llama.cpp's quantiser, which is unavailable here: ${reason}. F16, BF16 and F32 still work.`);
  }
}

const elements = (dims: readonly number[]) => dims.reduce((a, b) => a * b, 1);

/** Reads and checks the checkpoint; throws ConvertError with a sentence when it cannot be converted. */
export function prepareConversion(sourceDir: string, quant: OutputType, name?: string): PreparedConversion {
  requireOutputType(quant);
  const checkpoint = readCheckpoint(sourceDir);
  const metadata = conversionMetadata(sourceDir, checkpoint, quant, name);
  const tensors = [...checkpoint.tensors]
    .sort((a, b) => checkpoint.files.indexOf(a.file) - checkpoint.files.indexOf(b.file) || a.offset - b.offset)
    .map((source) => ({ source, type: tensorOutputType(source, quant, checkpoint.hparams.blockCount) }));
  const readBytes = tensors.reduce((sum, t) => sum + elements(t.source.ggufDims) * dtypeBytes(t.source.dtype), 0);
  const outputBytes = ggufFileBytes(metadata, tensors.map((t) => ({ name: t.source.ggufName, dims: t.source.ggufDims, type: t.type })));
  return { checkpoint, quant, metadata, tensors, readBytes, outputBytes };
}

export interface ConversionPlan {
  sourceDir: string;
  architecture: 'gemma3';
  layout: CheckpointLayout;
  quant: OutputType;
  /** Size of the checkpoint's safetensors (the index's total_size while shards are still missing; null if unknown). */
  inputBytes: number | null;
  /** Exact size of the GGUF that will be written. */
  outBytes: number;
  /**
   * Disk needed besides the output at its peak: none. Tensors are converted and quantised in one
   * pass straight into the output (under a temporary name, renamed once verified); no
   * full-precision intermediate file is made.
   */
  tempBytes: number;
  tensors: number;
  blockCount: number;
  vocabSize: number;
  /** False when planned from config.json and the index alone (shards not downloaded yet). */
  shardsChecked: boolean;
}

/**
 * What a job needs to know before starting. Works before the shards are downloaded (config.json,
 * the index and the tokenizer files suffice: Gemma-3's tensor shapes follow from the config); once
 * they are there, every shard header is checked too. Throws ConvertError (with a code and a
 * sentence) when the folder cannot be converted.
 */
export function planConversion(sourceDir: string, quant: OutputType): ConversionPlan {
  requireOutputType(quant);
  const { files, allPresent, indexTotalBytes } = checkpointFiles(sourceDir);
  const checkpoint = allPresent ? readCheckpoint(sourceDir) : null;
  const c = checkpoint ?? readCheckpointConfig(sourceDir);
  const tensors = checkpoint?.tensors ?? expectedTextTensors(c.hparams, c.vocabSize);
  const metadata = conversionMetadata(sourceDir, c, quant);
  const outBytes = ggufFileBytes(metadata, tensors.map((t) => ({ name: t.ggufName, dims: t.ggufDims, type: tensorOutputType(t, quant, c.hparams.blockCount) })));
  return {
    sourceDir,
    architecture: 'gemma3',
    layout: c.layout,
    quant,
    inputBytes: allPresent ? files.reduce((sum, f) => sum + fs.statSync(f).size, 0) : indexTotalBytes,
    outBytes,
    tempBytes: 0,
    tensors: tensors.length,
    blockCount: c.hparams.blockCount,
    vocabSize: c.vocabSize,
    shardsChecked: allPresent,
  };
}
