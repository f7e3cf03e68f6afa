/**
 * Which files of a Hugging Face repository the GGUF conversion needs: the config, the weights
 * (safetensors, with their index when sharded), the tokenizer files, the generation config and the
 * chat template. Everything else (READMEs, images, other formats, training logs) stays on the Hub.
 */
import { DownloadError } from '../download.js';
import type { HubFile } from './hub-api.js';

/**
 * Small files read by the converter (only `config.json` must exist). Not tokenizer.json: the
 * converter reads the vocabulary from tokenizer.model, and Gemma-3's tokenizer.json is 33 MB.
 */
const SMALL_FILES = new Set([
  'config.json',
  'generation_config.json',
  'model.safetensors.index.json',
  'tokenizer.model',
  'tokenizer_config.json',
  'special_tokens_map.json',
  'added_tokens.json',
  'chat_template.jinja',
  'chat_template.json',
]);

export interface CheckpointFiles {
  /** Config, index and tokenizer files: fetched first (small; enough for the converter to plan). */
  small: HubFile[];
  /** The safetensors weights, in name order. */
  weights: HubFile[];
}

/**
 * The files to fetch, or a sentence saying why this repository is not a checkpoint the app can
 * convert (no config.json, or no safetensors: e.g. a GGUF-only or PyTorch-.bin-only repository).
 */
export function selectCheckpointFiles(repo: string, files: HubFile[]): CheckpointFiles {
  const topLevel = files.filter((f) => !f.path.includes('/'));
  const small = topLevel.filter((f) => SMALL_FILES.has(f.path));
  const weights = topLevel.filter((f) => f.path.endsWith('.safetensors')).sort((a, b) => a.path.localeCompare(b.path));
  if (!small.some((f) => f.path === 'config.json') || weights.length === 0) {
    throw new DownloadError(
      `${repo} is not a checkpoint in Hugging Face layout (it needs config.json and .safetensors weights${weights.length === 0 && topLevel.some((f) => f.path.endsWith('.gguf')) ? '; it holds GGUF files: download one of those instead' : ''})`,
      'NOT_FOUND', { repo },
    );
  }
  return { small, weights };
}

/**
 * Only the shards a sharded checkpoint's index names (a repository may also hold a stray
 * single-file copy, which would be downloaded for nothing). Without an index every file counts.
 */
export function shardsNamedByIndex(weights: HubFile[], indexJson: unknown): HubFile[] {
  const map = (indexJson as { weight_map?: unknown } | null)?.weight_map;
  if (typeof map !== 'object' || map === null) return weights;
  const named = new Set(Object.values(map as Record<string, unknown>).filter((v): v is string => typeof v === 'string'));
  const kept = weights.filter((f) => named.has(f.path));
  return kept.length > 0 ? kept : weights;
}
