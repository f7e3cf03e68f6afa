/**
 * The Solve screen prepares the model while the student types: opening it loads the selected model,
 * the line says "preparing the model… N%" while the instruction prefix is evaluated, and after one
 * problem it says how long a problem takes on this computer.
 */
import { expect, test } from './fixtures.js';
import { ensureTestModel } from '../tests/support/test-model.js';
import { bn, goTo, importModel, openAs, shot } from './flows/app.js';

const QUESTION = 'রিনার ৩০টি ললিপপ ছিল। সে ২টি দিল। এখন কয়টি আছে?';

test('preparing the model while the student types, then the time a problem takes here', async ({ page }) => {
  test.setTimeout(150_000);
  // Wide enough that evaluating the ~2,900-token byte-level prefix takes seconds on this machine.
  const model = await ensureTestModel({ embedding: 512, heads: 8, layers: 8, seed: 5 });
  await openAs(page, 'প্রমা');
  await goTo(page, 'settings');
  await importModel(page, model);
  await goTo(page, 'solve');

  const readiness = page.getByTestId('model-readiness');
  await expect(readiness).toHaveAttribute('data-state', 'preparing', { timeout: 30_000 });
  await expect(readiness).toContainText(bn.solve.preparing);
  await shot(page, '10-model-preparing');
  // Typing is possible meanwhile.
  await page.getByTestId('question-input').fill(QUESTION);
  await expect(readiness).toHaveCount(0, { timeout: 90_000 });

  await page.getByRole('button', { name: bn.solve.solve }).click();
  await expect(page.getByTestId('solve-solution')).toHaveAttribute('data-status', /done|failed/, { timeout: 90_000 });
  await expect(readiness).toHaveAttribute('data-state', 'estimate', { timeout: 15_000 });
  await expect(readiness).toContainText('এই কম্পিউটারে একটি সমস্যা সমাধানে প্রায়');
  await shot(page, '10-model-estimate');
});
