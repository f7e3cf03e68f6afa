/**
 * Export and import in teacher review: the selected work as JSON, CSV and a printable report;
 * re-importing our own export changes nothing; a damaged file is refused whole with a message;
 * a student's file from another computer (made by the real `dagger-tutor` CLI) is merged.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { expect, test } from './fixtures.js';
import { bn, exportFile, goTo, openAs, shot } from './flows/app.js';

const ROOT = path.resolve(import.meta.dirname, '..');

function cli(args: string[]): void {
  const result = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['src/cli/main.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`dagger-tutor ${args.join(' ')} failed: ${result.stderr}`);
}

test('export selected work as JSON, CSV and report; import a student file', async ({ page }) => {
  test.setTimeout(90_000);
  await openAs(page, 'শিক্ষক রহিম', 'teacher');
  await goTo(page, 'review');
  const rows = page.getByTestId('attempt-list').locator('[data-attempt-id]');
  await expect(rows.first()).toBeVisible();
  const before = await rows.count();

  // Select two attempts and export them.
  await rows.nth(0).getByRole('checkbox').check();
  await rows.nth(1).getByRole('checkbox').check();
  await expect(page.getByText(bn.review.exportScopeSelected.replace('{{count}}', '২'))).toBeVisible();
  const json = await exportFile(page, bn.review.exportJson, test.info().outputPath());
  expect(json.name).toMatch(/\.json$/);
  const parsed = JSON.parse(json.text) as { format: string; data?: { attempts?: unknown[] } };
  expect(parsed.format).toContain('dagger-tutor');
  expect(JSON.stringify(parsed)).toContain((await rows.nth(0).getAttribute('data-attempt-id'))!);
  const csv = await exportFile(page, bn.review.exportCsv, test.info().outputPath());
  expect(csv.text.charCodeAt(0)).toBe(0xfeff); // BOM: Excel shows Bangla
  expect(csv.text.trim().split('\n').length).toBe(3); // header + 2 attempts
  const report = await exportFile(page, bn.review.exportReport, test.info().outputPath());
  expect(report.text).toContain('<svg');

  // Re-importing our own export adds nothing.
  const jsonPath = path.join(test.info().outputPath(), json.name);
  await page.getByTestId('import-file').setInputFiles(jsonPath);
  await expect(page.getByTestId('review-status')).toContainText(bn.review.importDone.split('{{')[0]!);
  await expect(page.getByTestId('review-status')).toContainText('০ টি চেষ্টা');

  // A damaged file is refused whole, with a message; nothing changes.
  const damaged = path.join(test.info().outputPath(), 'damaged.json');
  fs.writeFileSync(damaged, json.text.slice(0, Math.floor(json.text.length / 2)));
  await page.getByTestId('import-file').setInputFiles(damaged);
  await expect(page.getByRole('alert')).toContainText(bn.review.importFailed.split('{{')[0]!);
  await expect(rows).toHaveCount(before);

  // A student's file from another computer: made with the real CLI on its own data folder.
  const other = fs.mkdtempSync(path.join(os.tmpdir(), 'dagger-student-'));
  try {
    cli(['--data-dir', other, 'dev', 'seed', '--profiles', '1', '--attempts', '6', '--seed', '11']);
    const studentFile = path.join(other, 'student-export.json');
    cli(['--data-dir', other, 'export', '--format', 'json', '--out', studentFile]);
    await page.getByTestId('import-file').setInputFiles(studentFile);
    await expect(page.getByTestId('review-status')).toContainText('৬ টি চেষ্টা');
    await expect(rows).toHaveCount(before + 6);
  } finally {
    fs.rmSync(other, { recursive: true, force: true });
  }
  await shot(page, '11-export-import');
});
