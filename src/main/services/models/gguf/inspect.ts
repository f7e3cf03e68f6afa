/**
 * Reads and checks a GGUF file's header without loading the model: magic, version, architecture,
 * name, parameter tensors and whether the file is as long as its tensors say (a cut-off download).
 * Every failure is a ModelFileError with a code and a sentence a user can act on.
 */
import fs from 'node:fs';

export type ModelFileErrorCode = 'MISSING' | 'NOT_GGUF' | 'UNSUPPORTED_VERSION' | 'TRUNCATED' | 'WRONG_ARCHITECTURE';

export class ModelFileError extends Error {
  constructor(readonly code: ModelFileErrorCode, message: string) {
    super(message);
  }
}

/** Architectures DAGGER (a Gemma-3 fine-tune) and its fallbacks use. */
export const SUPPORTED_ARCHITECTURES = ['gemma3'] as const;

export interface GgufSummary {
  path: string;
  sizeBytes: number;
  version: number;
  architecture: string | null;
  name: string | null;
  tensorCount: number;
  /** Bytes the header + tensor data need; null when a tensor type is unknown to us. */
  expectedBytes: number | null;
  contextLength: number | null;
  blockCount: number | null;
}

/** ggml type id → [elements per block, bytes per block] (ggml.c type traits). */
const GGML_BLOCKS: Record<number, [number, number]> = {
  0: [1, 4], 1: [1, 2], 2: [32, 18], 3: [32, 20], 6: [32, 22], 7: [32, 24], 8: [32, 34], 9: [32, 36],
  10: [256, 84], 11: [256, 110], 12: [256, 144], 13: [256, 176], 14: [256, 210], 15: [256, 292],
  16: [256, 66], 17: [256, 74], 18: [256, 98], 19: [256, 50], 20: [32, 18], 21: [256, 110], 22: [256, 82],
  23: [256, 136], 24: [1, 1], 25: [1, 2], 26: [1, 4], 27: [1, 8], 28: [1, 8], 29: [256, 56], 30: [1, 2],
  34: [256, 54], 35: [256, 66], 39: [32, 17],
};

class EndOfFile extends Error {}

/** A metadata value type GGUF does not define: the header is damaged (or not GGUF at all). */
class UnknownValueType extends Error {
  constructor(readonly type: number, readonly what: 'value' | 'array item') {
    super(`unknown GGUF ${what} type ${type}`);
  }
}

/** Sequential reader over a file descriptor, pulling chunks on demand (headers can be many MB). */
class HeaderReader {
  private buf = Buffer.alloc(0);
  private bufStart = 0;
  pos = 0;
  constructor(private readonly fd: number, private readonly size: number) {}

  private need(n: number): Buffer {
    if (this.pos + n > this.size) throw new EndOfFile();
    const end = this.bufStart + this.buf.length;
    if (this.pos < this.bufStart || this.pos + n > end) {
      const length = Math.min(Math.max(n, 1 << 20), this.size - this.pos);
      this.buf = Buffer.alloc(length);
      fs.readSync(this.fd, this.buf, 0, length, this.pos);
      this.bufStart = this.pos;
    }
    const at = this.pos - this.bufStart;
    this.pos += n;
    return this.buf.subarray(at, at + n);
  }
  /** The 4-byte magic as text. */
  need4(): string { return this.need(4).toString('latin1'); }
  u8() { return this.need(1).readUInt8(0); }
  u32() { return this.need(4).readUInt32LE(0); }
  u64() { return Number(this.need(8).readBigUInt64LE(0)); }
  string() { return this.need(this.u64()).toString('utf8'); }
  skip(n: number) { this.need(0); this.pos += n; if (this.pos > this.size) throw new EndOfFile(); }

  /** Reads a metadata value; scalars and strings are returned, arrays skipped (returned as null). */
  value(type: number): string | number | boolean | null {
    const scalarSizes: Record<number, number> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 };
    if (type === 8) return this.string();
    if (type === 4) return this.u32();
    if (type === 10) return this.u64();
    if (type === 7) return this.u8() !== 0;
    if (type === 9) {
      const itemType = this.u32();
      const count = this.u64();
      if (itemType === 8) for (let i = 0; i < count; i++) this.skip(this.u64());
      else if (scalarSizes[itemType] !== undefined) this.skip(count * scalarSizes[itemType]);
      else throw new UnknownValueType(itemType, 'array item');
      return null;
    }
    const size = scalarSizes[type];
    if (size === undefined) throw new UnknownValueType(type, 'value');
    this.skip(size);
    return null;
  }
}

