/**
 * Reads safetensors files by byte ranges: only the JSON header is parsed up front; tensor data is
 * read later, a slice at a time, so no tensor (let alone a model) is ever loaded whole.
 * Format: u64 little-endian header length, a JSON header {name: {dtype, shape, data_offsets}},
 * then the data; offsets are relative to the end of the header.
 */
import fs from 'node:fs';
import { ConvertError } from './errors.js';

/** The source dtypes a Gemma-3 checkpoint may use. */
export type SourceDtype = 'BF16' | 'F16' | 'F32';
const DTYPE_BYTES: Record<SourceDtype, number> = { BF16: 2, F16: 2, F32: 4 };

export interface SafetensorsTensor {
  name: string;
  dtype: SourceDtype;
  /** PyTorch order: shape[last] is the row length. */
  shape: number[];
  file: string;
  /** Absolute byte offset of the data in `file`. */
  offset: number;
  byteLength: number;
}

/** A header larger than this is not a model header (the 12B's is under 100 kB). */
const MAX_HEADER_BYTES = 100 << 20;

export function dtypeBytes(dtype: SourceDtype): number {
  return DTYPE_BYTES[dtype];
}

/** Reads one file's header; every tensor is checked to lie inside the file with the bytes its shape needs. */
export function readSafetensorsHeader(file: string): SafetensorsTensor[] {
  const bad = (why: string) => new ConvertError('BAD_CHECKPOINT', `${file} is not a readable safetensors file: ${why}`);
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    throw new ConvertError('NOT_FOUND', `${file} is missing: the checkpoint folder is incomplete`);
  }
  try {
    const size = fs.fstatSync(fd).size;
    const lengthBytes = Buffer.alloc(8);
    if (size < 8 || fs.readSync(fd, lengthBytes, 0, 8, 0) !== 8) throw bad('it is shorter than its header');
    const headerLength = Number(lengthBytes.readBigUInt64LE(0));
    if (headerLength > MAX_HEADER_BYTES || 8 + headerLength > size) throw bad(`its header claims ${headerLength} bytes`);
    const headerBytes = Buffer.alloc(headerLength);
    fs.readSync(fd, headerBytes, 0, headerLength, 8);
    let header: Record<string, unknown>;
    try {
      header = JSON.parse(headerBytes.toString('utf8')) as Record<string, unknown>;
    } catch {
      throw bad('its header is not JSON');
    }
    const dataStart = 8 + headerLength;
    const tensors: SafetensorsTensor[] = [];
    for (const [name, entry] of Object.entries(header)) {
      if (name === '__metadata__') continue;
      const { dtype, shape, data_offsets: offsets } = (entry ?? {}) as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
      if (dtype !== 'BF16' && dtype !== 'F16' && dtype !== 'F32') {
        throw new ConvertError('UNSUPPORTED_DTYPE', `${name} in ${file} is stored as ${String(dtype)}; only bf16, f16 and f32 checkpoints can be converted`);
      }
      if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) throw bad(`${name} has no valid shape`);
      if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isSafeInteger(o) && o >= 0)) throw bad(`${name} has no valid data offsets`);
      const [begin, end] = offsets as [number, number];
      const elements = (shape as number[]).reduce((a, b) => a * b, 1);
      if (end - begin !== elements * DTYPE_BYTES[dtype]) throw bad(`${name} holds ${end - begin} bytes, its shape needs ${elements * DTYPE_BYTES[dtype]}`);
      if (dataStart + end > size) throw bad(`${name} ends past the end of the file (cut off?)`);
      tensors.push({ name, dtype, shape: shape as number[], file, offset: dataStart + begin, byteLength: end - begin });
    }
    return tensors;
  } finally {
    fs.closeSync(fd);
  }
}

/** Reads exactly `length` bytes at `position` into `target` (which must be large enough). */
export async function readRange(handle: fs.promises.FileHandle, target: Uint8Array, length: number, position: number): Promise<void> {
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(target, done, length - done, position + done);
    if (bytesRead === 0) throw new ConvertError('BAD_CHECKPOINT', `a safetensors file ended early at byte ${position + done}: it was changed or cut off while converting`);
    done += bytesRead;
  }
}
