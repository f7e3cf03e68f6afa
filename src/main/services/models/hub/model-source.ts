/**
 * Where an installed model came from, kept beside it as `<file>.gguf.source.json`: the Hub
 * repository, the revision asked for and the commit it was pinned to, the output type, the
 * GGUF's SHA-256 and every source file with the SHA-256 it was checked against. The model list
 * shows it; a file imported or downloaded as a GGUF has none.
 */
import fs from 'node:fs';
import { z } from 'zod';

const modelSourceSchema = z.object({
  repo: z.string(),
  revision: z.string(),
  commit: z.string(),
  quant: z.string(),
  /** SHA-256 of the installed GGUF. */
  sha256: z.string(),
  bytes: z.number(),
  tensors: z.number(),
  files: z.array(z.object({ path: z.string(), size: z.number(), sha256: z.string().nullable() })),
  convertedAt: z.string(),
  seconds: z.number(),
});
export type ModelSource = z.infer<typeof modelSourceSchema>;

export function sourceRecordPath(gguf: string): string {
  return `${gguf}.source.json`;
}

/** The record beside `gguf`, or null when there is none or it cannot be read (never an error). */
export function readModelSource(gguf: string): ModelSource | null {
  try {
    const parsed = modelSourceSchema.safeParse(JSON.parse(fs.readFileSync(sourceRecordPath(gguf), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function writeModelSource(gguf: string, source: ModelSource): void {
  const file = sourceRecordPath(gguf);
  fs.writeFileSync(`${file}.tmp`, `${JSON.stringify(source, null, 2)}\n`);
  fs.renameSync(`${file}.tmp`, file);
}
