import { describe, expect, it } from 'vitest';
import { judgeFit } from '../../src/main/services/inference/memory-fit.js';

const GiB = 1024 ** 3;
const machine = { freeVramBytes: 0, totalRamBytes: 16 * GiB, freeRamBytes: 8 * GiB, hasGpu: false };

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
});
