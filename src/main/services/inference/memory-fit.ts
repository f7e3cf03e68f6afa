/**
 * Will this model and its context fit? Estimated from the GGUF's own metadata (via node-llama-cpp's
 * GgufInsights) before anything is loaded, so a too-big model gets a clear message instead of
 * freezing the machine.
 */
import type { Llama } from 'node-llama-cpp';
import { GgufInsights, readGgufFileInfo } from 'node-llama-cpp';
import { readMachineMemory } from './llama-runtime.js';
import type { MachineMemory, MemoryFit } from './types.js';

export interface FitInputs {
  modelBytes: number;
  contextBytes: number;
  freeVramBytes: number;
  totalRamBytes: number;
  freeRamBytes: number;
  hasGpu: boolean;
  /**
   * VRAM that is the RAM itself (unified memory, e.g. Apple silicon): it must not be counted twice
   * when a model is split between GPU and CPU. 0 for a discrete GPU (the default).
   */
  unifiedVramBytes?: number;
}

/** The machine half of the fit inputs. */
export function machineFitInputs(machine: MachineMemory): Omit<FitInputs, 'modelBytes' | 'contextBytes'> {
  return {
    hasGpu: machine.vram !== null,
    freeVramBytes: machine.vram?.freeBytes ?? 0,
    unifiedVramBytes: machine.vram?.unifiedBytes ?? 0,
    totalRamBytes: machine.ram.totalBytes,
    freeRamBytes: machine.ram.freeBytes,
  };
}

const GiB = 1024 ** 3;
const gib = (bytes: number) => `${(bytes / GiB).toFixed(1)} GiB`;
/** Leave room for the OS and the app itself. */
const RAM_HEADROOM = 0.85;

/** Pure decision, separate from measuring, so it is testable with any numbers. */
export function judgeFit(i: FitInputs): MemoryFit {
  const requiredBytes = i.modelBytes + i.contextBytes;
  const base = { requiredBytes, modelBytes: i.modelBytes, contextBytes: i.contextBytes, freeVramBytes: i.freeVramBytes, totalRamBytes: i.totalRamBytes, freeRamBytes: i.freeRamBytes };
  const usableRam = i.totalRamBytes * RAM_HEADROOM;
  // With unified memory the GPU's share is carved out of the RAM: only the rest adds to it.
  const ramBesideGpu = Math.max(0, usableRam - (i.unifiedVramBytes ?? 0));
  if (i.hasGpu && requiredBytes <= i.freeVramBytes) {
    return { ...base, verdict: 'gpu', message: `fits in GPU memory (${gib(requiredBytes)} of ${gib(i.freeVramBytes)} free)` };
  }
  if (i.hasGpu && requiredBytes <= i.freeVramBytes + ramBesideGpu) {
    return { ...base, verdict: 'partial', message: `needs ${gib(requiredBytes)}: part runs on the GPU (${gib(i.freeVramBytes)} free), the rest on the CPU (slower)` };
  }
  if (requiredBytes <= usableRam) {
    return { ...base, verdict: 'cpu', message: `runs on the CPU: needs ${gib(requiredBytes)} of ${gib(i.totalRamBytes)} RAM` };
  }
  return {
    ...base,
    verdict: 'no',
    message: `this model needs about ${gib(requiredBytes)} but only ${gib(i.hasGpu ? ramBesideGpu : usableRam)} RAM${i.hasGpu ? ` + ${gib(i.freeVramBytes)} GPU memory` : ''} can be used. ` +
      'Use a smaller quantisation (e.g. Q4_K_M) or the 4B model instead.',
  };
}

/** Judges the model file (its GGUF metadata) against the machine `llama` runs on, before loading. */
export async function estimateFit(llama: Llama, modelPath: string, contextSize: number): Promise<MemoryFit> {
  const info = await readGgufFileInfo(modelPath, { logWarnings: false });
  const insights = await GgufInsights.from(info, llama);
  const hasGpu = llama.gpu !== false;
  const gpuLayers = hasGpu ? insights.totalLayers : 0;
  const model = insights.estimateModelResourceRequirements({ gpuLayers });
  const context = insights.estimateContextResourceRequirements({ contextSize, modelGpuLayers: gpuLayers, swaFullCache: true });
  const machine = await readMachineMemory({ llama, gpuInitFailure: null });
  return judgeFit({
    ...machineFitInputs(machine),
    modelBytes: model.cpuRam + model.gpuVram,
    contextBytes: context.cpuRam + context.gpuVram,
  });
}
