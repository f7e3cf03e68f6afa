/**
 * The process's one Llama and the machine probe, on real llama.cpp. This machine has no GPU, so
 * the probe must say so honestly (backend 'cpu', no VRAM); the GPU-failure fallback decisions are
 * driven with starters that fail the way a broken driver does, around the real CPU Llama.
 */
import os from 'node:os';
import type { Llama } from 'node-llama-cpp';
import { beforeAll, describe, expect, it } from 'vitest';
import { InferenceService } from '../../src/main/services/inference/inference-service.js';
import { getLlamaRuntime, getSharedLlama, readMachineMemory, startAutoRuntime } from '../../src/main/services/inference/llama-runtime.js';

let cpu: Llama;
beforeAll(async () => {
  cpu = await getSharedLlama(false);
});

describe('the shared Llama', () => {
  it('is started once: concurrent first callers, the CPU callers and the service all get the same instance', async () => {
    const [a, b] = await Promise.all([getLlamaRuntime(), getLlamaRuntime()]);
    expect(a.llama).toBe(b.llama);
    expect(await getSharedLlama()).toBe(a.llama);
    // No GPU here: 'auto' ends on the CPU, and that is the one CPU instance.
    expect(a.llama.gpu).toBe(false);
    expect(a.llama).toBe(cpu);
    expect(a.gpuInitFailure).toBeNull();
  });

  it('reads the machine without loading a model: CPU backend, no GPU names, no VRAM, the real RAM', async () => {
    const machine = await new InferenceService().machine();
    expect(machine).toMatchObject({ backend: 'cpu', gpuNames: [], vram: null, gpuInitFailure: null });
    expect(machine.ram.totalBytes).toBe(os.totalmem());
    expect(machine.ram.freeBytes).toBeGreaterThan(0);
    expect(machine.ram.freeBytes).toBeLessThanOrEqual(machine.ram.totalBytes);
  });
});

describe('GPU start failures fall back to the CPU and say why', () => {
  const neverCalled = () => Promise.reject(new Error('must not be called'));

  it('no GPU drivers: the CPU Llama, nothing to report, no GPU start attempted', async () => {
    const runtime = await startAutoRuntime({ supportedGpuTypes: async () => [false], startAuto: neverCalled, startCpu: async () => cpu });
    expect(runtime).toEqual({ llama: cpu, gpuInitFailure: null });
  });

  it('the GPU backend throws while starting: the CPU Llama, with the error in the reason', async () => {
    const runtime = await startAutoRuntime({
      supportedGpuTypes: async () => ['cuda', false],
      startAuto: () => Promise.reject(new Error('CUDA driver version is insufficient for CUDA runtime version')),
      startCpu: async () => cpu,
    });
    expect(runtime.llama).toBe(cpu);
    expect(runtime.gpuInitFailure).toMatch(/cuda GPU backend could not be started \(CUDA driver version is insufficient.*\); using the CPU/);
  });

  it('a GPU is found but node-llama-cpp silently ends on its CPU binary: reported', async () => {
    const runtime = await startAutoRuntime({ supportedGpuTypes: async () => ['vulkan', false], startAuto: async () => cpu, startCpu: neverCalled });
    expect(runtime.llama).toBe(cpu);
    expect(runtime.gpuInitFailure).toMatch(/vulkan GPU was found but its llama.cpp backend could not be loaded; using the CPU/);
  });

  it('the reason reaches the machine reading', async () => {
    const machine = await readMachineMemory({ llama: cpu, gpuInitFailure: 'the cuda GPU backend could not be started' });
    expect(machine).toMatchObject({ backend: 'cpu', vram: null, gpuInitFailure: 'the cuda GPU backend could not be started' });
  });
});
