/**
 * Memory-fit verdicts with the GPU counted: the pure decision (judgeFit) and the quick estimates
 * the catalog and the installed-model list use (catalogFit, quickFit), on machines described by
 * numbers — this machine has no GPU, so GPU machines can only be described, not measured.
 */
import { describe, expect, it } from 'vitest';
import { fitOf } from '../../src/main/api/models.js';
import { judgeFit } from '../../src/main/services/inference/memory-fit.js';
import type { MachineMemory } from '../../src/main/services/inference/types.js';
import { loadCatalog } from '../../src/main/services/models/catalog.js';
import { catalogFit, quickFit } from '../../src/main/services/models/model-service.js';

const GiB = 1024 ** 3;
const machine = { freeVramBytes: 0, totalRamBytes: 16 * GiB, freeRamBytes: 8 * GiB, hasGpu: false };

function computer(ramGiB: number, vram: { totalGiB: number; freeGiB: number; unifiedGiB?: number } | null): MachineMemory {
  return {
    backend: vram ? 'cuda' : 'cpu',
    gpuNames: vram ? ['Test GPU'] : [],
    vram: vram ? { totalBytes: vram.totalGiB * GiB, freeBytes: vram.freeGiB * GiB, unifiedBytes: (vram.unifiedGiB ?? 0) * GiB } : null,
    ram: { totalBytes: ramGiB * GiB, freeBytes: (ramGiB / 2) * GiB },
    gpuInitFailure: null,
  };
}

/** The real catalog entries (resources/models/catalog.json). */
const catalog = loadCatalog();
const entry = (id: string) => {
  const found = catalog.find((m) => m.id === id);
  if (!found) throw new Error(`catalog.json has no ${id}`);
  return found;
};
const dagger12bQ4 = entry('dagger-12b-sft-grpo-q4_k_m');
const dagger12bQ8 = entry('dagger-12b-sft-grpo-q8_0');
const dagger4bQ4 = entry('dagger-4b-sft-grpo-q4_k_m');

/** A student's laptop: 8 GiB RAM and an idle 8 GiB GPU. */
const laptop = computer(8, { totalGiB: 8, freeGiB: 8 });

describe('judgeFit', () => {
  it('sends a model to the GPU, splits it, runs it on the CPU, or refuses with a suggestion', () => {
    expect(judgeFit({ ...machine, hasGpu: true, freeVramBytes: 12 * GiB, modelBytes: 7.3 * GiB, contextBytes: 1 * GiB }).verdict).toBe('gpu');
    expect(judgeFit({ ...machine, hasGpu: true, freeVramBytes: 4 * GiB, modelBytes: 7.3 * GiB, contextBytes: 1 * GiB }).verdict).toBe('partial');
    expect(judgeFit({ ...machine, modelBytes: 7.3 * GiB, contextBytes: 1 * GiB }).verdict).toBe('cpu');
    const no = judgeFit({ ...machine, totalRamBytes: 8 * GiB, modelBytes: 12.5 * GiB, contextBytes: 1 * GiB });
    expect(no.verdict).toBe('no');
    expect(no.message).toMatch(/smaller quantisation.*4B/);
    expect(no.requiredBytes).toBe(13.5 * GiB);
  });

  it('does not count unified memory twice (the GPU share of an Apple-silicon RAM is the RAM)', () => {
    const mac = { hasGpu: true, freeVramBytes: 10.5 * GiB, unifiedVramBytes: 10.5 * GiB, totalRamBytes: 16 * GiB, freeRamBytes: 8 * GiB };
    // 16 GiB × 0.85 = 13.6 GiB usable in all: a 15 GiB need does not fit, however it is split.
    expect(judgeFit({ ...mac, modelBytes: 13.5 * GiB, contextBytes: 1.5 * GiB }).verdict).toBe('no');
    // Counted as a discrete GPU it would have "fit" in 10.5 + 13.6 GiB.
    expect(judgeFit({ ...mac, unifiedVramBytes: 0, modelBytes: 13.5 * GiB, contextBytes: 1.5 * GiB }).verdict).toBe('partial');
    expect(judgeFit({ ...mac, modelBytes: 10 * GiB, contextBytes: 2 * GiB }).verdict).toBe('partial');
    expect(judgeFit({ ...mac, modelBytes: 8 * GiB, contextBytes: 1.5 * GiB }).verdict).toBe('gpu');
  });
});

describe('quick fit estimates count the GPU', () => {
  it('a 7.3 GB Q4_K_M 12B file fits an 8 GiB GPU on an 8 GiB-RAM laptop; without the GPU it does not fit', () => {
    const onGpu = quickFit(dagger12bQ4.sizeBytes, laptop);
    expect(onGpu.verdict).toBe('gpu');
    expect(onGpu.freeVramBytes).toBe(8 * GiB);
    expect(onGpu.message).toMatch(/fits in GPU memory/);
    expect(fitOf(onGpu)).toBe('fits');
    // What the app said before the GPU was counted.
    const ramOnly = quickFit(dagger12bQ4.sizeBytes, computer(8, null));
    expect(ramOnly.verdict).toBe('no');
    expect(fitOf(ramOnly)).toBe('too-large');
  });

  it('catalog: the 12B Q4_K_M with its 4096-token context (~8.4 GiB) is split GPU/CPU on that laptop, the 4B runs on the GPU', () => {
    const fit = catalogFit(dagger12bQ4, laptop);
    expect(fit.requiredBytes).toBe(dagger12bQ4.memoryBytes);
    expect(fit.modelBytes).toBe(dagger12bQ4.sizeBytes);
    expect(fit.verdict).toBe('partial');
    expect(fit.message).toMatch(/part runs on the GPU.*the rest on the CPU/);
    expect(fitOf(fit)).toBe('tight');
    expect(catalogFit(dagger12bQ4, computer(8, null)).verdict).toBe('no');
    expect(catalogFit(dagger4bQ4, laptop).verdict).toBe('gpu');
  });

  it('partial offload: a small GPU takes part of the model, the RAM the rest', () => {
    // 14.5 GB ≈ 13.5 GiB: more than the GPU's 5.5 GiB free and than the 12 × 0.85 = 10.2 GiB usable RAM,
    // but not more than both together.
    const fit = catalogFit(dagger12bQ8, computer(12, { totalGiB: 6, freeGiB: 5.5 }));
    expect(fit.verdict).toBe('partial');
    expect(fitOf(fit)).toBe('tight');
    expect(catalogFit(dagger12bQ8, computer(12, null)).verdict).toBe('no');
  });

  it('too large for GPU and RAM together: "no", suggesting a smaller quantisation or the 4B model (which does fit)', () => {
    const small = computer(8, { totalGiB: 4, freeGiB: 3.8 });
    const fit = catalogFit(dagger12bQ8, small);
    expect(fit.verdict).toBe('no');
    expect(fitOf(fit)).toBe('too-large');
    expect(fit.message).toMatch(/GPU memory/);
    expect(fit.message).toMatch(/smaller quantisation.*or the 4B model/);
    expect(catalogFit(dagger4bQ4, small).verdict).toBe('gpu');
  });

  it('without a machine reading, the verdict is the RAM-only one', () => {
    const fit = quickFit(1000);
    expect(fit.freeVramBytes).toBe(0);
    expect(fit.verdict).toBe('cpu');
  });
});
