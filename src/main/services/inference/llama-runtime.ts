/**
 * One `Llama` (the llama.cpp binding) per process, as node-llama-cpp recommends: starting a backend
 * is slow (~0.7 s here), each `getLlama` call makes a new instance, and GPU state is global. The
 * model loader, the memory probe behind the fit verdicts and the benchmark all go through
 * `getLlamaRuntime`, which starts each backend at most once and shares the pending promise, so
 * concurrent first callers (a status request racing the first load) get the same instance.
 *
 * `gpu: "auto"` picks CUDA, Vulkan or Metal when present, else the CPU. node-llama-cpp already
 * falls back to its CPU binary when a GPU binary will not load, but only logs that; here the
 * fallback is detected and reported (`gpuInitFailure`) so the user learns why it is slow.
 */
import os from 'node:os';
import { getLlama, getLlamaGpuTypes, LlamaLogLevel, type Llama, type LlamaGpuType } from 'node-llama-cpp';
import type { Backend, MachineMemory } from './types.js';

export interface LlamaRuntime {
  llama: Llama;
  /** Set when a GPU was found or tried but could not be used, so this Llama runs on the CPU. */
  gpuInitFailure: string | null;
}

let autoRuntime: Promise<LlamaRuntime> | null = null;
let cpuLlama: Promise<Llama> | null = null;

function startLlama(gpu: 'auto' | false): Promise<Llama> {
  // build: 'never' — the app ships prebuilt binaries and must never try to compile llama.cpp offline.
  return getLlama({ gpu, build: 'never', logLevel: LlamaLogLevel.error });
}

function getCpuLlama(): Promise<Llama> {
  if (!cpuLlama) {
    const started = startLlama(false);
    cpuLlama = started;
    // A failed start is not cached: a later call may try again.
    started.catch(() => {
      if (cpuLlama === started) cpuLlama = null;
    });
  }
  return cpuLlama;
}

/** How a runtime is started; the real starters below, replaceable to test the fallback decisions. */
export interface RuntimeStarters {
  /** GPU types whose drivers this machine has (node-llama-cpp's detection; `false` is the CPU). */
  supportedGpuTypes(): Promise<LlamaGpuType[]>;
  startAuto(): Promise<Llama>;
  startCpu(): Promise<Llama>;
}

/** Starts the 'auto' runtime: the GPU when one works, else the CPU with the reason reported. */
export async function startAutoRuntime(starters: RuntimeStarters): Promise<LlamaRuntime> {
  const gpuTypes = (await starters.supportedGpuTypes().catch(() => [])).filter((type) => type !== false);
  // No GPU drivers at all: the plain CPU instance, shared with `gpu: false` callers.
  if (gpuTypes.length === 0) return { llama: await starters.startCpu(), gpuInitFailure: null };

  let llama: Llama;
  try {
    llama = await starters.startAuto();
  } catch (error) {
    return {
      llama: await starters.startCpu(),
      gpuInitFailure: `the ${gpuTypes.join('/')} GPU backend could not be started (${errorText(error)}); using the CPU instead`,
    };
  }
  if (llama.gpu !== false) return { llama, gpuInitFailure: null };
  // A GPU was found but node-llama-cpp fell back to its CPU binary (driver or library mismatch).
  return { llama, gpuInitFailure: `a ${gpuTypes.join('/')} GPU was found but its llama.cpp backend could not be loaded; using the CPU instead` };
}

const realStarters: RuntimeStarters = {
  supportedGpuTypes: () => getLlamaGpuTypes('supported'),
  startAuto: () => startLlama('auto'),
  startCpu: getCpuLlama,
};

async function startSharedAuto(): Promise<LlamaRuntime> {
  const runtime = await startAutoRuntime(realStarters);
  // An 'auto' start that ended on the CPU is the CPU instance: no second one for `gpu: false`.
  if (runtime.llama.gpu === false) cpuLlama ??= Promise.resolve(runtime.llama);
  return runtime;
}

/** The process's shared Llama: 'auto' (GPU when usable) or false (CPU only: benchmarks, GPU fallback). */
export async function getLlamaRuntime(gpu: 'auto' | false = 'auto'): Promise<LlamaRuntime> {
  if (gpu === false) {
    // When 'auto' already ended on the CPU, that instance serves CPU callers too.
    const auto = autoRuntime ? await autoRuntime.catch(() => null) : null;
    return { llama: auto && auto.llama.gpu === false ? auto.llama : await getCpuLlama(), gpuInitFailure: null };
  }
  if (!autoRuntime) {
    const started = startSharedAuto();
    autoRuntime = started;
    started.catch(() => {
      if (autoRuntime === started) autoRuntime = null;
    });
  }
  return autoRuntime;
}

export async function getSharedLlama(gpu: 'auto' | false = 'auto'): Promise<Llama> {
  return (await getLlamaRuntime(gpu)).llama;
}

export function backendOf(llama: Llama): Backend {
  return llama.gpu === false ? 'cpu' : llama.gpu;
}

/** The machine's memory as the shared Llama sees it, without loading a model. */
export async function readMachineMemory(runtime: LlamaRuntime): Promise<MachineMemory> {
  const { llama } = runtime;
  const onGpu = llama.gpu !== false;
  const vram = onGpu ? await llama.getVramState() : null;
  return {
    backend: backendOf(llama),
    gpuNames: onGpu ? await llama.getGpuDeviceNames().catch(() => []) : [],
    vram: vram ? { totalBytes: vram.total, freeBytes: vram.free, unifiedBytes: vram.unifiedSize } : null,
    ram: { totalBytes: os.totalmem(), freeBytes: os.freemem() },
    gpuInitFailure: runtime.gpuInitFailure,
  };
}

/** RAM only, for when no Llama can be started at all (no binary for this platform). */
export function ramOnlyMachine(reason: string | null = null): MachineMemory {
  return { backend: 'cpu', gpuNames: [], vram: null, ram: { totalBytes: os.totalmem(), freeBytes: os.freemem() }, gpuInitFailure: reason };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
