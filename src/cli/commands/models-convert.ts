/**
 * `dagger-tutor models convert <folder> --quant Q --out FILE [--json]`: a local Hugging Face
 * Gemma-3 checkpoint converted (and quantised) to a verified GGUF, with progress on stderr.
 * Ctrl+C cancels and leaves nothing behind.
 */
import path from 'node:path';
import { convertCheckpoint, isOutputType, OUTPUT_TYPES, type ConvertProgress } from '../../main/services/models/convert/index.js';
import { UsageError } from '../command.js';

export interface ModelsConvertArgs {
  folder: string;
  quant: string | undefined;
  out: string | undefined;
  err: (text: string) => void;
}

export interface ModelsConvertResult {
  ok: true;
  out: string;
  quant: string;
  tensors: number;
  bytes: number;
  seconds: number;
}

export async function runModelsConvert(args: ModelsConvertArgs): Promise<ModelsConvertResult> {
  const quant = args.quant ?? 'Q4_K_M';
  if (!isOutputType(quant)) throw new UsageError(`--quant must be one of ${OUTPUT_TYPES.join(', ')}, not "${quant}"`);
  if (!args.out) throw new UsageError('"models convert" needs --out FILE (the .gguf to write)');
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  let shown = '';
  const onProgress = (p: ConvertProgress) => {
    const line = `\r${p.stage}: ${p.totalBytes > 0 ? Math.floor((p.doneBytes / p.totalBytes) * 100) : 100} %` +
      (p.stage === 'verify' ? '' : ` (${(p.doneBytes / 1e6).toFixed(0)} MB of ${(p.totalBytes / 1e6).toFixed(0)} MB read)`);
    // Only when the line changes: one conversion reports thousands of steps.
    if (line !== shown) args.err(`${line}   `);
    shown = line;
  };
  try {
    const result = await convertCheckpoint({ sourceDir: args.folder, outFile: path.resolve(args.out), quant, signal: controller.signal, onProgress });
    return { ok: true, out: result.out, quant: result.quant, tensors: result.tensors, bytes: result.bytes, seconds: Math.round(result.seconds * 10) / 10 };
  } finally {
    if (shown) args.err('\n');
    process.off('SIGINT', onSigint);
  }
}

export function describeConverted(r: ModelsConvertResult): string {
  return `wrote ${r.out} (${r.quant}, ${r.tensors} tensors, ${(r.bytes / 1e9).toFixed(2)} GB) in ${r.seconds} s\n`;
}
