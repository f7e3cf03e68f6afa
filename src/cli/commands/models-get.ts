/**
 * `dagger-tutor models get <owner/repo> [--revision R] [--quant Q] [--keep-shards] [--json]`:
 * a Hugging Face checkpoint downloaded, converted to GGUF and installed into <data-dir>/models,
 * on a worker thread, with the plan (disk needed and free) and progress on stderr. Ctrl+C cancels;
 * running it again resumes the download. HF_TOKEN is the access token; DAGGER_TUTOR_HF_ENDPOINT
 * (or HF_ENDPOINT) points it at another Hub (the tests' local one).
 */
import path from 'node:path';
import type { GetModelProgress, ModelOutputType } from '../../shared/api.js';
import * as convert from '../../main/services/models/convert/index.js';
import { gigabytes } from '../../main/services/models/hub/disk-space.js';
import { planGetModel } from '../../main/services/models/hub/get-model.js';
import { HubClient, hubEndpointFromEnv } from '../../main/services/models/hub/hub-api.js';
import { runGetJob } from '../../main/services/models/hub/run-get-job.js';
import { dataPaths } from '../../main/services/paths.js';
import { UsageError } from '../command.js';

export interface ModelsGetArgs {
  repo: string;
  revision: string | undefined;
  quant: string | undefined;
  keepShards: boolean;
  dataDir: string;
  /** HF_TOKEN, DAGGER_TUTOR_HF_ENDPOINT / HF_ENDPOINT are read from here. */
  env: NodeJS.ProcessEnv;
  err: (text: string) => void;
}

export interface ModelsGetResult {
  ok: true;
  file: string;
  repo: string;
  revision: string;
  commit: string;
  quant: string;
  sha256: string;
  bytes: number;
  tensors: number;
  seconds: number;
}

const STAGE_NAMES: Record<GetModelProgress['stage'], string> = { download: 'download', convert: 'convert', quantise: 'quantise', verify: 'verify' };

export async function runModelsGet(args: ModelsGetArgs): Promise<ModelsGetResult> {
  const quant = args.quant ?? 'Q4_K_M';
  if (!convert.isOutputType(quant)) throw new UsageError(`--quant must be one of ${convert.OUTPUT_TYPES.join(', ')}, not "${quant}"`);
  const options = { repo: args.repo, quant: quant as ModelOutputType, deleteShards: !args.keepShards, ...(args.revision ? { revision: args.revision } : {}) };
  const modelsDir = dataPaths(args.dataDir).models;
  const endpoint = hubEndpointFromEnv(args.env);
  const token = args.env.HF_TOKEN || null;

  const plan = await planGetModel(options, { modelsDir, client: new HubClient({ endpoint, token }), converter: convert });
  args.err(`${plan.repo}@${plan.commit.slice(0, 12)} (${plan.revision}): ${plan.files.length} files, ${gigabytes(plan.downloadBytes)} to download`
    + `${plan.alreadyDownloadedBytes > 0 ? ` (${gigabytes(plan.alreadyDownloadedBytes)} already here)` : ''}, ${plan.quant} result ${gigabytes(plan.outputBytes)}\n`
    + `disk: needs ${gigabytes(plan.disk.neededBytes)}, ${gigabytes(plan.disk.freeBytes)} free in ${modelsDir}\n`);

  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  const began = performance.now();
  try {
    const result = await runGetJob(options, {
      modelsDir, endpoint, token, signal: controller.signal,
      onProgress: (p) => args.err(`\r${STAGE_NAMES[p.stage]}: ${percent(p)} ${gigabytes(p.doneBytes)} of ${gigabytes(p.totalBytes)}`
        + `${p.bytesPerSecond ? `, ${(p.bytesPerSecond / 1e6).toFixed(1)} MB/s` : ''}${p.etaSeconds !== null ? `, ${Math.round(p.etaSeconds)} s left` : ''}`
        + `${p.file ? `  ${p.file}` : ''}      `),
    });
    args.err('\n');
    return {
      ok: true,
      file: result.file,
      repo: result.source.repo,
      revision: result.source.revision,
      commit: result.source.commit,
      quant: result.source.quant,
      sha256: result.source.sha256,
      bytes: result.source.bytes,
      tensors: result.source.tensors,
      seconds: Math.round((performance.now() - began) / 100) / 10,
    };
  } catch (error) {
    args.err('\n');
    throw error;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

function percent(p: GetModelProgress): string {
  return `${p.totalBytes > 0 ? Math.floor((p.doneBytes / p.totalBytes) * 100) : 0}%`;
}

export function describeGot(result: ModelsGetResult): string {
  return `installed ${path.basename(result.file)} (${gigabytes(result.bytes)}, ${result.quant}, ${result.tensors} tensors) from ${result.repo}@${result.commit.slice(0, 12)} in ${result.seconds} s\nsha256 ${result.sha256}\n`;
}
