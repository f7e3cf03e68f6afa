/**
 * GGUF v3 writer (layout per ggml's docs/gguf.md): header, metadata, tensor infos, padding to the
 * 32-byte alignment, then each tensor's data at an aligned offset, offsets contiguous.
 *
 * Two entry points share one header encoder:
 * - writeGgufStream: tensors are described up front (name, dims, type, byte length) and their bytes
 *   are produced one tensor at a time through a sink, so a 7 GB model never sits in memory. The
 *   file's SHA-256 is computed on the way out. Used by the checkpoint converter and benchmarks.
 * - writeGguf: a small synchronous helper for F32 tensors already in memory (the test model).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { GGML_TYPES, ggmlTensorBytes, type GgmlType } from './ggml-types.js';

/** GGUF metadata value types (gguf.md `gguf_metadata_value_type`). */
const T = { uint32: 4, int32: 5, float32: 6, bool: 7, string: 8, array: 9, uint64: 10 } as const;
export const GGUF_ALIGNMENT = 32;

/** A metadata value, tagged with its GGUF type so numbers are written with the width llama.cpp expects. */
export type GgufValue =
  | { type: 'uint32' | 'int32' | 'float32' | 'uint64'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'string'; value: string }
  | { type: 'array'; itemType: 'string'; value: string[] }
  | { type: 'array'; itemType: 'int32' | 'float32'; value: number[] };

export type GgufMetadata = Record<string, GgufValue>;

/** An in-memory F32 tensor for writeGguf. */
export interface GgufTensor {
  name: string;
  /** ggml order: dims[0] is the fastest-varying (row length). */
  dims: number[];
  data: Float32Array;
}

/** What the header says about one tensor. */
export interface GgufTensorInfo {
  name: string;
  /** ggml order: dims[0] is the row length (the reverse of a safetensors/PyTorch shape). */
  dims: number[];
  type: GgmlType;
}

/** Receives one tensor's bytes in order; chunks may be any size. */
export interface GgufDataSink {
  write(bytes: Uint8Array): Promise<void>;
}

/** A tensor whose bytes are produced when the writer reaches it. */
export interface GgufTensorSource extends GgufTensorInfo {
  /** Must write exactly ggmlTensorBytes(type, dims) bytes to the sink. */
  writeData(sink: GgufDataSink): Promise<void>;
}

export interface GgufWriteOptions {
  signal?: AbortSignal;
  /** Called after each flushed buffer with the tensor-data bytes written so far and the total. */
  onData?: (doneBytes: number, totalBytes: number) => void;
}

export interface GgufWriteResult {
  /** File size in bytes. */
  bytes: number;
  /** Offset of the first tensor's data (the header size, padded). */
  dataOffset: number;
  /** SHA-256 of the whole file, hex. */
  sha256: string;
}

/** Growable little-endian byte buffer for the header. */
class ByteWriter {
  private buf = Buffer.alloc(1 << 16);
  length = 0;

  private ensure(extra: number): void {
    if (this.length + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + extra) size *= 2;
    const next = Buffer.alloc(size);
    this.buf.copy(next, 0, 0, this.length);
    this.buf = next;
  }
  u32(v: number): void { this.ensure(4); this.buf.writeUInt32LE(v, this.length); this.length += 4; }
  i32(v: number): void { this.ensure(4); this.buf.writeInt32LE(v, this.length); this.length += 4; }
  u64(v: number): void { this.ensure(8); this.buf.writeBigUInt64LE(BigInt(v), this.length); this.length += 8; }
  f32(v: number): void { this.ensure(4); this.buf.writeFloatLE(v, this.length); this.length += 4; }
  u8(v: number): void { this.ensure(1); this.buf.writeUInt8(v, this.length); this.length += 1; }
  str(s: string): void {
    const bytes = Buffer.from(s, 'utf8');
    this.u64(bytes.length);
    this.ensure(bytes.length);
    bytes.copy(this.buf, this.length);
    this.length += bytes.length;
  }
  pad(alignment: number): void { while (this.length % alignment !== 0) this.u8(0); }
  bytes(): Buffer { return this.buf.subarray(0, this.length); }
}

function writeValue(w: ByteWriter, v: GgufValue): void {
  switch (v.type) {
    case 'uint32': w.u32(T.uint32); w.u32(v.value); return;
    case 'int32': w.u32(T.int32); w.i32(v.value); return;
    case 'float32': w.u32(T.float32); w.f32(v.value); return;
    case 'uint64': w.u32(T.uint64); w.u64(v.value); return;
    case 'bool': w.u32(T.bool); w.u8(v.value ? 1 : 0); return;
    case 'string': w.u32(T.string); w.str(v.value); return;
    case 'array':
      w.u32(T.array);
      w.u32(T[v.itemType]);
      w.u64(v.value.length);
      for (const item of v.value) {
        if (v.itemType === 'string') w.str(item as string);
        else if (v.itemType === 'int32') w.i32(item as number);
        else w.f32(item as number);
      }
  }
}

const padTo = (n: number) => (GGUF_ALIGNMENT - (n % GGUF_ALIGNMENT)) % GGUF_ALIGNMENT;

interface EncodedHeader {
  /** Header bytes including the padding before the data section. */
  header: Buffer;
  /** Each tensor's offset inside the data section. */
  offsets: number[];
  /** Each tensor's byte length (without padding). */
  sizes: number[];
  /** Data section size including the padding after the last tensor. */
  dataBytes: number;
}

