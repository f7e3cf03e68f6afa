/**
 * The ggml tensor types the converter and the GGUF writer deal in: their ids in a GGUF file and
 * their block layout (ggml.c `type_traits`). A quantised row is a whole number of blocks.
 */
export const GGML_TYPES = {
  F32: { id: 0, blockElements: 1, blockBytes: 4 },
  F16: { id: 1, blockElements: 1, blockBytes: 2 },
  Q5_0: { id: 6, blockElements: 32, blockBytes: 22 },
  Q8_0: { id: 8, blockElements: 32, blockBytes: 34 },
  Q4_K: { id: 12, blockElements: 256, blockBytes: 144 },
  Q6_K: { id: 14, blockElements: 256, blockBytes: 210 },
  BF16: { id: 30, blockElements: 1, blockBytes: 2 },
} as const;

export type GgmlType = keyof typeof GGML_TYPES;

export function isGgmlType(name: string): name is GgmlType {
  return Object.hasOwn(GGML_TYPES, name);
}

export function ggmlTypeName(id: number): GgmlType | null {
  for (const [name, traits] of Object.entries(GGML_TYPES)) if (traits.id === id) return name as GgmlType;
  return null;
}

/** Bytes one row of `rowLength` elements takes; throws when the row is not a whole number of blocks. */
export function ggmlRowBytes(type: GgmlType, rowLength: number): number {
  const { blockElements, blockBytes } = GGML_TYPES[type];
  if (rowLength % blockElements !== 0) throw new Error(`a ${type} row must be a multiple of ${blockElements} values, not ${rowLength}`);
  return (rowLength / blockElements) * blockBytes;
}

/** Bytes a tensor of ggml dims (dims[0] = row length) takes in type `type`. */
export function ggmlTensorBytes(type: GgmlType, dims: readonly number[]): number {
  const rows = dims.slice(1).reduce((a, b) => a * b, 1);
  return ggmlRowBytes(type, dims[0] ?? 1) * rows;
}
