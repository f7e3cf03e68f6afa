/** The model catalog (resources/models/catalog.json), validated on load: it is data, edited by hand. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const entrySchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  family: z.string().min(1),
  architecture: z.string().min(1),
  quantization: z.string().min(1),
  sizeBytes: z.number().int().positive(),
  memoryBytes: z.number().int().positive(),
  recommended: z.boolean(),
  source: z.string().url(),
  /** `hf:owner/repo/file.gguf` or https URL; null when no GGUF is published. */
  url: z.string().nullable(),
  fileName: z.string().regex(/^[^/\\]+\.gguf$/),
  instructions: z.string().optional(),
  /** A Hugging Face checkpoint the app downloads and converts itself (`models get`). */
  hub: z.object({ repo: z.string().regex(/^[^/\s]+\/[^/\s]+$/), quant: z.enum(['Q4_K_M', 'Q8_0', 'F16', 'BF16', 'F32']) }).optional(),
});
const catalogSchema = z.object({ about: z.string().optional(), models: z.array(entrySchema).min(1) });

export type CatalogModel = z.infer<typeof entrySchema>;

/** resources/models/catalog.json, found relative to this file in the source tree. */
export const DEFAULT_CATALOG_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../resources/models/catalog.json');

export function loadCatalog(file: string = DEFAULT_CATALOG_PATH): CatalogModel[] {
  const parsed = catalogSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`model catalog ${file} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data.models;
}

/** `hf:owner/repo/path/file.gguf` → the Hugging Face download URL; other URLs unchanged. */
export function resolveDownloadUrl(uri: string): string {
  if (!uri.startsWith('hf:')) return uri;
  const [owner, repo, ...file] = uri.slice(3).split('/');
  if (!owner || !repo || file.length === 0) throw new Error(`not a valid hf: URI (hf:owner/repo/file.gguf): ${uri}`);
  return `https://huggingface.co/${owner}/${repo}/resolve/main/${file.join('/')}`;
}
