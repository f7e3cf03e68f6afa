/**
 * Reusable UI flows for the Playwright specs (browser host here; E's Electron spec can reuse them
 * with its own page). They drive the app the way a person does: by visible labels and roles.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import type { ProblemDetail, ProblemPage } from '../../src/shared/api.js';
import { bn } from '../../src/renderer/i18n/bn.js';

export { bn };
export const SCREENSHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');

export function appUrl(): string {
  const url = process.env.DAGGER_E2E_URL;
  if (!url) throw new Error('DAGGER_E2E_URL is not set: run through e2e/playwright.config.ts (global-setup starts the browser host)');
  return url;
}

/** Saves a full-page screenshot to e2e/screenshots/<name>.png. */
export async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Calls the contract directly (to learn a bank answer the test then types like a student). */
export async function callApi<T>(request: APIRequestContext, method: string, body: unknown): Promise<T> {
  const url = new URL(appUrl());
  const response = await request.post(`${url.origin}/api/${method}`, {
    headers: { 'x-dagger-token': process.env.DAGGER_E2E_TOKEN ?? url.searchParams.get('token') ?? '' },
    data: body,
  });
  const envelope = (await response.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error?.message}`);
  return envelope.value as T;
}

export async function findProblem(request: APIRequestContext, filter: Record<string, unknown>, pick: (p: ProblemDetail) => boolean = () => true): Promise<ProblemDetail> {
  const page = await callApi<ProblemPage>(request, 'listProblems', { ...filter, limit: 50 });
  for (const item of page.items) {
    const detail = await callApi<ProblemDetail>(request, 'getProblem', { itemId: item.itemId });
    if (pick(detail)) return detail;
  }
  throw new Error(`no bank problem matches ${JSON.stringify(filter)}`);
}

/**
 * Opens the app; creates (or chooses) the profile and leaves the welcome screen. In Electron the
 * window is already showing the app: pass `{ navigate: false }`.
 */
export async function openAs(page: Page, name: string, role: 'student' | 'teacher' = 'student', options: { navigate?: boolean } = {}): Promise<void> {
  if (options.navigate ?? true) await page.goto(appUrl());
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
  await expect(page.getByText(bn.app.profile.replace('{{name}}', name))).toBeVisible();
  await page.getByRole('button', { name: new RegExp(`^(${bn.firstRun.continue}|${bn.firstRun.skip})$`) }).click();
  await expect(nav).toBeVisible();
}

export async function goTo(page: Page, screen: keyof typeof bn.nav): Promise<void> {
  await page.getByRole('navigation', { name: bn.app.mainNav }).getByRole('link', { name: bn.nav[screen] }).click();
  await expect(page.getByRole('heading', { level: 1, name: screen === 'solve' ? bn.solve.title : bn.nav[screen] })).toBeVisible();
}

/** Imports a .gguf by path (browser host) on the models screen and waits until it is in use. */
export async function importModel(page: Page, modelPath: string): Promise<void> {
  await page.getByLabel(bn.models.pathLabel).fill(modelPath);
  await page.getByRole('button', { name: bn.models.import, exact: true }).click();
  const row = page.getByTestId('installed-models').getByRole('row').filter({ hasText: path.basename(modelPath) });
  await expect(row.getByText(bn.models.inUse)).toBeVisible({ timeout: 30_000 });
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
