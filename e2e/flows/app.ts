/**
 * Reusable UI flows for the Playwright specs, the same in both projects: the browser host in
 * Chromium and the desktop app (see e2e/host.ts for the few differences). They drive the app the
 * way a person does: by visible labels and roles.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type ElectronApplication, type Page } from '@playwright/test';
import type { ProblemDetail, ProblemPage } from '../../src/shared/api.js';
import { bn } from '../../src/renderer/i18n/bn.js';
import { isolateText } from '../../src/shared/bidi.js';
import { appUrl, hostOf } from '../host.js';

export { appUrl, bn, hostOf };
export const SCREENSHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');

/** Saves a full-page screenshot to e2e/screenshots/<name>.png (the desktop app's: electron/<name>.png). */
export async function shot(page: Page, name: string): Promise<void> {
  const dir = hostOf(page).kind === 'electron' ? path.join(SCREENSHOTS, 'electron') : SCREENSHOTS;
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/** Opens the app from its start (the browser host's address; the desktop window reloaded). */
export async function openApp(page: Page): Promise<void> {
  await hostOf(page).open();
}

/** Calls the contract directly (to learn a bank answer the test then types like a student). */
export function callApi<T>(page: Page, method: string, body: unknown): Promise<T> {
  return hostOf(page).call<T>(method, body);
}

export async function findProblem(page: Page, filter: Record<string, unknown>, pick: (p: ProblemDetail) => boolean = () => true): Promise<ProblemDetail> {
  const found = await callApi<ProblemPage>(page, 'listProblems', { ...filter, limit: 50 });
  for (const item of found.items) {
    const detail = await callApi<ProblemDetail>(page, 'getProblem', { itemId: item.itemId });
    if (pick(detail)) return detail;
  }
  throw new Error(`no bank problem matches ${JSON.stringify(filter)}`);
}

/**
 * Opens the app; creates (or chooses) the profile and leaves the welcome screen. `{ navigate:
 * false }` works on the app as it is now (no fresh start).
 */
export async function openAs(page: Page, name: string, role: 'student' | 'teacher' = 'student', options: { navigate?: boolean } = {}): Promise<void> {
  if (options.navigate ?? true) await openApp(page);
  const welcome = page.getByRole('heading', { name: bn.firstRun.welcome });
  const nav = page.getByRole('navigation', { name: bn.app.mainNav });
  await expect(welcome.or(nav)).toBeVisible();
  if (await nav.isVisible()) {
    if (await page.getByText(bn.app.profile.replace('{{name}}', name)).isVisible()) return;
    await page.getByRole('button', { name: bn.app.switchProfile }).click();
  }
  const existing = page.getByRole('button', { name: new RegExp(`^${name} \\(`) });
  if (await existing.count()) {
    await existing.click();
  } else {
    await page.getByLabel(bn.firstRun.name).fill(name);
    await page.getByLabel(bn.firstRun.role).selectOption(role);
    await page.getByRole('button', { name: bn.firstRun.create }).click();
  }
  await expect(profileHeader(page, name)).toBeVisible();
  await page.getByRole('button', { name: new RegExp(`^(${bn.firstRun.continue}|${bn.firstRun.skip})$`) }).click();
  await expect(nav).toBeVisible();
}

/** The header's "profile: NAME", the name isolated as all user text is (src/shared/bidi.ts). */
export function profileHeader(page: Page, name: string) {
  return page.getByText(bn.app.profile.replace('{{name}}', isolateText(name)));
}

export async function goTo(page: Page, screen: keyof typeof bn.nav): Promise<void> {
  await page.getByRole('navigation', { name: bn.app.mainNav }).getByRole('link', { name: bn.nav[screen] }).click();
  await expect(page.getByRole('heading', { level: 1, name: screen === 'solve' ? bn.solve.title : bn.nav[screen] })).toBeVisible();
}

/**
 * Starts importing a .gguf on the models screen: typed as a path in the browser host; chosen in
 * the desktop app's native file dialog, which the test answers (an OS dialog cannot be driven).
 */
export async function chooseModelFile(page: Page, file: string): Promise<void> {
  const app = hostOf(page).electron;
  if (app) {
    await app.evaluate(({ dialog }, chosen) => {
      dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: [chosen] })) as unknown as typeof dialog.showOpenDialog;
    }, file);
    await page.getByRole('button', { name: bn.models.browse, exact: true }).click();
  } else {
    await page.getByLabel(bn.models.pathLabel).fill(file);
    await page.getByRole('button', { name: bn.models.import, exact: true }).click();
  }
}

/** Imports a .gguf on the models screen and waits until it is in use. */
export async function importModel(page: Page, modelPath: string): Promise<void> {
  await chooseModelFile(page, modelPath);
  const row = page.getByTestId('installed-models').getByRole('row').filter({ hasText: path.basename(modelPath) });
  await expect(row.getByText(bn.models.inUse)).toBeVisible({ timeout: 30_000 });
}

/**
 * Clicks an export button and returns the file the user gets, saved in `dir`: the browser's
 * download, or the desktop app's native save dialog (answered with `dir`) and the app's write.
 */
export async function exportFile(page: Page, button: string, dir: string): Promise<{ name: string; text: string }> {
  fs.mkdirSync(dir, { recursive: true });
  const app = hostOf(page).electron;
  if (!app) {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
    await file.saveAs(path.join(dir, file.suggestedFilename()));
    return { name: file.suggestedFilename(), text: fs.readFileSync(path.join(dir, file.suggestedFilename()), 'utf8') };
  }
  await answerSaveDialog(app, dir);
  await page.getByRole('button', { name: button }).click();
  await expect.poll(() => app.evaluate(() => (globalThis as SaveRecord).daggerE2eSaved ?? null)).not.toBeNull();
  const saved = (await app.evaluate(() => (globalThis as SaveRecord).daggerE2eSaved))!;
  // The app reports the file once it has written it (the status is cleared when an export starts).
  await expect(page.getByTestId('review-status')).toContainText(bn.review.exported.split('}}')[1]!.trim());
  return { name: path.basename(saved), text: fs.readFileSync(saved, 'utf8') };
}

type SaveRecord = { daggerE2eSaved?: string | null };

/** The desktop app's next save dialogs answer `dir`/<the suggested name>, recorded for the test. */
async function answerSaveDialog(app: ElectronApplication, dir: string): Promise<void> {
  await app.evaluate(({ dialog }, folder) => {
    (globalThis as SaveRecord).daggerE2eSaved = null;
    dialog.showSaveDialog = (async (...args: unknown[]) => {
      // Called as (window, options) or (options).
      const options = args.at(-1) as { defaultPath?: string };
      const name = String(options.defaultPath ?? 'export').split(/[\\/]/).pop();
      const filePath = `${folder}/${name}`;
      (globalThis as SaveRecord).daggerE2eSaved = filePath;
      return { canceled: false, filePath };
    }) as unknown as typeof dialog.showSaveDialog;
  }, dir);
}

/** Collects Content-Security-Policy violations and page errors; assert it is empty at the end. */
export function watchPage(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}

/** Bangla digits for typing answers the way a Bangladeshi student would. */
export function bangla(value: number): string {
  return String(value).replace(/[0-9]/g, (d) => '০১২৩৪৫৬৭৮৯'[Number(d)]!);
}
