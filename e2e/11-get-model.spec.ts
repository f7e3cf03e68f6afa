/**
 * Getting DAGGER from its Hugging Face checkpoint, as a teacher would on a new computer: the
 * catalog's Get shows what it takes (download, result, disk space needed and free, memory fit),
 * then the three stages run with their bars (screenshot in progress), and the converted model is
 * installed, selected and listed with where it came from (screenshot finished). The Hub is the
 * local Hub-like server of global-setup.ts serving the tiny fixture checkpoint as dagger-4B_SFT_GRPO.
 */
import { expect, test } from './fixtures.js';
import { bn, goTo, openAs, shot } from './flows/app.js';

test('Get DAGGER 4B: plan with disk and memory verdicts, three-stage progress, installed with its source', async ({ page, host }) => {
  test.skip(host.kind === 'electron', 'the desktop app reaches the same Hub through DAGGER_TUTOR_HF_ENDPOINT; one run is enough');
  test.setTimeout(120_000);
  await openAs(page, 'মাহমুদ স্যার', 'teacher');
  await goTo(page, 'settings');

  const row = page.locator('[data-catalog-id="dagger-4b-sft-grpo-q4_k_m"]');
  await row.getByRole('button', { name: bn.models.get }).click();
  const card = page.getByTestId('get-model');
  await expect(card.getByTestId('get-model-plan')).toContainText('huggingface.co/dipta007/dagger-4B_SFT_GRPO');
  await expect(card.getByTestId('get-model-disk')).toContainText('যথেষ্ট');
  await expect(card.getByTestId('get-model-fit')).toContainText('এই কম্পিউটারে');

  await card.getByTestId('get-model-start').click();
  const stages = card.getByTestId('get-model-progress');
  await expect(stages.locator('li')).toHaveCount(3);
  await expect(stages.locator('[data-stage="download"]')).toContainText('সেকেন্ড'); // speed and time left while downloading
  await shot(page, '11-get-model-in-progress');

  await expect(page.getByText('ইনস্টল হয়েছে, ব্যবহারের জন্য তৈরি: dagger-4B_SFT_GRPO-Q4_K_M.gguf')).toBeVisible({ timeout: 90_000 });
  const installed = page.locator('[data-file-name="dagger-4B_SFT_GRPO-Q4_K_M.gguf"]');
  await expect(installed).toContainText(bn.models.inUse);
  await expect(installed.getByTestId('model-source')).toContainText('dipta007/dagger-4B_SFT_GRPO');
  await expect(installed.getByTestId('model-source')).toContainText('Q4_K_M');
  await shot(page, '11-get-model-finished');

  // Deleting it removes its source record with it; the list no longer shows it.
  page.once('dialog', (dialog) => void dialog.accept());
  await installed.getByRole('button', { name: bn.models.delete }).click();
  await expect(installed).toHaveCount(0);
});
