/**
 * The inference service against real llama.cpp on the byte-level test model (tiny random-weight
 * Gemma-3 whose 262-token vocabulary makes generation fast enough to run a grammar-constrained
 * graph to its closing fence): loading, grammar-valid streamed output, node events, cancel, load
 * errors. What depends on the vocabulary (the tokens fed, prompt length, prefix reuse, the grammar
 * over 262,144 tokens) is tested on the real-vocabulary model in real-vocab.test.ts.
 * threads: 1 (2-core machines; see ENVIRONMENT.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS } from '../../src/core/graph/types.js';
import { NodeStreamParser, type StreamedNode } from '../../src/core/stream/node-stream.js';
import { InferenceService } from '../../src/main/services/inference/inference-service.js';
import { getSharedLlama } from '../../src/main/services/inference/llama-runtime.js';
import { InferenceError } from '../../src/main/services/inference/types.js';
import { ensureTestModel } from '../support/test-model.js';

const Q1 = 'রাজুর কাছে ৫টি আম আছে। সে আরও ৩টি কিনল। তার কাছে এখন কয়টি আম?';
const Q2 = 'মিনার কাছে ১২টি কলম আছে। সে ৪টি কলম দিল। তার কাছে কয়টি কলম রইল?';
// The byte-level test vocabulary makes the prompt ~2,900 tokens (a real Gemma tokenizer: ~700).
const CONTEXT = 8192;

let service: InferenceService;
let modelPath: string;

beforeAll(async () => {
  modelPath = await ensureTestModel();
  service = new InferenceService();
  await service.load(modelPath, { contextSize: CONTEXT, threads: 1 });
});
afterAll(() => service?.dispose());

describe('InferenceService on real llama.cpp', () => {
  it('loads and reports backend, context and memory fit', () => {
    const status = service.status;
    expect(status).toMatchObject({ state: 'ready', modelPath, backend: 'cpu', contextSize: CONTEXT, gpuFallbackReason: null, error: null });
    expect(status.fit?.verdict).toBe('cpu');
    expect(status.fit?.requiredBytes).toBeGreaterThan(0);
    // No GPU on this machine: the estimate must not pretend there is VRAM.
    expect(status.fit?.freeVramBytes).toBe(0);
  });

  it('loads on the process\'s one shared Llama (the instance the machine probe reads), not a second one', async () => {
    expect(service.internals!.llama).toBe(await getSharedLlama());
    expect(await service.machine()).toMatchObject({ backend: 'cpu', gpuNames: [], vram: null });
  });

  it('streams a grammar-valid fenced graph with node events before the end', async () => {
    const nodes: StreamedNode[] = [];
    let text = '';
    let textWhenFirstNode: string | null = null;
    const result = await service.solve(Q1, {
      maxTokens: 1024,
      onToken: (t) => { text += t; },
      onNode: (n) => { nodes.push(n); textWhenFirstNode ??= text; },
    });
    expect(result.cancelled).toBe(false);
    expect(result.stopReason).toBe('fence');
    expect(result.rawOutput).toBe(text);
    expect(result.rawOutput.startsWith('```json\n')).toBe(true);
    expect(result.rawOutput.endsWith('\n```')).toBe(true);
    const json = JSON.parse(result.rawOutput.slice('```json\n'.length, -'\n```'.length)) as { nodes: Array<{ id: string; op: string }> };
    expect(json.nodes.length).toBeGreaterThan(0);
    for (const node of json.nodes) expect(OPERATIONS).toContain(node.op);
    // Every node was announced, in order, and the first one long before the output was complete.
    expect(nodes.map((n) => n.node.id)).toEqual(json.nodes.map((n) => n.id.trim()));
    expect(textWhenFirstNode!.length).toBeLessThan(result.rawOutput.length);
    expect(result.analysis?.graph?.nodes.length).toBe(json.nodes.length);
    const s = result.stats;
    expect(s.promptTokens).toBeGreaterThan(2000);
    expect(s.generatedTokens).toBeGreaterThan(10);
    expect(s.timeToFirstTokenMs).toBeGreaterThan(0);
    expect(s.timeToFirstNodeMs).toBeGreaterThanOrEqual(s.timeToFirstTokenMs!);
    expect(s.totalMs).toBeGreaterThanOrEqual(s.timeToFirstNodeMs!);
    expect(s.tokensPerSecond).toBeGreaterThan(0);
    expect(result.backend).toBe('cpu');
  });

  it('cancels mid-generation and keeps the partial graph', async () => {
    const controller = new AbortController();
    const nodes: StreamedNode[] = [];
    let textAtCancel = '';
    let text = '';
    const result = await service.solve(Q2, {
      maxTokens: 1024,
      signal: controller.signal,
      onToken: (t) => { text += t; },
      onNode: (n) => {
        nodes.push(n);
        if (nodes.length === 1) { textAtCancel = text; controller.abort(); }
      },
    });
    expect(result.cancelled).toBe(true);
    expect(result.stopReason).toBe('cancelled');
    expect(result.ok).toBe(false);
    expect(result.rawOutput.endsWith('\n```')).toBe(false);
    // Generation stops within a token or two of the cancel.
    expect(result.rawOutput.length - textAtCancel.length).toBeLessThan(8);
    expect(result.graph?.nodes.map((n) => n.id)).toEqual(nodes.map((n) => n.node.id));
    // The service is usable again afterwards.
    const next = await service.solve(Q1, { maxTokens: 8 });
    expect(next.cancelled).toBe(false);
  });

  it('without the grammar, stops at maxTokens and reports the output as not a graph', async () => {
    const result = await service.solve(Q1, { grammar: false, maxTokens: 20 });
    expect(result.stopReason === 'maxTokens' || result.stopReason === 'eog').toBe(true);
    expect(result.stats.generatedTokens).toBeLessThanOrEqual(20);
    expect(result.ok).toBe(false);
    expect(result.diagnostics.length).toBeGreaterThan(0);
    const parser = new NodeStreamParser();
    parser.push(result.rawOutput);
    expect(result.graph === null || result.graph.nodes.length === parser.nodes.length).toBe(true);
  });

  it('gives clear load errors: missing file, non-GGUF file, and nothing loaded', async () => {
    const other = new InferenceService();
    await expect(other.solve(Q1)).rejects.toBeInstanceOf(InferenceError);
    await expect(other.load('/nonexistent/model.gguf', { threads: 1 })).rejects.toThrow(/not found/);
    expect(other.status.state).toBe('error');
    await expect(other.load(new URL(import.meta.url).pathname, { threads: 1 })).rejects.toThrow(/not a readable GGUF|not a GGUF/);
  });
});
