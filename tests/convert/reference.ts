/**
 * The gemma3-tiny fixture (tests/fixtures/gemma3-tiny, a copy of ../shared/fixtures/gemma3-tiny)
 * and a comparison of a GGUF with the manifests of what llama.cpp's own converter and quantiser
 * made from it: tensors (names, shapes, types, data SHA-256) and metadata (keys, types, values).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readGguf, tensorRange, type GgufReadValue } from '../../src/main/services/models/gguf/reader.js';

export const FIXTURE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'gemma3-tiny');
export const CHECKPOINT_DIR = path.join(FIXTURE_ROOT, 'gemma3-tiny-text');
export const REFERENCE_DIR = path.join(FIXTURE_ROOT, 'reference');

export interface ManifestValue {
  type: string;
  item_type?: string;
  value: unknown;
}

export interface Manifest {
  metadata: Record<string, ManifestValue>;
  metadata_general_provenance: Record<string, ManifestValue>;
  tensors: Array<{ name: string; shape: number[]; type: string; sha256: string }>;
}

export function readReference<T>(name: string): T {
  return JSON.parse(fs.readFileSync(path.join(REFERENCE_DIR, name), 'utf8')) as T;
}

export function readManifest(quant: string): Manifest {
  return readReference<Manifest>(`gemma3-tiny-text-${quant}.manifest.json`);
}

function sameValue(a: ManifestValue, b: GgufReadValue): boolean {
  if (a.type !== b.type || (a.item_type ?? undefined) !== b.itemType) return false;
  // JSON numbers of float32 values are their exact double values, so === compares bit for bit.
  return JSON.stringify(a.value) === JSON.stringify(b.value);
}

/** Every way `file` differs from the manifest (empty when equivalent); provenance keys excepted. */
export function differencesFromManifest(file: string, manifest: Manifest): string[] {
  const gguf = readGguf(file);
  const out: string[] = [];
  const provenance = new Set(Object.keys(manifest.metadata_general_provenance));
  for (const [key, expected] of Object.entries(manifest.metadata)) {
    if (provenance.has(key)) continue;
    const actual = gguf.metadata.get(key);
    if (!actual) out.push(`metadata ${key} missing`);
    else if (!sameValue(expected, actual)) out.push(`metadata ${key}: ${JSON.stringify(actual).slice(0, 200)} ≠ reference ${JSON.stringify(expected).slice(0, 200)}`);
  }
  for (const key of gguf.metadata.keys()) {
    if (!(key in manifest.metadata) && !provenance.has(key)) out.push(`metadata ${key} is not in the reference`);
  }
  const fd = fs.openSync(file, 'r');
  try {
    const byName = new Map(gguf.tensors.map((t) => [t.name, t]));
    for (const expected of manifest.tensors) {
      const t = byName.get(expected.name);
      if (!t) {
        out.push(`tensor ${expected.name} missing`);
        continue;
      }
      if (t.dims.join(',') !== expected.shape.join(',')) out.push(`tensor ${t.name} dims ${t.dims.join('×')} ≠ ${expected.shape.join('×')}`);
      if (t.type !== expected.type) out.push(`tensor ${t.name} type ${t.type} ≠ ${expected.type}`);
      const range = tensorRange(gguf, t);
      if (!range) continue;
      const bytes = Buffer.alloc(range.length);
      fs.readSync(fd, bytes, 0, range.length, range.start);
      const sha = crypto.createHash('sha256').update(bytes).digest('hex');
      if (sha !== expected.sha256) out.push(`tensor ${t.name} (${t.type}) data differs`);
    }
    if (gguf.tensors.length !== manifest.tensors.length) out.push(`${gguf.tensors.length} tensors, reference has ${manifest.tensors.length}`);
  } finally {
    fs.closeSync(fd);
  }
  return out;
}
