/**
 * Produces one GGUF tensor's bytes from its safetensors slice, a few MB at a time: read a run of
 * rows, convert them (bf16/f16/f32 → F32/F16/BF16, +1 on norms in float32) or quantise them with
 * ggml's own quantiser, hand them to the GGUF writer, and move on. Memory use is a few fixed
 * buffers, whatever the tensor's size.
 */
import type fs from 'node:fs';
import os from 'node:os';
import { ggmlRowBytes, type GgmlType } from '../gguf/ggml-types.js';
import type { GgufDataSink } from '../gguf/writer.js';
import type { SourceTensor } from './checkpoint.js';
import { convertFloats, targetBytes, toFloat32 } from './float-formats.js';
import type { GgmlQuantiser } from './ggml-library.js';
import { dtypeBytes, readRange } from './safetensors.js';

/** Values converted per step: 4 Mi values = 16 MiB as float32. */
const STEP_VALUES = 4 << 20;

/** Reusable scratch space shared by all tensors of one conversion. */
export class ConversionBuffers {
  private source = new Uint8Array(0);
  private floats = new Float32Array(0);
  private output = new Uint8Array(0);

  /** Buffers big enough for `values` source values (up to 4 bytes each in and out). */
  get(values: number): { source: Uint8Array; floats: Float32Array; output: Uint8Array } {
    if (this.floats.length < values) {
      // Fresh ArrayBuffers: offset 0, so typed views over them are always aligned.
      this.source = new Uint8Array(new ArrayBuffer(values * 4));
      this.floats = new Float32Array(values);
      this.output = new Uint8Array(new ArrayBuffer(values * 4));
    }
    return { source: this.source, floats: this.floats, output: this.output };
  }
}

export interface TensorStreamContext {
  handle: fs.promises.FileHandle;
  buffers: ConversionBuffers;
  quantiser: GgmlQuantiser | null;
  signal?: AbortSignal;
  /** Called after each step with the source bytes just read. */
  onSourceBytes(bytes: number): void;
}

/** Quantisation runs on this many libuv threads at once (rows are independent, so the bytes do not change). */
const QUANTISE_PARALLELISM = Math.max(1, Math.min(4, os.availableParallelism()));

async function quantiseRows(quantiser: GgmlQuantiser, type: GgmlType, floats: Float32Array, output: Uint8Array, rows: number, rowLength: number): Promise<number> {
  const rowBytes = ggmlRowBytes(type, rowLength);
  const perPart = Math.ceil(rows / QUANTISE_PARALLELISM);
  const parts: Promise<void>[] = [];
  for (let first = 0; first < rows; first += perPart) {
    const count = Math.min(perPart, rows - first);
    parts.push(
      quantiser.quantize(
        type,
        floats.subarray(first * rowLength, (first + count) * rowLength),
        output.subarray(first * rowBytes, (first + count) * rowBytes),
        count,
        rowLength,
      ),
    );
  }
  await Promise.all(parts);
  return rows * rowBytes;
}

/** Writes `tensor` as ggml type `type` into `sink`. */
export async function streamTensor(tensor: SourceTensor, type: GgmlType, sink: GgufDataSink, ctx: TensorStreamContext): Promise<void> {
  const rowLength = tensor.ggufDims[0]!;
  const rows = tensor.ggufDims.slice(1).reduce((a, b) => a * b, 1);
  const sourceRowBytes = rowLength * dtypeBytes(tensor.dtype);
  const rowsPerStep = Math.max(1, Math.floor(STEP_VALUES / rowLength));
  const { source, floats, output } = ctx.buffers.get(rowsPerStep * rowLength);
  const quantised = type !== 'F32' && type !== 'F16' && type !== 'BF16';
  if (quantised && !ctx.quantiser) throw new Error(`${tensor.ggufName} needs ${type}, but llama.cpp's quantiser is not loaded`);

  for (let row = 0; row < rows; row += rowsPerStep) {
    ctx.signal?.throwIfAborted();
    const stepRows = Math.min(rowsPerStep, rows - row);
    const values = stepRows * rowLength;
    const bytes = stepRows * sourceRowBytes;
    await readRange(ctx.handle, source, bytes, tensor.offset + row * sourceRowBytes);
    ctx.onSourceBytes(bytes);

    if (quantised) {
      toFloat32(source, tensor.dtype, floats, values);
      const written = await quantiseRows(ctx.quantiser!, type, floats, output, stepRows, rowLength);
      await sink.write(output.subarray(0, written));
    } else if (tensor.normPlusOne) {
      // Gemma's RMSNorm scales by (1 + w); llama.cpp's expects the stored weight to be 1 + w, in float32.
      toFloat32(source, tensor.dtype, floats, values);
      for (let i = 0; i < values; i++) floats[i] = Math.fround(floats[i]! + 1);
      await sink.write(new Uint8Array(floats.buffer, 0, values * 4));
    } else {
      convertFloats(source, tensor.dtype, output, type, values);
      await sink.write(output.subarray(0, values * targetBytes(type)));
    }
  }
}
