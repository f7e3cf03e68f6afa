/**
 * One `Llama` (the llama.cpp binding) per process, as node-llama-cpp recommends: loading a backend
 * is slow and GPU state is global. `gpu: "auto"` picks CUDA, Vulkan or Metal when present, else CPU.
 */
import { getLlama, LlamaLogLevel, type Llama } from 'node-llama-cpp';
import type { Backend } from './types.js';

const instances = new Map<string, Promise<Llama>>();

export function getSharedLlama(gpu: 'auto' | false = 'auto'): Promise<Llama> {
  const key = String(gpu);
  let instance = instances.get(key);
  if (!instance) {
    // build: 'never' — the app ships prebuilt binaries and must never try to compile llama.cpp offline.
    instance = getLlama({ gpu, build: 'never', logLevel: LlamaLogLevel.error });
    instances.set(key, instance);
    instance.catch(() => instances.delete(key));
  }
  return instance;
}

export function backendOf(llama: Llama): Backend {
  return llama.gpu === false ? 'cpu' : llama.gpu;
}
