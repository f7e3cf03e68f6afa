/**
 * llama.cpp's own quantiser, called in the `libggml-base` that node-llama-cpp's prebuilt binaries
 * ship (through koffi, a foreign-function library): `ggml_quantize_chunk` turns float32 rows
 * into Q8_0 / Q4_K / Q6_K blocks exactly as llama-quantize does. Where the library cannot be
 * found or loaded, the float outputs still work and the quantised ones are refused with the reason.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import koffi from 'koffi';
import { GGML_TYPES, ggmlRowBytes, type GgmlType } from '../gguf/ggml-types.js';

export interface GgmlQuantiser {
  /** The library file in use. */
  file: string;
  /**
   * Quantises `rows` rows of `rowLength` float32 values from `source` into `target` (which must
   * hold rows × ggmlRowBytes(type, rowLength) bytes). Runs on a libuv worker thread.
   */
  quantize(type: GgmlType, source: Float32Array, target: Uint8Array, rows: number, rowLength: number): Promise<void>;
}

/** Set to a libggml-base file to use that one instead of node-llama-cpp's. */
export const GGML_LIBRARY_ENV = 'DAGGER_GGML_LIBRARY';

const LIBRARY_FILE: Partial<Record<NodeJS.Platform, string>> = { linux: 'libggml-base.so', darwin: 'libggml-base.dylib', win32: 'ggml-base.dll' };
/** node-llama-cpp's names for platforms in its binary package names (@node-llama-cpp/<name>-<arch>[-gpu]). */
const PACKAGE_PLATFORM: Partial<Record<NodeJS.Platform, string>> = { linux: 'linux', darwin: 'mac', win32: 'win' };

/** Where node-llama-cpp's prebuilt libggml-base files for this platform are, plain CPU build first. */
export function findGgmlLibraryCandidates(): string[] {
  const fromEnv = process.env[GGML_LIBRARY_ENV];
  if (fromEnv) return [fromEnv];
  const fileName = LIBRARY_FILE[process.platform];
  const platform = PACKAGE_PLATFORM[process.platform];
  if (!fileName || !platform) return [];
  let scopeDir: string;
  try {
    // node-llama-cpp's entry is <root>/dist/index.js; its binary packages are its optional
    // dependencies, installed beside it under @node-llama-cpp.
    const entry = createRequire(import.meta.url).resolve('node-llama-cpp');
    let root = path.dirname(entry);
    while (path.basename(root) !== 'node-llama-cpp' && path.dirname(root) !== root) root = path.dirname(root);
    // In a packaged Electron app native libraries live beside the archive, in app.asar.unpacked.
    scopeDir = path.join(root, '..', '@node-llama-cpp').replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`);
  } catch {
    return [];
  }
  const prefix = `${platform}-${process.arch}`;
  const packages = fs.existsSync(scopeDir) ? fs.readdirSync(scopeDir).filter((d) => d === prefix || d.startsWith(`${prefix}-`)) : [];
  packages.sort((a, b) => a.length - b.length);
  return packages.map((p) => path.join(scopeDir, p, 'bins', p, fileName)).filter((file) => fs.existsSync(file));
}

type AsyncCallback = (error: unknown, result: unknown) => void;
interface AsyncForeignFunction {
  async(...args: unknown[]): void;
}

let loaded: { quantiser: GgmlQuantiser | null; reason: string | null } | null = null;

function load(): { quantiser: GgmlQuantiser | null; reason: string | null } {
  const candidates = findGgmlLibraryCandidates();
  if (candidates.length === 0) {
    return { quantiser: null, reason: `llama.cpp's libggml-base was not found among node-llama-cpp's installed binaries for ${process.platform}-${process.arch}` };
  }
  const failures: string[] = [];
  for (const file of candidates) {
    try {
      const lib = koffi.load(file);
      const chunk = lib.func(
        'size_t ggml_quantize_chunk(int type, const float *src, void *dst, int64_t start, int64_t nrows, int64_t n_per_row, const float *imatrix)',
      ) as unknown as AsyncForeignFunction;
      const quantize = (type: GgmlType, source: Float32Array, target: Uint8Array, rows: number, rowLength: number) => {
        const expected = rows * ggmlRowBytes(type, rowLength);
        if (source.length < rows * rowLength || target.byteLength < expected) return Promise.reject(new Error('quantize: buffers too small'));
        return new Promise<void>((resolve, reject) => {
          const done: AsyncCallback = (error, written) => {
            if (error) reject(error instanceof Error ? error : new Error(String(error)));
            else if (Number(written) !== expected) reject(new Error(`ggml_quantize_chunk wrote ${String(written)} bytes, expected ${expected}`));
            else resolve();
          };
          chunk.async(GGML_TYPES[type].id, source, target, 0, rows, rowLength, null, done);
        });
      };
      return { quantiser: { file, quantize }, reason: null };
    } catch (error) {
      failures.push(`${file}: ${(error as Error).message}`);
    }
  }
  return { quantiser: null, reason: `llama.cpp's libggml-base could not be loaded (${failures.join('; ')})` };
}

/** The quantiser, or null with the reason it is unavailable. Loaded once per process (or worker). */
export function ggmlQuantiser(): { quantiser: GgmlQuantiser | null; reason: string | null } {
  loaded ??= load();
  return loaded;
}
