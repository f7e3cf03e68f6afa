/**
 * First run on a new installation: no profiles, no models. The student creates a profile, sees
 * the model catalog with a fit verdict for this computer, downloads a model with a progress bar
 * (a local server plays the part of the internet) and starts practising.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures.js';
import { bn, openApp, profileHeader, shot, watchPage } from './flows/app.js';

/** Serves the test model slowly enough (about 1.5 s) that the progress bar can be seen. */
async function slowModelServer(file: string): Promise<{ url: string; close(): Promise<void> }> {
  const bytes = fs.readFileSync(file);
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.length });
    let offset = 0;
    const CHUNK = 16 * 1024;
    const timer = setInterval(() => {
      if (offset >= bytes.length || res.destroyed) {
        clearInterval(timer);
        res.end();
        return;
      }
      res.write(bytes.subarray(offset, offset + CHUNK));
      offset += CHUNK;
    }, 60);
    req.on('close', () => clearInterval(timer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/dagger-test-model.gguf`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

test('first run: profile, model catalog, download with progress, practice without a model first', async ({ page }) => {
  const server = await slowModelServer(process.env.DAGGER_E2E_MODEL!);
  const problems = watchPage(page);
  try {
    await openApp(page);
    await expect(page.getByRole('heading', { name: bn.firstRun.welcome })).toBeVisible();
    // The shipped Bangla font is loaded (offline, from the app itself).
    await page.evaluate(() => document.fonts.ready);
    expect(await page.evaluate(() => document.fonts.check('16px "Noto Sans Bengali"', 'বাংলা'))).toBe(true);
    expect(await page.evaluate(() => [...document.fonts].some((f) => f.family.includes('Noto Sans Bengali') && f.status === 'loaded'))).toBe(true);
    await expect(page.getByText(bn.firstRun.noProfiles)).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'bn');

    // The catalog: sizes and a fit verdict for this computer on every entry.
    const catalogRows = page.getByTestId('model-catalog').locator('tbody tr');
    await expect(catalogRows.first()).toBeVisible();
    expect(await catalogRows.count()).toBeGreaterThanOrEqual(4);
    const fits = new RegExp(`${bn.models.fitFits}|${bn.models.fitTight}|${bn.models.fitTooBig}|${bn.models.fitUnknown}`);
    for (const row of await catalogRows.all()) await expect(row).toContainText(fits);

    // A profile; practice is possible before any model exists.
    await page.getByLabel(bn.firstRun.name).fill('রিনা');
    await page.getByRole('button', { name: bn.firstRun.create }).click();
    await expect(profileHeader(page, 'রিনা')).toBeVisible();
    await expect(page.getByRole('button', { name: bn.firstRun.skip })).toBeEnabled();
    await expect(page.getByTestId('model-badge')).toHaveText(bn.app.noModelBadge);

    // Download a model: the progress bar appears, then the model is installed and in use.
    await page.getByLabel(bn.models.urlLabel).fill(server.url);
    await page.getByRole('button', { name: bn.models.download, exact: true }).last().click();
    const progress = page.getByTestId('download-progress');
    await expect(progress).toBeVisible();
    await expect(progress.getByRole('progressbar')).toBeVisible();
    await shot(page, '01-first-run-downloading');
    await expect(page.getByText(bn.models.downloadDone)).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('installed-models').getByText(bn.models.inUse)).toBeVisible();
    await expect(page.getByTestId('model-badge')).toContainText('dagger-test-model.gguf');
    await shot(page, '01-first-run-ready');

    await page.getByRole('button', { name: bn.firstRun.continue, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: bn.practice.title })).toBeVisible();
    expect(problems).toEqual([]);
  } finally {
    await server.close();
  }
});
