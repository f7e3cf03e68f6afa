/** `dagger-tutor models get` end to end through runCli against the local Hub-like server. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/cli.js';
import type { CliIO } from '../../src/cli/command.js';
import { filesOfFolder, startFakeHub, type FakeHub } from '../support/fake-hub.js';

const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/gemma3-tiny/gemma3-tiny-text');
const TOKEN = 'hf_cli_test_token_abcdef';

function io(env: NodeJS.ProcessEnv) {
  const out: string[] = [];
  const err: string[] = [];
  const cli: CliIO = { out: (t) => void out.push(t), err: (t) => void err.push(t), readStdin: async () => '', env };
  return { cli, out: () => out.join(''), err: () => err.join('') };
}

let hub: FakeHub;
let dataDir: string;
beforeAll(async () => {
  hub = await startFakeHub([{ id: 'test/private-tiny', files: filesOfFolder(FIXTURE), token: TOKEN }]);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dagger-get-cli-'));
});
afterAll(async () => {
  await hub.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('models get', () => {
  it('says what to do without a token (exit 1), gets and installs with HF_TOKEN (--json), and lists the source', async () => {
    const env = { DAGGER_TUTOR_HF_ENDPOINT: hub.endpoint };
    const refused = io(env);
    expect(await runCli(['--data-dir', dataDir, 'models', 'get', 'test/private-tiny'], refused.cli)).toBe(1);
    expect(refused.err()).toMatch(/needs an access token.*huggingface\.co\/test\/private-tiny.*HF_TOKEN/);

    const got = io({ ...env, HF_TOKEN: TOKEN });
    expect(await runCli(['--data-dir', dataDir, 'models', 'get', 'test/private-tiny', '--quant', 'F16', '--json'], got.cli)).toBe(0);
    const result = JSON.parse(got.out()) as Record<string, unknown>;
    expect(result).toMatchObject({ ok: true, repo: 'test/private-tiny', revision: 'main', commit: hub.commitOf('test/private-tiny'), quant: 'F16' });
    expect(result.file).toBe(path.join(dataDir, 'models', 'private-tiny-F16.gguf'));
    expect(got.err()).toMatch(/disk: needs .* free in/);
    expect(got.err()).toMatch(/download: 100%/);
    expect(got.err()).not.toContain(TOKEN);

    const list = io(env);
    expect(await runCli(['--data-dir', dataDir, 'models', 'list'], list.cli)).toBe(0);
    expect(list.out()).toContain(`from test/private-tiny@${hub.commitOf('test/private-tiny').slice(0, 12)} (main), F16, sha256 ${String(result.sha256)}`);
  });

  it('refuses a bad type or a missing repository name as usage errors (exit 2)', async () => {
    const env = { DAGGER_TUTOR_HF_ENDPOINT: hub.endpoint };
    const badQuant = io(env);
    expect(await runCli(['--data-dir', dataDir, 'models', 'get', 'test/private-tiny', '--quant', 'Q3_K'], badQuant.cli)).toBe(2);
    expect(badQuant.err()).toMatch(/--quant must be one of Q4_K_M, Q8_0, F16, BF16, F32/);
    expect(await runCli(['--data-dir', dataDir, 'models', 'get'], io(env).cli)).toBe(2);
  });
});
