/**
 * The real desktop app through Playwright's Electron driver (`_electron.launch`): start-up,
 * solving on the generated test model through the preload bridge and IPC, and quitting — also
 * in the middle of a generation — without losing history.
 *
 * Needs an Electron binary. The `electron` package downloads it from GitHub, which these build
 * machines cannot reach; there every test here is SKIPPED with the reason in the report (and
 * `npm start` says the same). Wherever `node node_modules/electron/install.js` has run, they run.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { ensureTestModel } from '../tests/support/test-model.js';
import { findElectron } from './electron-app.js';
import type { Envelope, SolveEvent, SolveResult } from '../src/shared/api.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const { binary, reason } = findElectron();
// Say it in the run's output too, not only in the report's annotations.
if (binary === null) console.log(`e2e/electron.spec.ts: Electron tests skipped — ${reason}`);

test.describe('Electron app', () => {
  test.skip(binary === null, reason);
  test.describe.configure({ mode: 'serial' });

  let dataDir: string;
  let modelPath: string;

  test.beforeAll(async () => {
    // The app runs from out/ (what electron-builder packages): build it once.
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: ROOT, stdio: 'inherit' });
    modelPath = await ensureTestModel();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dagger-electron-'));
  });
  test.afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  async function launch(): Promise<{ app: ElectronApplication; page: Page }> {
    const app = await electron.launch({
      executablePath: binary!,
      // Chromium refuses its sandbox as root (CI containers); the app's own sandbox flags stay on.
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), path.join(ROOT, 'out', 'main', 'index.js')],
      env: { ...process.env, DAGGER_TUTOR_DATA_DIR: dataDir, DAGGER_TUTOR_MODEL: modelPath, DAGGER_TUTOR_THREADS: '1' },
    });
    const page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    return { app, page };
  }

  /** Calls the contract through the real preload bridge (`window.dagger`) and IPC. */
  function call(page: Page, method: string, request: unknown): Promise<Envelope<unknown>> {
    return page.evaluate(([m, r]) => window.dagger!.call(m as string, r), [method, request] as const);
  }

  test('starts securely: one window, the app page, only the contract exposed', async () => {
    const { app, page } = await launch();
    try {
      await expect(page).toHaveTitle(/DAGGER/);
      await expect(page.locator('#root')).not.toBeEmpty();
      const exposed = await page.evaluate(() => ({
        bridge: Object.keys(window.dagger ?? {}).sort(),
        node: typeof (globalThis as { require?: unknown }).require,
        process: typeof (globalThis as { process?: unknown }).process,
      }));
      expect(exposed).toEqual({ bridge: ['call', 'host', 'stream'], node: 'undefined', process: 'undefined' });
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
      // Navigation away from the app is refused.
      const before = page.url();
      await page.evaluate(() => { window.location.href = 'https://example.com/'; }).catch(() => undefined);
      await page.waitForTimeout(200);
      expect(page.url()).toBe(before);
      // window.open is denied.
      await page.evaluate(() => window.open('https://example.com'));
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
      expect(await call(page, 'getAppInfo', {})).toMatchObject({ ok: true, value: { host: 'electron' } });
      expect(await call(page, 'noSuchMethod', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    } finally {
      await app.close();
    }
  });

  test('solves on the test model with streamed events, and records the attempt', async () => {
    const { app, page } = await launch();
    try {
      const outcome = await page.evaluate(async () => {
        const events: SolveEvent[] = [];
        const envelope = await window.dagger!.stream('solve', { requestId: 'e2e-1', question: 'রাজুর কাছে ৫টি আম আছে। সে আরও ৩টি কিনল। কয়টি আম?', maxTokens: 200 }, (e) => events.push(e as SolveEvent));
        return { envelope, types: events.map((e) => e.type) };
      });
      expect(outcome.envelope.ok).toBe(true);
      const result = (outcome.envelope as { ok: true; value: SolveResult }).value;
      expect(result.rawOutput.startsWith('```json')).toBe(true);
      expect(outcome.types).toContain('token');
      expect(outcome.types.at(-1)).toBe('done');
      const profile = (await call(page, 'createProfile', { name: 'মিনা' })) as { ok: true; value: { id: string } };
      const attempt = await call(page, 'recordAttempt', { profileId: profile.value.id, text: 'রাজুর কাছে ৫টি আম আছে। সে আরও ৩টি কিনল। কয়টি আম?', solutionId: result.solutionId, answerText: '৮' });
      expect(attempt.ok).toBe(true);
    } finally {
      await app.close();
    }
  });

  test('quitting during a generation cancels it and keeps the history', async () => {
    const { app, page } = await launch();
    const history = await call(page, 'historyPage', {});
    expect((history as { ok: true; value: { items: unknown[] } }).value.items).toHaveLength(1);
    // Start a long generation and quit while it runs.
    void page.evaluate(() => window.dagger!.stream('solve', { requestId: 'e2e-quit', question: 'মিনার কাছে ১২টি কলম আছে।', maxTokens: 1000 }, () => {}));
    await page.waitForTimeout(300);
    await app.close();
    // The app is gone and the history is intact: start again and read it.
    const again = await launch();
    try {
      const after = await call(again.page, 'historyPage', {});
      expect((after as { ok: true; value: { items: unknown[] } }).value.items).toHaveLength(1);
    } finally {
      await again.app.close();
    }
  });
});
