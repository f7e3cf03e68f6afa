/** `dagger-tutor models list|catalog|import FILE|download ID|URL|get REPO|delete NAME|select PATH` */
import { ModelFileError } from '../../main/services/models/gguf/inspect.js';
import { DownloadError } from '../../main/services/models/download.js';
import { getLlamaRuntime, ramOnlyMachine, readMachineMemory } from '../../main/services/inference/llama-runtime.js';
import type { MachineMemory } from '../../main/services/inference/types.js';
import { ModelService, catalogFit } from '../../main/services/models/model-service.js';
import { ConvertError } from '../../main/services/models/convert/errors.js';
import { ModelRequestError } from '../../main/services/models/model-service.js';
import { readModelSource } from '../../main/services/models/hub/model-source.js';
import { EXIT, UsageError, parseCommandArgs, type Command } from '../command.js';
import { describeGot, runModelsGet } from './models-get.js';
import { describeConverted, runModelsConvert } from './models-convert.js';

const USAGE = `Usage: dagger-tutor models <list|catalog|import FILE|download ID|URL|delete NAME|select PATH> [--json]

  list           installed models (in <data-dir>/models) with size and memory fit
  catalog        known models: DAGGER 12B/4B (models get) and Gemma-3 fallbacks
  import FILE    check a local .gguf (header, architecture) and copy it in
  download X     download a catalog id, hf:owner/repo/file.gguf or http(s) URL (resumes)
  get REPO       download a Hugging Face checkpoint (owner/repo, e.g. dipta007/dagger-12B_SFT_GRPO),
                 convert it to GGUF and install it (resumes; HF_TOKEN = access token)
                   --revision R   branch, tag or commit (default main; pinned to its commit)
                   --quant Q      Q4_K_M (default), Q8_0, F16, BF16 or F32
                   --keep-shards  keep each safetensors file until the end (default: deleted once converted)
  convert DIR    convert a local Hugging Face Gemma-3 checkpoint folder to a verified GGUF
                   --quant Q      Q4_K_M (default), Q8_0, F16, BF16 or F32
                   --out FILE     the .gguf to write
  delete NAME    delete an installed model by file name
  select PATH    use this model by default (settings.json "modelPath")
Exit status: 0 done, 1 the operation failed, 2 usage error.`;

const GB = 1e9;

/**
 * This machine's memory as llama.cpp sees it (GPU VRAM included), so `list`, `catalog` and
 * `import` judge fit the way the app does; RAM only when llama.cpp cannot start at all.
 */
async function readMachine(): Promise<MachineMemory> {
  try {
    return await readMachineMemory(await getLlamaRuntime('auto'));
  } catch (error) {
    return ramOnlyMachine(error instanceof Error ? error.message : String(error));
  }
}

