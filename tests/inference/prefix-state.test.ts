/**
 * The instruction prefix, evaluated once per model, ever: saved after a load, restored by a new
 * process, refused (and rebuilt) when the model file, the settings or the file itself changed, and
 * never changing what the model writes: the same greedy tokens with a restored state, a freshly
 * evaluated one, and none. Real llama.cpp on the byte-level test model (its prompt is ~2,900
 * tokens, so a restore that went wrong could not hide), threads: 1.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InferenceService } from '../../src/main/services/inference/inference-service.js';
import { prefixStateBytesOf, prefixStateFilesOf } from '../../src/main/services/inference/prefix-state.js';
import type { LoadOptions, PrefixStatus } from '../../src/main/services/inference/types.js';
import { ModelService } from '../../src/main/services/models/model-service.js';
import { dataPaths } from '../../src/main/services/paths.js';
import { ensureTestModel, realVocabTestModel } from '../support/test-model.js';

const QUESTION = 'রাজুর কাছে ৫টি আম আছে। সে আরও ৩টি কিনল। তার কাছে এখন কয়টি আম?';
const CONTEXT = 8192;
const MAX_TOKENS = 48;
const ROOT = path.resolve(import.meta.dirname, '../..');

let sourceModel: string;
let work: string;
let model: string;
let stateDir: string;
let models: ModelService;

beforeAll(async () => {
  sourceModel = await ensureTestModel();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'dagger-prefix-'));
  // Installed in a data folder of its own (a private copy: one test changes the file's mtime).
  const named = path.join(work, 'dagger-test.gguf');
  fs.copyFileSync(sourceModel, named);
  models = new ModelService(path.join(work, 'data'));
  model = (await models.import(named)).path;
  stateDir = dataPaths(models.dataDir).prefixStates;
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

interface Run { prefix: PrefixStatus | null; contextTokens: number[]; rawOutput: string; promptTokensEvaluated: number }

/** Loads, lets the prefix get ready, solves greedily, unloads. */
async function solveHere(options: LoadOptions = {}): Promise<Run> {
  const service = new InferenceService();
  try {
    await service.load(model, { contextSize: CONTEXT, threads: 1, gpu: false, prefixStateDir: stateDir, ...options });
    const result = await service.solve(QUESTION, { maxTokens: MAX_TOKENS });
    return {
      prefix: service.status.prefix,
      contextTokens: [...service.internals!.sequence.contextTokens],
      rawOutput: result.rawOutput,
      promptTokensEvaluated: result.stats.promptTokensEvaluated,
    };
  } finally {
    await service.dispose();
  }
}