/** Reads the header. Throws ModelFileError for a missing, non-GGUF, unsupported or truncated file. */
export function inspectGguf(file: string): GgufSummary {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new ModelFileError('MISSING', `model file not found: ${file}`);
  }
  if (!stat.isFile()) throw new ModelFileError('MISSING', `not a file: ${file}`);
  const fd = fs.openSync(file, 'r');
  try {
    const r = new HeaderReader(fd, stat.size);
    try {
      if (stat.size < 4 || r.need4() !== 'GGUF') {
        throw new ModelFileError('NOT_GGUF', `${file} is not a GGUF model file (it does not start with "GGUF"); DAGGER Tutor needs a .gguf file converted with llama.cpp`);
      }
      const version = r.u32();
      if (version !== 2 && version !== 3) throw new ModelFileError('UNSUPPORTED_VERSION', `${file} uses GGUF version ${version}; only versions 2 and 3 are supported`);
      const tensorCount = r.u64();
      const kvCount = r.u64();
      const meta: Record<string, string | number | boolean | null> = {};
      for (let i = 0; i < kvCount; i++) {
        const key = r.string();
        try {
          meta[key] = r.value(r.u32());
        } catch (error) {
          if (!(error instanceof UnknownValueType)) throw error;
          throw new ModelFileError('NOT_GGUF', `${file} is damaged: its metadata entry "${key.slice(0, 100)}" has ${error.what} type ${error.type}, which GGUF does not define; download or convert the model again`);
        }
      }
      const alignment = typeof meta['general.alignment'] === 'number' ? meta['general.alignment'] : 32;
      let dataBytes: number | null = 0;
      for (let i = 0; i < tensorCount; i++) {
        r.string();
        const dims = r.u32();
        let elements = 1;
        for (let d = 0; d < dims; d++) elements *= r.u64();
        const block = GGML_BLOCKS[r.u32()];
        const offset = r.u64();
        if (dataBytes !== null && block) dataBytes = Math.max(dataBytes, offset + (elements / block[0]) * block[1]);
        else dataBytes = null;
      }
      const dataStart = Math.ceil(r.pos / alignment) * alignment;
      const architecture = typeof meta['general.architecture'] === 'string' ? meta['general.architecture'] : null;
      const archNumber = (key: string) => (architecture && typeof meta[`${architecture}.${key}`] === 'number' ? (meta[`${architecture}.${key}`] as number) : null);
      const summary: GgufSummary = {
        path: file,
        sizeBytes: stat.size,
        version,
        architecture,
        name: typeof meta['general.name'] === 'string' ? meta['general.name'] : null,
        tensorCount,
        expectedBytes: dataBytes === null ? null : dataStart + dataBytes,
        contextLength: archNumber('context_length'),
        blockCount: archNumber('block_count'),
      };
      if (summary.expectedBytes !== null && stat.size < summary.expectedBytes) throw truncated(file, stat.size, summary.expectedBytes);
      return summary;
    } catch (error) {
      if (error instanceof EndOfFile) throw truncated(file, stat.size, null);
      throw error;
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** Like inspectGguf, and also refuses architectures DAGGER Tutor cannot use. */
export function validateModelFile(file: string): GgufSummary {
  const summary = inspectGguf(file);
  if (!summary.architecture || !(SUPPORTED_ARCHITECTURES as readonly string[]).includes(summary.architecture)) {
    throw new ModelFileError(
      'WRONG_ARCHITECTURE',
      `${file} is a "${summary.architecture ?? 'unknown'}" model; DAGGER Tutor needs a Gemma-3 (gemma3) model such as DAGGER 12B or 4B`,
    );
  }
  return summary;
}

function truncated(file: string, size: number, expected: number | null): ModelFileError {
  return new ModelFileError('TRUNCATED', `${file} is incomplete (${size} bytes${expected ? ` of ${expected}` : ''}): the download or copy was cut off; download or copy it again`);
}