export const modelsCommand: Command = {
  name: 'models',
  summary: 'list, import, download or delete models',
  usage: USAGE,
  async run({ argv, dataDir, io }) {
    const parsed = parseCommandArgs({ args: argv, options: {
      json: { type: 'boolean', default: false },
      revision: { type: 'string' },
      quant: { type: 'string' },
      'keep-shards': { type: 'boolean', default: false },
      out: { type: 'string' },
    }, allowPositionals: true, strict: true });
    const [action, target, ...extra] = parsed.positionals;
    const json = parsed.values.json;
    const service = new ModelService(dataDir);
    const print = (value: unknown, text: string) => io.out(json ? `${JSON.stringify(value)}\n` : text);
    const needTarget = () => {
      if (!target || extra.length > 0) throw new UsageError(`"models ${action}" needs exactly one argument`);
      return target;
    };
    try {
      switch (action) {
        case 'list': {
          // A model made by `models get` shows where it came from (repo, commit, type, checksum).
          const models = service.list(await readMachine()).map((m) => ({ ...m, source: readModelSource(m.path) }));
          print(models, models.length === 0 ? `no models in ${dataDir}/models\n` : models.map((m) =>
            `${m.selected ? '*' : ' '} ${m.fileName}  ${(m.sizeBytes / GB).toFixed(2)} GB  ${m.architecture ?? '?'}  ${m.problem ?? m.fit.message}\n`
            + (m.source ? `    from ${m.source.repo}@${m.source.commit.slice(0, 12)} (${m.source.revision}), ${m.source.quant}, sha256 ${m.source.sha256}\n` : '')).join(''));
          return EXIT.ok;
        }
        case 'catalog': {
          const machine = await readMachine();
          const catalog = service.catalog().map((m) => ({ ...m, fit: catalogFit(m, machine) }));
          print(catalog, catalog.map((m) => `${m.id}\n  ${m.name}, ${(m.sizeBytes / GB).toFixed(1)} GB, needs ~${(m.memoryBytes / GB).toFixed(1)} GB: ${m.fit.message}\n  ${m.url ?? `no GGUF published: ${m.instructions ?? ''}`}\n`).join(''));
          return EXIT.ok;
        }
        case 'import': {
          // Ctrl+C stops the copy (and removes what was copied) instead of killing the process mid-file.
          const controller = new AbortController();
          const onSigint = () => controller.abort();
          process.once('SIGINT', onSigint);
          try {
            let shownPercent = -1;
            const model = await service.import(needTarget(), {
              machine: await readMachine(),
              signal: controller.signal,
              onProgress: ({ copiedBytes, totalBytes }) => {
                const percent = totalBytes > 0 ? Math.floor((copiedBytes / totalBytes) * 100) : 100;
                if (percent === shownPercent) return;
                shownPercent = percent;
                io.err(`\rcopying ${(copiedBytes / 1e6).toFixed(1)} MB of ${(totalBytes / 1e6).toFixed(1)} MB (${percent} %)   `);
              },
            });
            if (shownPercent >= 0) io.err('\n');
            print(model, `imported ${model.fileName} (${(model.sizeBytes / GB).toFixed(2)} GB, ${model.architecture}): ${model.fit.message}\n`);
            return EXIT.ok;
          } finally {
            process.off('SIGINT', onSigint);
          }
        }
        case 'download': {
          const controller = new AbortController();
          const onSigint = () => controller.abort();
          process.once('SIGINT', onSigint);
          try {
            const model = await service.download(needTarget(), {
              signal: controller.signal,
              onProgress: (p) => io.err(`\r${(p.receivedBytes / 1e6).toFixed(1)} MB${p.totalBytes ? ` of ${(p.totalBytes / 1e6).toFixed(1)} MB` : ''}` +
                `${p.bytesPerSecond ? `, ${(p.bytesPerSecond / 1e6).toFixed(1)} MB/s` : ''}${p.etaSeconds !== null ? `, ${Math.round(p.etaSeconds)} s left` : ''}   `),
            });
            io.err('\n');
            print(model, `downloaded ${model.fileName} (${(model.sizeBytes / GB).toFixed(2)} GB)\n`);
            return EXIT.ok;
          } finally {
            process.off('SIGINT', onSigint);
          }
        }
        case 'get': {
          const result = await runModelsGet({
            repo: needTarget(), revision: parsed.values.revision, quant: parsed.values.quant,
            keepShards: parsed.values['keep-shards'], dataDir, env: io.env, err: io.err,
          });
          print(result, describeGot(result));
          return EXIT.ok;
        }
        case 'convert': {
          const result = await runModelsConvert({ folder: needTarget(), quant: parsed.values.quant, out: parsed.values.out, err: io.err });
          print(result, describeConverted(result));
          return EXIT.ok;
        }
        case 'delete': {
          const deleted = service.delete(needTarget());
          print({ deleted }, deleted ? `deleted ${target}\n` : `${target} is not installed\n`);
          return deleted ? EXIT.ok : EXIT.failed;
        }
        case 'select': {
          service.select(needTarget());
          print({ modelPath: service.selectedPath() }, `default model: ${service.selectedPath()}\n`);
          return EXIT.ok;
        }
        default:
          throw new UsageError(action ? `unknown action "${action}"` : 'missing action');
      }
    } catch (error) {
      if (error instanceof ModelFileError || error instanceof DownloadError || error instanceof ConvertError || error instanceof ModelRequestError) {
        io.err(`dagger-tutor models: ${error.message}\n`);
        return EXIT.failed;
      }
      if (error instanceof UsageError) throw error;
      io.err(`dagger-tutor models: ${error instanceof Error ? error.message : String(error)}\n`);
      return EXIT.failed;
    }
  },
};
