/** `models convert` end to end through runCli: JSON result, progress on stderr, exit 0/1/2. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../../src/cli/cli.js';
import type { CliIO } from '../../src/cli/command.js';
import { CHECKPOINT_DIR, differencesFromManifest, readManifest } from './reference.js';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const cli: CliIO = { out: (t) => void out.push(t), err: (t) => void err.push(t), readStdin: async () => '', env: {} };
  return { cli, out: () => out.join(''), err: () => err.join('') };
}

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dagger-convert-cli-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

it('models convert --json prints {ok, out, quant, tensors, bytes, seconds} and reports progress on stderr', async () => {
  const out = path.join(tmp, 'tiny.gguf');
  const t = io();
  expect(await runCli(['--data-dir', tmp, 'models', 'convert', CHECKPOINT_DIR, '--quant', 'Q8_0', '--out', out, '--json'], t.cli)).toBe(0);
  const printed = JSON.parse(t.out()) as Record<string, unknown>;
  expect(Object.keys(printed).sort()).toEqual(['bytes', 'ok', 'out', 'quant', 'seconds', 'tensors']);
  expect(printed).toMatchObject({ ok: true, out, quant: 'Q8_0', tensors: 80, bytes: fs.statSync(out).size });
  expect(t.err()).toMatch(/quantise: 100 %/);
  expect(t.err()).toMatch(/verify: 100 %/);
  expect(differencesFromManifest(out, readManifest('Q8_0'))).toEqual([]);
});

it('exits 1 with a sentence for a folder that is not a Gemma-3 checkpoint, 2 for a bad --quant or a missing --out', async () => {
  const notCheckpoint = io();
  expect(await runCli(['--data-dir', tmp, 'models', 'convert', tmp, '--out', path.join(tmp, 'x.gguf')], notCheckpoint.cli)).toBe(1);
  expect(notCheckpoint.err()).toMatch(/has no config\.json/);
  const badQuant = io();
  expect(await runCli(['--data-dir', tmp, 'models', 'convert', CHECKPOINT_DIR, '--quant', 'Q3_K', '--out', path.join(tmp, 'x.gguf')], badQuant.cli)).toBe(2);
  expect(badQuant.err()).toMatch(/--quant must be one of Q4_K_M, Q8_0, F16, BF16, F32/);
  const noOut = io();
  expect(await runCli(['--data-dir', tmp, 'models', 'convert', CHECKPOINT_DIR], noOut.cli)).toBe(2);
  expect(noOut.err()).toMatch(/needs --out FILE/);
  expect(fs.readdirSync(tmp).filter((f) => f.startsWith('x.gguf'))).toEqual([]);
});
