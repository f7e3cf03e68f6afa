/**
 * Solving a typed problem with the local model: the progress line, nodes appearing while the
 * model writes, the finished (here: random-weight, so usually invalid) graph explained in plain
 * words; then a second solve on a slower generated model, cancelled half-way.
 */
import { expect, test } from './fixtures.js';
import { ensureTestModel } from '../tests/support/test-model.js';
import { bn, goTo, importModel, openAs, shot } from './flows/app.js';

// Short: the test model's vocabulary is bytes, so a Bangla letter costs three tokens of the 4,096.
const QUESTION = 'রিনার ৩০টি ললিপপ ছিল। সে ২টি দিল। এখন কয়টি আছে?';

test('solve a typed problem with streaming, then cancel one', async ({ page }) => {
  test.setTimeout(150_000);
  // A bigger random model (a token costs milliseconds, not microseconds) so there is time to cancel.
  // Greedy decoding is deterministic: with these weights the first node streams in after about
  // half the run (18 s of 35 s on a 2-core machine), leaving plenty of time to cancel after it.
  const slowModel = await ensureTestModel({ embedding: 512, heads: 8, layers: 8, seed: 3 });
  await openAs(page, 'রিনা');
  // The model chosen at first run (or, when this spec runs alone, the generated test model).
  await goTo(page, 'settings');
  await expect(page.getByTestId('installed-models').or(page.getByTestId('no-installed-models'))).toBeVisible();
  const inUse = page.getByTestId('installed-models').locator('tr[data-file-name]').filter({ hasText: bn.models.inUse });
  if ((await inUse.count()) === 0) await importModel(page, process.env.DAGGER_E2E_MODEL!);
  const fastModel = (await inUse.getAttribute('data-file-name'))!;
  await goTo(page, 'solve');

  await page.getByTestId('question-input').fill(QUESTION);
  await page.getByRole('button', { name: bn.solve.solve }).click();
  const progress = page.getByTestId('solve-progress');
  await expect(progress).toHaveAttribute('aria-live', 'polite');
  await expect(progress).toContainText(/শেষ:/, { timeout: 60_000 });
  const solution = page.getByTestId('solve-solution');
  await expect(solution).toHaveAttribute('data-status', 'done');
  // Whatever the random model wrote is shown: an answer, or what is wrong in plain words.
  await expect(solution.getByTestId('model-answer').or(solution.getByTestId('diagnostics')).first()).toBeVisible();
  await expect(solution.getByText(bn.solve.rawOutput)).toBeVisible();
  // The node(s) arrived one by one while the model wrote, not only in the final result.
  expect(Number(await solution.getAttribute('data-streamed-nodes'))).toBeGreaterThanOrEqual(1);
  await shot(page, '06-solve-done');

  // Switch to the slow model, solve again, watch nodes stream in, cancel.
  await goTo(page, 'settings');
  await importModel(page, slowModel);
  await goTo(page, 'solve');
  await page.getByTestId('question-input').fill(QUESTION);
  await page.getByRole('button', { name: bn.solve.solve }).click();
  await expect(solution).toHaveAttribute('data-status', 'running');
  // Typing stays possible while the model works.
  await page.getByLabel(bn.solve.yourAnswer).fill('২৮');
  await expect(page.getByLabel(bn.solve.yourAnswer)).toHaveValue('২৮');
  await expect(progress).toContainText('গ্রাফ লেখা হচ্ছে', { timeout: 60_000 });
  // The first node appears while the model is still writing.
  await expect(solution.locator('svg g.node').first()).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: bn.solve.cancel }).click();
  await shot(page, '07-solve-streaming');
  await expect(page.getByText(bn.solve.cancelled)).toBeVisible({ timeout: 30_000 });
  await expect(solution).toHaveAttribute('data-status', 'cancelled');
  await expect(solution.locator('svg g.node').first()).toBeVisible();
  await shot(page, '08-solve-cancelled');

  // Back to the small model for the tests that follow.
  await goTo(page, 'settings');
  await page.getByTestId('installed-models').locator(`tr[data-file-name="${fastModel}"]`).getByRole('button', { name: bn.models.use }).click();
  await expect(page.getByTestId('model-badge')).toContainText(fastModel);
});
