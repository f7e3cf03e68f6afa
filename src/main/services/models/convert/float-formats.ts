/**
 * Conversions between the 16- and 32-bit float formats of checkpoints and GGUF files, bit-exact
 * with what numpy (f16) and gguf-py (bf16) do: round to nearest, ties to even, subnormals kept.
 * Every 16-bit source value is looked up in a 65,536-entry table built once, so converting a
 * tensor costs one array read per value.
 */
import type { SourceDtype } from './safetensors.js';

/** float32 bit pattern → float16 bit pattern, round to nearest even (numpy's astype(float16)). */
export function f32BitsToF16Bits(bits: number): number {
  const sign = (bits >>> 16) & 0x8000;
  const exponent = (bits >>> 23) & 0xff;
  const mantissa = bits & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa !== 0 ? 0x200 | (mantissa >>> 13) : 0);
  const halfExponent = exponent - 127 + 15;
  if (halfExponent >= 0x1f) return sign | 0x7c00;
  if (halfExponent <= 0) {
    // Subnormal half: the value in units of 2^-24 is the full significand shifted right.
    const shift = 126 - exponent;
    if (shift > 24) return sign;
    const significand = mantissa | 0x800000;
    let q = significand >>> shift;
    const rest = significand & ((1 << shift) - 1);
    const half = 1 << (shift - 1);
    if (rest > half || (rest === half && (q & 1) === 1)) q++;
    return sign | q;
  }
  let h = (halfExponent << 10) | (mantissa >>> 13);
  const rest = mantissa & 0x1fff;
  // A carry out of the mantissa correctly bumps the exponent (up to infinity).
  if (rest > 0x1000 || (rest === 0x1000 && (h & 1) === 1)) h++;
  return sign | h;
}

/** float32 bit pattern → bfloat16 bit pattern, round to nearest even, NaN kept quiet (gguf-py's rule). */
export function f32BitsToBf16Bits(bits: number): number {
  if ((bits & 0x7fffffff) > 0x7f800000) return ((bits >>> 16) & 0xffff) | 0x40;
  return ((bits + 0x7fff + ((bits >>> 16) & 1)) >>> 16) & 0xffff;
}

/** float16 bit pattern → float32 bit pattern (exact). */
export function f16BitsToF32Bits(h: number): number {
  const sign = (h & 0x8000) << 16;
  const exponent = (h >>> 10) & 0x1f;
  let mantissa = h & 0x3ff;
  if (exponent === 0x1f) return (sign | 0x7f800000 | (mantissa << 13)) >>> 0;
  if (exponent !== 0) return (sign | ((exponent - 15 + 127) << 23) | (mantissa << 13)) >>> 0;
  if (mantissa === 0) return sign >>> 0;
  // Subnormal: normalise.
  let e = -14;
  while ((mantissa & 0x400) === 0) {
    mantissa <<= 1;
    e--;
  }
  return (sign | ((e + 127) << 23) | ((mantissa & 0x3ff) << 13)) >>> 0;
}

let tables: { bf16ToF16: Uint16Array; f16ToBf16: Uint16Array; f16ToF32: Uint32Array } | null = null;

function lookupTables() {
  if (!tables) {
    const bf16ToF16 = new Uint16Array(65536);
    const f16ToBf16 = new Uint16Array(65536);
    const f16ToF32 = new Uint32Array(65536);
    for (let v = 0; v < 65536; v++) {
      bf16ToF16[v] = f32BitsToF16Bits((v << 16) >>> 0);
      f16ToF32[v] = f16BitsToF32Bits(v);
      f16ToBf16[v] = f32BitsToBf16Bits(f16ToF32[v]!);
    }
    tables = { bf16ToF16, f16ToBf16, f16ToF32 };
  }
  return tables;
}

/** The output encodings a float tensor can be written in. */
export type FloatTarget = 'F32' | 'F16' | 'BF16';

const TARGET_BYTES: Record<FloatTarget, number> = { F32: 4, F16: 2, BF16: 2 };

export function targetBytes(target: FloatTarget): number {
  return TARGET_BYTES[target];
}

/**
 * Converts `count` little-endian values from `source` (dtype `from`) into `out` (format `to`).
 * `out` must hold count × targetBytes(to) bytes; it may not overlap `source`.
 */
export function convertFloats(source: Uint8Array, from: SourceDtype, out: Uint8Array, to: FloatTarget, count: number): void {
  if (from === to) {
    out.set(source.subarray(0, count * TARGET_BYTES[to]));
    return;
  }
  const t = lookupTables();
  // One view per source width; the other is empty and unused.
  const src16 = new Uint16Array(source.buffer, source.byteOffset, from === 'F32' ? 0 : count);
  const src32 = new Uint32Array(source.buffer, source.byteOffset, from === 'F32' ? count : 0);
  if (to === 'F32') {
    const dst = new Uint32Array(out.buffer, out.byteOffset, count);
    if (from === 'BF16') for (let i = 0; i < count; i++) dst[i] = src16[i]! << 16;
    else for (let i = 0; i < count; i++) dst[i] = t.f16ToF32[src16[i]!]!;
    return;
  }
  const dst = new Uint16Array(out.buffer, out.byteOffset, count);
  if (to === 'F16') {
    if (from === 'BF16') for (let i = 0; i < count; i++) dst[i] = t.bf16ToF16[src16[i]!]!;
    else for (let i = 0; i < count; i++) dst[i] = f32BitsToF16Bits(src32[i]!);
  } else {
    if (from === 'F16') for (let i = 0; i < count; i++) dst[i] = t.f16ToBf16[src16[i]!]!;
    else for (let i = 0; i < count; i++) dst[i] = f32BitsToBf16Bits(src32[i]!);
  }
}

/** Decodes `count` values into float32 (exact for every source dtype). */
export function toFloat32(source: Uint8Array, from: SourceDtype, out: Float32Array, count: number): void {
  convertFloats(source, from, new Uint8Array(out.buffer, out.byteOffset, count * 4), 'F32', count);
}