function encodeHeader(metadata: GgufMetadata, tensors: readonly GgufTensorInfo[]): EncodedHeader {
  const head = new ByteWriter();
  head.u32(0x46554747); // "GGUF" read as a little-endian u32
  head.u32(3);
  head.u64(tensors.length);
  head.u64(Object.keys(metadata).length);
  for (const [key, value] of Object.entries(metadata)) {
    head.str(key);
    writeValue(head, value);
  }
  let offset = 0;
  const offsets: number[] = [];
  const sizes: number[] = [];
  for (const t of tensors) {
    const size = ggmlTensorBytes(t.type, t.dims);
    head.str(t.name);
    head.u32(t.dims.length);
    for (const d of t.dims) head.u64(d);
    head.u32(GGML_TYPES[t.type].id);
    head.u64(offset);
    offsets.push(offset);
    sizes.push(size);
    offset += size + padTo(size);
  }
  head.pad(GGUF_ALIGNMENT);
  return { header: Buffer.from(head.bytes()), offsets, sizes, dataBytes: offset };
}

/**
 * Buffered, hashed, sequential file output. Two buffers alternate so the disk write of one
 * overlaps filling the other.
 */
class HashedFileOutput implements GgufDataSink {
  private readonly hash = crypto.createHash('sha256');
  private buffers: [Buffer, Buffer];
  private current = 0;
  private used = 0;
  private pending: Promise<unknown> = Promise.resolve();
  private filePosition = 0;
  /** Bytes accepted so far (including still-buffered ones). */
  written = 0;

  constructor(private readonly handle: fs.promises.FileHandle, bufferBytes: number, private readonly afterFlush: () => void) {
    this.buffers = [Buffer.allocUnsafe(bufferBytes), Buffer.allocUnsafe(bufferBytes)];
  }

  async write(bytes: Uint8Array): Promise<void> {
    let from = 0;
    while (from < bytes.length) {
      const buffer = this.buffers[this.current];
      const n = Math.min(bytes.length - from, buffer.length - this.used);
      buffer.set(bytes.subarray(from, from + n), this.used);
      this.used += n;
      from += n;
      this.written += n;
      if (this.used === buffer.length) await this.flush();
    }
  }

  async zeros(n: number): Promise<void> {
    if (n > 0) await this.write(new Uint8Array(n));
  }

  /** Hands the filled buffer to the disk and switches to the other one once its write is done. */
  private async flush(): Promise<void> {
    const chunk = this.buffers[this.current].subarray(0, this.used);
    this.hash.update(chunk);
    await this.pending;
    const write = this.handle.write(chunk, 0, chunk.length, this.filePosition);
    // A failed write (a full disk) is thrown at the next flush or at finish; marking it handled
    // here keeps a write failing after the caller gave up (cancel) from crashing the process.
    write.catch(() => undefined);
    this.pending = write;
    this.filePosition += chunk.length;
    this.current = 1 - this.current;
    this.used = 0;
    this.afterFlush();
  }

  async finish(): Promise<string> {
    if (this.used > 0) await this.flush();
    await this.pending;
    return this.hash.digest('hex');
  }
}

const WRITE_BUFFER_BYTES = 8 << 20;

/** The size of the file writeGgufStream writes for this metadata and these tensors. */
export function ggufFileBytes(metadata: GgufMetadata, tensors: readonly GgufTensorInfo[]): number {
  const { header, dataBytes } = encodeHeader(metadata, tensors);
  return header.length + dataBytes;
}

/**
 * Streams a GGUF file: header first, then each tensor's bytes from its writeData in order.
 * Throws (leaving a partial file for the caller to remove) if a tensor writes the wrong number of
 * bytes or the signal aborts.
 */
export async function writeGgufStream(file: string, metadata: GgufMetadata, tensors: readonly GgufTensorSource[], options: GgufWriteOptions = {}): Promise<GgufWriteResult> {
  const { header, sizes, dataBytes } = encodeHeader(metadata, tensors);
  const handle = await fs.promises.open(file, 'w');
  try {
    const out = new HashedFileOutput(handle, WRITE_BUFFER_BYTES, () => options.onData?.(Math.max(0, out.written - header.length), dataBytes));
    await out.write(header);
    for (const [i, tensor] of tensors.entries()) {
      options.signal?.throwIfAborted();
      const start = out.written;
      await tensor.writeData(out);
      const wrote = out.written - start;
      if (wrote !== sizes[i]) throw new Error(`GGUF writer: tensor ${tensor.name} (${tensor.type} ${tensor.dims.join('×')}) wrote ${wrote} bytes, expected ${sizes[i]}`);
      await out.zeros(padTo(wrote));
    }
    const sha256 = await out.finish();
    // On disk before anyone renames it into place: a crash must not leave a complete-looking empty file.
    await handle.sync();
    options.onData?.(dataBytes, dataBytes);
    return { bytes: header.length + dataBytes, dataOffset: header.length, sha256 };
  } finally {
    await handle.close();
  }
}

/** Writes a complete GGUF file of in-memory F32 tensors; returns its size in bytes. */
export function writeGguf(file: string, metadata: GgufMetadata, tensors: GgufTensor[]): number {
  const { header, offsets, dataBytes } = encodeHeader(metadata, tensors.map((t) => ({ name: t.name, dims: t.dims, type: 'F32' as const })));
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeSync(fd, header);
    tensors.forEach((t, i) => {
      fs.writeSync(fd, new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength), 0, t.data.byteLength, header.length + offsets[i]!);
    });
    // Make the file end on the aligned boundary after the last tensor.
    fs.ftruncateSync(fd, header.length + dataBytes);
    return header.length + dataBytes;
  } finally {
    fs.closeSync(fd);
  }
}
