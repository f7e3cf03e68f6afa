/**
 * A minimal GGUF (v3) writer: metadata key/values plus F32 tensors.
 *
 * It exists only to generate the deterministic random-weight test model (no network here, and a
 * GGUF is never committed). Layout per ggml's docs/gguf.md: header, metadata, tensor infos,
 * padding to `general.alignment`, then each tensor's data at an aligned offset.
 */
import fs from 'node:fs';

/** GGUF metadata value types (gguf.md `gguf_metadata_value_type`). */
const T = { uint32: 4, int32: 5, float32: 6, bool: 7, string: 8, array: 9, uint64: 10 } as const;
const GGML_TYPE_F32 = 0;
export const GGUF_ALIGNMENT = 32;

/** A metadata value, tagged with its GGUF type so numbers are written with the width llama.cpp expects. */
export type GgufValue =
  | { type: 'uint32' | 'int32' | 'float32' | 'uint64'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'string'; value: string }
  | { type: 'array'; itemType: 'string'; value: string[] }
  | { type: 'array'; itemType: 'int32' | 'float32'; value: number[] };

export interface GgufTensor {
  name: string;
  /** ggml order: dims[0] is the fastest-varying (row length). */
  dims: number[];
  data: Float32Array;
}

/** Growable little-endian byte buffer. */
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

/** Writes a complete GGUF file. Tensor data is streamed so large benchmark models stay cheap on memory. */
export function writeGguf(file: string, metadata: Record<string, GgufValue>, tensors: GgufTensor[]): number {
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
  for (const t of tensors) {
    head.str(t.name);
    head.u32(t.dims.length);
    for (const d of t.dims) head.u64(d);
    head.u32(GGML_TYPE_F32);
    head.u64(offset);
    offsets.push(offset);
    offset += t.data.byteLength;
    offset += (GGUF_ALIGNMENT - (offset % GGUF_ALIGNMENT)) % GGUF_ALIGNMENT;
  }
  head.pad(GGUF_ALIGNMENT);

  const fd = fs.openSync(file, 'w');
  try {
    fs.writeSync(fd, head.bytes());
    const dataStart = head.length;
    tensors.forEach((t, i) => {
      fs.writeSync(fd, new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength), 0, t.data.byteLength, dataStart + offsets[i]!);
    });
    // Make the file end on the aligned boundary after the last tensor.
    fs.ftruncateSync(fd, dataStart + offset);
    return dataStart + offset;
  } finally {
    fs.closeSync(fd);
  }
}
