/**
 * Reads a GGUF file's whole header: every metadata value (arrays included) and every tensor's
 * name, dims, type and offset. Used to verify a converted file and to compare it with llama.cpp's.
 * Tensor data is not read here; `tensorRange` says where a tensor's bytes are.
 */
import fs from 'node:fs';
import { ggmlTensorBytes, ggmlTypeName, type GgmlType } from './ggml-types.js';

/** GGUF value type names as gguf-py prints them. */
const VALUE_TYPES = ['UINT8', 'INT8', 'UINT16', 'INT16', 'UINT32', 'INT32', 'FLOAT32', 'BOOL', 'STRING', 'ARRAY', 'UINT64', 'INT64', 'FLOAT64'] as const;
export type GgufValueTypeName = (typeof VALUE_TYPES)[number];

export type GgufScalar = number | boolean | string;
export interface GgufReadValue {
  type: GgufValueTypeName;
  /** Set for arrays. */
  itemType?: GgufValueTypeName;
  value: GgufScalar | GgufScalar[];
}

export interface GgufReadTensor {
  name: string;
  dims: number[];
  /** Null for a ggml type this project does not write. */
  type: GgmlType | null;
  typeId: number;
  /** Offset inside the data section. */
  offset: number;
}

export interface GgufFile {
  version: number;
  metadata: Map<string, GgufReadValue>;
  tensors: GgufReadTensor[];
  alignment: number;
  /** Absolute offset of the data section. */
  dataOffset: number;
  sizeBytes: number;
}

class Cursor {
  private buf = Buffer.alloc(0);
  private bufStart = 0;
  pos = 0;
  constructor(private readonly fd: number, private readonly size: number) {}

  private take(n: number): Buffer {
    if (this.pos + n > this.size) throw new Error(`the header runs past the end of the file at byte ${this.pos}`);
    if (this.pos < this.bufStart || this.pos + n > this.bufStart + this.buf.length) {
      const length = Math.min(Math.max(n, 4 << 20), this.size - this.pos);
      this.buf = Buffer.alloc(length);
      fs.readSync(this.fd, this.buf, 0, length, this.pos);
      this.bufStart = this.pos;
    }
    const at = this.pos - this.bufStart;
    this.pos += n;
    return this.buf.subarray(at, at + n);
  }
  u32(): number { return this.take(4).readUInt32LE(0); }
  u64(): number {
    const v = this.take(8).readBigUInt64LE(0);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`a 64-bit count or size is implausibly large (${v})`);
    return Number(v);
  }
  string(): string { return this.take(this.u64()).toString('utf8'); }

  scalar(type: GgufValueTypeName): GgufScalar {
    switch (type) {
      case 'UINT8': return this.take(1).readUInt8(0);
      case 'INT8': return this.take(1).readInt8(0);
      case 'UINT16': return this.take(2).readUInt16LE(0);
      case 'INT16': return this.take(2).readInt16LE(0);
      case 'UINT32': return this.take(4).readUInt32LE(0);
      case 'INT32': return this.take(4).readInt32LE(0);
      case 'FLOAT32': return this.take(4).readFloatLE(0);
      case 'BOOL': return this.take(1).readUInt8(0) !== 0;
      case 'STRING': return this.string();
      case 'UINT64': return Number(this.take(8).readBigUInt64LE(0));
      case 'INT64': return Number(this.take(8).readBigInt64LE(0));
      case 'FLOAT64': return this.take(8).readDoubleLE(0);
      case 'ARRAY': throw new Error('nested arrays are not supported');
    }
  }

  valueType(): GgufValueTypeName {
    const id = this.u32();
    const name = VALUE_TYPES[id];
    if (!name) throw new Error(`unknown metadata value type ${id}`);
    return name;
  }
}

/** Reads the header of `file`; throws with a plain reason when it is not a readable GGUF. */
export function readGguf(file: string): GgufFile {
  const fd = fs.openSync(file, 'r');
  try {
    const sizeBytes = fs.fstatSync(fd).size;
    const c = new Cursor(fd, sizeBytes);
    if (c.u32() !== 0x46554747) throw new Error('it does not start with "GGUF"');
    const version = c.u32();
    if (version !== 3) throw new Error(`it is GGUF version ${version}, not 3`);
    const tensorCount = c.u64();
    const kvCount = c.u64();
    const metadata = new Map<string, GgufReadValue>();
    for (let i = 0; i < kvCount; i++) {
      const key = c.string();
      if (metadata.has(key)) throw new Error(`metadata key ${key} appears twice`);
      const type = c.valueType();
      if (type === 'ARRAY') {
        const itemType = c.valueType();
        const count = c.u64();
        const value: GgufScalar[] = new Array(count);
        for (let j = 0; j < count; j++) value[j] = c.scalar(itemType);
        metadata.set(key, { type, itemType, value });
      } else {
        metadata.set(key, { type, value: c.scalar(type) });
      }
    }
    const tensors: GgufReadTensor[] = [];
    for (let i = 0; i < tensorCount; i++) {
      const name = c.string();
      const nDims = c.u32();
      const dims: number[] = [];
      for (let d = 0; d < nDims; d++) dims.push(c.u64());
      const typeId = c.u32();
      tensors.push({ name, dims, typeId, type: ggmlTypeName(typeId), offset: c.u64() });
    }
    const alignmentValue = metadata.get('general.alignment')?.value;
    const alignment = typeof alignmentValue === 'number' ? alignmentValue : 32;
    const dataOffset = Math.ceil(c.pos / alignment) * alignment;
    return { version, metadata, tensors, alignment, dataOffset, sizeBytes };
  } finally {
    fs.closeSync(fd);
  }
}

/** Where a tensor's bytes are in the file, when its type is one this project knows. */
export function tensorRange(gguf: GgufFile, tensor: GgufReadTensor): { start: number; length: number } | null {
  if (!tensor.type) return null;
  return { start: gguf.dataOffset + tensor.offset, length: ggmlTensorBytes(tensor.type, tensor.dims) };
}

/**
 * Layout problems llama.cpp would trip on: offsets not aligned, overlapping or with gaps
 * (contiguous means each tensor starts at the previous end rounded up to the alignment), a type we
 * cannot size, or a file shorter or longer than its tensors.
 */
export function layoutProblems(gguf: GgufFile): string[] {
  const problems: string[] = [];
  let expected = 0;
  for (const t of gguf.tensors) {
    if (!t.type) {
      problems.push(`${t.name} has ggml type ${t.typeId}, which is not one this app writes`);
      return problems;
    }
    if (t.offset % gguf.alignment !== 0) problems.push(`${t.name} starts at ${t.offset}, not a multiple of ${gguf.alignment}`);
    if (t.offset !== expected) problems.push(`${t.name} starts at ${t.offset}, expected ${expected} (offsets must be contiguous)`);
    const bytes = ggmlTensorBytes(t.type, t.dims);
    expected = t.offset + bytes + ((gguf.alignment - (bytes % gguf.alignment)) % gguf.alignment);
  }
  const end = gguf.dataOffset + expected;
  if (gguf.sizeBytes < end) problems.push(`the file is ${gguf.sizeBytes} bytes, its tensors need ${end}`);
  return problems;
}