/** The same in a new process: nothing of this process's llama.cpp state can help it. */
async function solveInChildProcess(): Promise<Run> {
  const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
  const { stdout } = await promisify(execFile)(tsx, [
    path.join(ROOT, 'tests', 'support', 'solve-in-child.ts'), model, stateDir, String(CONTEXT), String(MAX_TOKENS), QUESTION,
  ], { cwd: ROOT, timeout: 60_000 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Run;
}

const stateFile = () => prefixStateFilesOf(stateDir, path.basename(model)).find((f) => f.endsWith('.prefix-state'))!;

describe('instruction prefix state', () => {
  let reference: Run;

  it('is evaluated after the load and saved (state + manifest), and the solve then evaluates only the question', async () => {
    reference = await solveHere();
    expect(reference.prefix).toMatchObject({ state: 'ready', source: 'evaluated', note: null });
    expect(reference.prefix!.totalTokens).toBeGreaterThan(2000);
    expect(reference.prefix!.evaluatedTokens).toBe(reference.prefix!.totalTokens);
    const files = prefixStateFilesOf(stateDir, path.basename(model)).map((f) => path.basename(f)).sort();
    expect(files).toEqual([expect.stringMatching(/^dagger-test\.gguf\.[0-9a-f]{16}\.prefix-state$/), expect.stringMatching(/\.prefix-state\.json$/)]);
    expect(reference.prefix!.stateBytes).toBe(fs.statSync(stateFile()).size);
    expect(prefixStateBytesOf(stateDir, path.basename(model))).toBeGreaterThan(reference.prefix!.stateBytes!);
    // The question and the turn end: a small fraction of the prompt.
    expect(reference.promptTokensEvaluated).toBeLessThan(reference.contextTokens.length - reference.prefix!.totalTokens);
  });

  it('is restored by a new process, which writes the same tokens, token for token', async () => {
    const restored = await solveInChildProcess();
    expect(restored.prefix).toMatchObject({ state: 'ready', source: 'restored', note: null, stateBytes: reference.prefix!.stateBytes });
    expect(restored.promptTokensEvaluated).toBe(reference.promptTokensEvaluated);
    expect(restored.contextTokens).toEqual(reference.contextTokens);
    expect(restored.rawOutput).toBe(reference.rawOutput);
  });

  it('changes nothing in the output: the same tokens without any prefix preparation', async () => {
    const plain = await solveHere({ preparePrefix: false, prefixStateDir: undefined });
    expect(plain.prefix).toBeNull();
    expect(plain.contextTokens).toEqual(reference.contextTokens);
  });

  it('is refused and rebuilt when the state file is damaged', async () => {
    const file = stateFile();
    const bytes = fs.readFileSync(file);
    bytes[Math.floor(bytes.length / 2)] ^= 0xff;
    fs.writeFileSync(file, bytes);
    const run = await solveHere();
    expect(run.prefix).toMatchObject({ state: 'ready', source: 'evaluated', note: expect.stringMatching(/damaged/) });
    expect(run.contextTokens).toEqual(reference.contextTokens);
    // Rebuilt: the next load restores again.
    expect((await solveHere()).prefix?.source).toBe('restored');
  });

  it('is refused when half-written (a state without its manifest, or cut short)', async () => {
    const file = stateFile();
    fs.rmSync(`${file}.json`);
    const noManifest = await solveHere();
    expect(noManifest.prefix?.source).toBe('evaluated');
    expect(noManifest.contextTokens).toEqual(reference.contextTokens);

    fs.truncateSync(stateFile(), Math.floor(fs.statSync(stateFile()).size / 2));
    const truncated = await solveHere();
    expect(truncated.prefix).toMatchObject({ source: 'evaluated', note: expect.stringMatching(/wrong size/) });
  });

  it('is refused when the context settings change, and when the model file changes', async () => {
    const otherContext = await solveHere({ contextSize: CONTEXT / 2 });
    expect(otherContext.prefix).toMatchObject({ source: 'evaluated', note: expect.stringMatching(/another model file, setting or version/) });
    // Only the new key's files remain.
    expect(prefixStateFilesOf(stateDir, path.basename(model))).toHaveLength(2);

    const back = await solveHere();
    expect(back.prefix?.source).toBe('evaluated');
    fs.utimesSync(model, new Date(), new Date(Date.now() + 60_000));
    const touched = await solveHere();
    expect(touched.prefix).toMatchObject({ source: 'evaluated', note: expect.stringMatching(/another model file/) });
    expect(touched.contextTokens).toEqual(reference.contextTokens);
  });

  it('is refused when the manifest belongs to another model but was copied under this key', async () => {
    const file = stateFile();
    const manifest = JSON.parse(fs.readFileSync(`${file}.json`, 'utf8')) as { key: { parts: { model: { sizeBytes: number } } } };
    manifest.key.parts.model.sizeBytes += 1;
    fs.writeFileSync(`${file}.json`, JSON.stringify(manifest));
    const run = await solveHere();
    expect(run.prefix).toMatchObject({ source: 'evaluated', note: expect.stringMatching(/does not match/) });
  });

  it('is listed with its model (inside the data folder) and deleted with it', () => {
    const stateBytes = prefixStateBytesOf(stateDir, path.basename(model));
    expect(stateBytes).toBeGreaterThan(0);
    expect(stateDir.startsWith(models.dataDir + path.sep)).toBe(true);
    expect(models.list()).toEqual([expect.objectContaining({ path: model, prefixStateBytes: stateBytes })]);
    expect(models.delete(path.basename(model))).toBe(true);
    expect(prefixStateFilesOf(stateDir, path.basename(model))).toEqual([]);
  });
});

describe('instruction prefix with Gemma-3\'s real vocabulary', () => {
  it('holds exactly what a solve feeds (one <bos>), so a restored prefix leaves only the question to evaluate', async () => {
    const realModel = await realVocabTestModel();
    const dir = path.join(work, 'real-vocab-state');
    const run = async () => {
      const service = new InferenceService();
      try {
        await service.load(realModel, { contextSize: 4096, threads: 1, gpu: false, prefixStateDir: dir });
        const { bos } = service.internals!.model.tokens;
        const result = await service.solve(QUESTION, { maxTokens: 1 });
        return { bos, prefix: service.status.prefix!, tokens: [...service.internals!.sequence.contextTokens], result };
      } finally {
        await service.dispose();
      }
    };
    const first = await run();
    expect(first.prefix.source).toBe('evaluated');
    const restored = await run();
    expect(restored.prefix.source).toBe('restored');
    // ~750 instruction tokens of a ~780-token prompt, starting with a single <bos>.
    expect(restored.prefix.totalTokens).toBeGreaterThan(700);
    expect(restored.tokens[0]).toBe(restored.bos);
    expect(restored.tokens[1]).not.toBe(restored.bos);
    const questionTokens = restored.result.stats.promptTokens - restored.prefix.totalTokens;
    expect(restored.result.stats.promptTokensEvaluated).toBeLessThanOrEqual(questionTokens);
    expect(restored.result.stats.promptTokensEvaluated).toBeGreaterThanOrEqual(questionTokens - 1);
    expect(restored.tokens).toEqual(first.tokens);
  });
});
