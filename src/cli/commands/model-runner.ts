/** Shared by `solve`, `eval` and `prompt --model`: find the model (--model, settings, the only one installed) and load it. */
import { InferenceService } from '../../main/services/inference/inference-service.js';
import { InferenceError } from '../../main/services/inference/types.js';
import { ModelFileError, validateModelFile } from '../../main/services/models/gguf/inspect.js';
import { ModelService } from '../../main/services/models/model-service.js';
import { dataPaths } from '../../main/services/paths.js';
import { UsageError } from '../command.js';

/** `preparePrefix: false` for a one-off look at the prompt: no background evaluation, no state file written. */
export async function loadModelForCli(dataDir: string, modelFlag: string | undefined, env: NodeJS.ProcessEnv, options: { preparePrefix?: boolean } = {}): Promise<InferenceService> {
  let modelPath: string;
  try {
    modelPath = modelFlag ?? new ModelService(dataDir).defaultModel();
    validateModelFile(modelPath);
  } catch (error) {
    if (error instanceof ModelFileError) throw new UsageError(error.message);
    throw error;
  }
  const service = new InferenceService();
  // DAGGER_TUTOR_THREADS lets tests and small machines pin the thread count (1 is fastest on 2 cores).
  const threads = env.DAGGER_TUTOR_THREADS ? Number(env.DAGGER_TUTOR_THREADS) : undefined;
  const contextSize = env.DAGGER_TUTOR_CONTEXT ? Number(env.DAGGER_TUTOR_CONTEXT) : undefined;
  try {
    await service.load(modelPath, { threads, contextSize, prefixStateDir: dataPaths(dataDir).prefixStates, preparePrefix: options.preparePrefix });
  } catch (error) {
    if (error instanceof InferenceError) throw new UsageError(error.message);
    throw error;
  }
  return service;
}

export function parsePositiveInt(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) <= 0) throw new UsageError(`${flag} needs a positive whole number, got "${value}"`);
  return Number(value);
}
