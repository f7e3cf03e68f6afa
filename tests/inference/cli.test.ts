/** The inference CLI commands end to end through runCli, on the real test model and real files. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/cli.js';
import type { CliIO } from '../../src/cli/command.js';
import { buildDaggerPrompt } from '../../src/core/prompt.js';
import { answersMatch, isWellFormed } from '../../src/cli/commands/eval-metrics.js';
import { ensureTestModel, realVocabTestModel } from '../support/test-model.js';

function io(env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const cli: CliIO = { out: (t) => void out.push(t), err: (t) => void err.push(t), readStdin: async () => '', env };
  return { cli, out: () => out.join(''), err: () => err.join('') };
}

const ENV = { DAGGER_TUTOR_THREADS: '1', DAGGER_TUTOR_CONTEXT: '8192' };
let model: string;
let dataDir: string;
beforeAll(async () => {
  model = await ensureTestModel();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dagger-cli-'));
});

describe('inference CLI', () => {
  it('prompt --json prints the exact model input', async () => {
    const q = 'রাজুর কাছে ৫টি আম আছে।';
    const t = io();
    expect(await runCli(['--data-dir', dataDir, 'prompt', '--json', q], t.cli)).toBe(0);
    expect(JSON.parse(t.out())).toEqual({ prompt: buildDaggerPrompt(q) });
  });

  it('prompt --model --json adds the token ids the context holds after evaluating it: one <bos>, then <start_of_turn>', async () => {
    const q = 'রাজুর কাছে ৫টি আম আছে।';
    const t = io(ENV);
    expect(await runCli(['--data-dir', dataDir, 'prompt', '--model', await realVocabTestModel(), '--json', q], t.cli)).toBe(0);
    const printed = JSON.parse(t.out()) as { prompt: string; tokens: number[]; tokenCount: number };
    expect(Object.keys(printed).sort()).toEqual(['prompt', 'tokenCount', 'tokens']);
    expect(printed.prompt).toBe(buildDaggerPrompt(q));
    expect(printed.tokens.slice(0, 2)).toEqual([2, 105]);
    expect(printed.tokens.filter((id) => id === 2)).toHaveLength(1);
    expect(printed.tokenCount).toBe(printed.tokens.length);
    // Gemma-3's vocabulary: ~750 tokens for this prompt (the byte-level test model needs ~2,900).
    expect(printed.tokenCount).toBeGreaterThan(700);
    expect(printed.tokenCount).toBeLessThan(800);
    const missing = io(ENV);
    expect(await runCli(['--data-dir', dataDir, 'prompt', '--model', '/nope.gguf', q], missing.cli)).toBe(2);
    expect(missing.err()).toMatch(/not found/);
  });

  it('solve without any model exits 2 with a clear message', async () => {
    const t = io(ENV);
    expect(await runCli(['--data-dir', dataDir, 'solve', 'x'], t.cli)).toBe(2);
    expect(t.err()).toMatch(/no model installed/);
    const bad = io(ENV);
    expect(await runCli(['--data-dir', dataDir, 'solve', '--model', '/nope.gguf', 'x'], bad.cli)).toBe(2);
    expect(bad.err()).toMatch(/not found/);
  });

  it('models import/list, then solve --json on the installed model (exit 1: a random model writes no executable graph)', async () => {
    expect(await runCli(['--data-dir', dataDir, 'models', 'import', model], io().cli)).toBe(0);
    const list = io();
    expect(await runCli(['--data-dir', dataDir, 'models', 'list', '--json'], list.cli)).toBe(0);
    expect(JSON.parse(list.out())).toHaveLength(1);
    const t = io(ENV);
    const code = await runCli(['--data-dir', dataDir, 'solve', '--json', '--max-tokens', '64', 'রাজুর কাছে ৫টি আম আছে।'], t.cli);
    const result = JSON.parse(t.out()) as Record<string, unknown>;
    expect(Object.keys(result).sort()).toEqual(['answer', 'backend', 'diagnostics', 'graph', 'ok', 'rawOutput', 'stats']);
    expect(code).toBe(result.ok ? 0 : 1);
    expect(result.stats).toMatchObject({ generatedTokens: 64 });
    expect(await runCli(['--data-dir', dataDir, 'solve', '--max-tokens', 'many', 'q'], io(ENV).cli)).toBe(2);
  });

  it('eval reports accuracy, format validity and timing; bad lines are named and skipped', async () => {
    const file = path.join(dataDir, 'set.jsonl');
    fs.writeFileSync(file, '{"question": "রাজুর কাছে ৫টি আম আছে।", "answer": "৫"}\n{oops\n{"question": "y", "answer": 2}\n');
    const t = io(ENV);
    expect(await runCli(['--data-dir', dataDir, 'eval', file, '--limit', '1', '--json'], t.cli)).toBe(0);
    const report = JSON.parse(t.out()) as { problems: number; accuracy: number; formatValidity: number; skippedLines: number; meanGeneratedTokens: number };
    expect(report).toMatchObject({ problems: 1, skippedLines: 1, accuracy: 0 });
    expect(report.meanGeneratedTokens).toBeGreaterThan(0);
    expect(t.err()).toMatch(/skipped line 2: not valid JSON/);
    expect(t.err()).toMatch(/\[1\/1\]/);
  });

  it('scores like the paper', () => {
    expect(answersMatch(5572092.0000001, 5572092)).toBe(true);
    expect(answersMatch(5.0001, 5)).toBe(false);
    expect(answersMatch(0, 0)).toBe(true);
    expect(answersMatch(null, 0)).toBe(false);
    const good = '```json\n{"nodes": [{"id": "a"}, {"id": "b"}, {"id": "final_result"}]}\n```\n';
    expect(isWellFormed(good)).toBe(true);
    expect(isWellFormed(good.replace('"final_result"', '"c"'))).toBe(false);
    expect(isWellFormed('{"nodes": []}')).toBe(false);
  });
});
