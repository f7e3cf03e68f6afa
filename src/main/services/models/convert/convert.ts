/**
 * Converts a Hugging Face Gemma-3 checkpoint into a GGUF in one streaming pass: each tensor is read
 * from its safetensors by byte ranges, converted or quantised a few MB at a time and written
 * straight into the output, under a temporary name. The file is verified, then renamed; on
 * failure or cancel the temporary file is removed. Resident memory is a few fixed buffers plus
 * the vocabulary, whatever the model's size.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { OutputType } from '../gguf/gemma3-metadata.js';
import { writeGgufStream, type GgufTensorSource } from '../gguf/writer.js';
import { ConvertError } from './errors.js';
import { ggmlQuantiser } from './ggml-library.js';
import { prepareConversion } from './plan.js';
import { ConversionBuffers, streamTensor } from './tensor-stream.js';
import { verifyGguf, type VerifyOptions } from './verify.js';

export interface ConvertProgress {
  /** One pass does both: 'quantise' when the output is quantised, else 'convert'; then 'verify'. */
  stage: 'convert' | 'quantise' | 'verify';
  doneBytes: number;
  totalBytes: number;
}

export interface ConvertOptions {
  sourceDir: string;
  outFile: string;
  quant: OutputType;
  signal?: AbortSignal;
  onProgress?: (p: ConvertProgress) => void;
  /** Delete each safetensors file as soon as all its tensors are read (for downloaded checkpoints). */
  deleteSourceWhenRead?: boolean;
  /** general.name in the GGUF (e.g. the Hub repo); default: the source folder's name. */
  name?: string;
  /** Passed to verifyGguf (which Llama, threads). */
  verify?: VerifyOptions;
}

export interface ConvertResult {
  out: string;
  quant: OutputType;
  tensors: number;
  bytes: number;
  seconds: number;
  sha256: string;
}

/** The name the output is written under until it is verified. */
export function temporaryOutputName(outFile: string): string {
  return path.join(path.dirname(outFile), `${path.basename(outFile)}.converting`);
}

/** Converts, verifies and installs `outFile`. Throws ConvertError (code CANCELLED when aborted). */
export async function convertCheckpoint(opts: ConvertOptions): Promise<ConvertResult> {
  const started = performance.now();
  const { signal, onProgress } = opts;
  const plan = prepareConversion(opts.sourceDir, opts.quant, opts.name);
  const quantised = opts.quant === 'Q4_K_M' || opts.quant === 'Q8_0';
  const stage = quantised ? 'quantise' : 'convert';
  const quantiser = quantised ? ggmlQuantiser().quantiser : null;
  const temporary = temporaryOutputName(opts.outFile);

  // How many tensors each file still has to give, so it can be deleted after its last one.
  const remaining = new Map<string, number>();
  for (const t of plan.tensors) remaining.set(t.source.file, (remaining.get(t.source.file) ?? 0) + 1);

  const buffers = new ConversionBuffers();
  const handles = new Map<string, fs.promises.FileHandle>();
  const handleFor = async (file: string) => {
    let handle = handles.get(file);
    if (!handle) {
      handle = await fs.promises.open(file, 'r');
      handles.set(file, handle);
    }
    return handle;
  };
  const fileDone = async (file: string) => {
    await handles.get(file)?.close();
    handles.delete(file);
    if (opts.deleteSourceWhenRead) await fs.promises.rm(file, { force: true });
  };

  let doneBytes = 0;
  onProgress?.({ stage, doneBytes, totalBytes: plan.readBytes });
  const sources: GgufTensorSource[] = plan.tensors.map(({ source, type }) => ({
    name: source.ggufName,
    dims: source.ggufDims,
    type,
    writeData: async (sink) => {
      await streamTensor(source, type, sink, {
        handle: await handleFor(source.file),
        buffers,
        quantiser,
        signal,
        onSourceBytes: (bytes) => {
          doneBytes += bytes;
          onProgress?.({ stage, doneBytes, totalBytes: plan.readBytes });
        },
      });
      const left = remaining.get(source.file)! - 1;
      remaining.set(source.file, left);
      if (left === 0) await fileDone(source.file);
    },
  }));

  try {
    fs.mkdirSync(path.dirname(opts.outFile), { recursive: true });
    const written = await writeGgufStream(temporary, plan.metadata, sources, { signal });
    signal?.throwIfAborted();
    onProgress?.({ stage: 'verify', doneBytes: 0, totalBytes: 1 });
    const verification = await verifyGguf(temporary, opts.verify);
    signal?.throwIfAborted();
    if (!verification.ok) throw new ConvertError('VERIFY_FAILED', `the converted file failed its check: ${verification.problems.join('; ')}`);
    onProgress?.({ stage: 'verify', doneBytes: 1, totalBytes: 1 });
    await fs.promises.rename(temporary, opts.outFile);
    return {
      out: opts.outFile,
      quant: opts.quant,
      tensors: sources.length,
      bytes: written.bytes,
      seconds: (performance.now() - started) / 1000,
      sha256: written.sha256,
    };
  } catch (error) {
    await fs.promises.rm(temporary, { force: true });
    if (signal?.aborted) throw new ConvertError('CANCELLED', 'the conversion was cancelled; nothing was kept');
    if ((error as NodeJS.ErrnoException).code === 'ENOSPC') {
      throw new ConvertError('DISK_FULL', `the disk holding ${path.dirname(opts.outFile)} is full: the GGUF needs ${(plan.outputBytes / 1e9).toFixed(2)} GB; free some space and convert again`);
    }
    throw error;
  } finally {
    for (const handle of handles.values()) await handle.close().catch(() => undefined);
  }
}
