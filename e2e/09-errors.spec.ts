/**
 * Bad input gets a clear sentence in the user's language and loses nothing: a file that is not a
 * GGUF model, a download address that names no model file, a damaged import file, an answer and
 * a date that are not numbers. The developer's English reason is only in the folded "details". The same failures read in English after
 * switching language; the language is switched back to Bangla at the end (shared app instance).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { en } from '../src/renderer/i18n/en.js';
import { expect, test } from './fixtures.js';
import { bn, chooseModelFile, goTo, openAs, shot } from './flows/app.js';

type Catalog = typeof bn;

/** Sets up the review screen's form state that a refused import must not disturb. */
async function fillReviewForm(page: Page, c: Catalog, from: string) {
  await page.getByLabel(c.history.from).fill(from);
  await page.getByLabel(c.history.result).selectOption('yes');
  const rows = page.getByTestId('attempt-list').locator('[data-attempt-id]');
  await expect(rows.first()).toBeVisible();
  await rows.first().getByRole('checkbox').check();
}

async function expectReviewFormKept(page: Page, c: Catalog, from: string, selected: string) {
  await expect(page.getByLabel(c.history.from)).toHaveValue(from);
  await expect(page.getByLabel(c.history.result)).toHaveValue('yes');
  await expect(page.getByText(c.review.selected.replace('{{count}}', selected), { exact: true })).toBeVisible();
  await expect(page.getByTestId('attempt-list').locator('[data-attempt-id]').first().getByRole('checkbox')).toBeChecked();
}

test('errors read in the user\'s language and keep what was typed', async ({ page, host }) => {
  const dir = test.info().outputPath();
  fs.mkdirSync(dir, { recursive: true });
  const notAModel = path.join(dir, 'notes.gguf');
  fs.writeFileSync(notAModel, 'these are my class notes, not a model\n');
  const damaged = path.join(dir, 'damaged.json');
  fs.writeFileSync(damaged, '{"format":"dagger-tutor.practice-export","version":1,"data":{"profiles":[');

  await openAs(page, 'শিক্ষক রহিম', 'teacher');

  // A typed answer that is not a number: explained, and the question and answer stay.
  await goTo(page, 'solve');
  await page.getByTestId('question-input').fill('রিনার কাছে ৩০টি ললিপপ ছিল। এখন কয়টি আছে?');
  await page.getByLabel(bn.solve.yourAnswer).fill('বারো');
  await page.getByRole('button', { name: bn.solve.solve }).click();
  await expect(page.getByRole('alert')).toHaveText(bn.practice.notANumber.replace('{{text}}', 'বারো'));
  await expect(page.getByLabel(bn.solve.yourAnswer)).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel(bn.solve.yourAnswer)).toHaveValue('বারো');
  await expect(page.getByTestId('question-input')).toHaveValue(/৩০টি ললিপপ/);

  // A file that is not a GGUF model: the Bangla sentence; the English reason only under details.
  // (Typed as a path in the browser host; the desktop app has a file dialog instead of the box.)
  await goTo(page, 'settings');
  const typed = host.kind === 'browser';
  await chooseModelFile(page, notAModel);
  const modelError = page.getByTestId('model-error');
  await expect(modelError.getByRole('alert')).toHaveText(bn.errors.modelFile_NOT_GGUF);
  await expect(modelError.locator('code')).toBeHidden();
  await modelError.getByText(bn.errors.details).click();
  await expect(modelError.locator('code')).toContainText('NOT_GGUF');
  if (typed) await expect(page.getByLabel(bn.models.pathLabel)).toHaveValue(notAModel);
  await shot(page, '13-error-not-gguf');

  // Switching language re-reads the same failure in English; the typed path stays.
  await page.getByLabel('English', { exact: true }).check();
  await expect(modelError.getByRole('alert')).toHaveText(en.errors.modelFile_NOT_GGUF);
  if (typed) await expect(page.getByLabel(en.models.pathLabel)).toHaveValue(notAModel);

  // A download address that names no model file: said before anything is fetched; the address stays.
  const notAFile = 'https://example.org/models/';
  await page.getByLabel(en.models.urlLabel).fill(notAFile);
  await page.getByLabel(en.models.urlLabel).press('Enter');
  await expect(modelError.getByRole('alert')).toHaveText(en.errors.request_NO_FILE_NAME);
  await expect(page.getByLabel(en.models.urlLabel)).toHaveValue(notAFile);

  // A damaged import file in English: filters, a date typed in Bangla digits and the selection stay.
  const nav = page.getByRole('navigation', { name: en.app.mainNav });
  await nav.getByRole('link', { name: en.nav.review }).click();
  await expect(page.getByRole('heading', { level: 1, name: en.review.title })).toBeVisible();
  await fillReviewForm(page, en, '২০২০-০১-০১');
  await page.getByTestId('import-file').setInputFiles(damaged);
  const status = page.getByTestId('review-status');
  await expect(status.getByRole('alert')).toHaveText(en.review.importFailed.replace('{{message}}', en.errors.import_NOT_JSON));
  await expectReviewFormKept(page, en, '২০২০-০১-০১', '১'); // digits style stays Bangla

  // A date that is not a date: explained once the box is left, the text stays, the list is not emptied.
  await page.getByLabel(en.history.to).fill('next week');
  await page.getByLabel(en.history.to).blur();
  await expect(page.getByText(en.history.dateInvalid.replace('{{text}}', 'next week').replace('{{example}}', '২০২৫-০১-৩১'))).toBeVisible();
  await expect(page.getByLabel(en.history.to)).toHaveValue('next week');
  await expect(page.getByTestId('attempt-list').locator('[data-attempt-id]').first()).toBeVisible();

  // Back to Bangla: the same damaged file gets the Bangla sentence.
  await nav.getByRole('link', { name: en.nav.settings }).click();
  await page.getByLabel('বাংলা', { exact: true }).check();
  await expect(page.locator('html')).toHaveAttribute('lang', 'bn');
  await goTo(page, 'review');
  await fillReviewForm(page, bn, '২০২০-০১-০১');
  await page.getByTestId('import-file').setInputFiles(damaged);
  await expect(status.getByRole('alert')).toHaveText(bn.review.importFailed.replace('{{message}}', bn.errors.import_NOT_JSON));
  await expectReviewFormKept(page, bn, '২০২০-০১-০১', '১');
  await shot(page, '14-error-import-damaged');
});
