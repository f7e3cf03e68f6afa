/**
 * Practice from the bank: one answer right (typed in Bangla digits), one wrong (ASCII digits),
 * one that is not a number at all (explained, nothing lost), then the solution view.
 */
import { expect, test } from './fixtures.js';
import { bangla, bn, findProblem, goTo, openAs, shot } from './flows/app.js';

test('practice from the bank with a correct and a wrong answer', async ({ page }) => {
  const clean = await findProblem(page, { version: 'clean', topic: 'addition' });
  await openAs(page, 'রিনা');
  await goTo(page, 'practice');

  // Choose by topic: the count follows the filter.
  await page.getByLabel(bn.practice.topic).selectOption('addition');
  await page.getByLabel(bn.practice.version).selectOption('clean');
  await expect(page.getByRole('status').filter({ hasText: /মিলেছে/ })).toBeVisible();
  await page.locator(`[data-item-id="${clean.itemId}"]`).click();
  await expect(page.getByTestId('problem-text')).toContainText(clean.text.slice(0, 20));

  // Not a number: a clear message, the text stays in the box.
  const answer = page.getByLabel(bn.practice.answerLabel);
  await answer.fill('অনেক');
  await page.getByRole('button', { name: bn.practice.check }).click();
  await expect(page.getByRole('alert')).toContainText('অনেক');
  await expect(answer).toHaveValue('অনেক');

  // A hint reveals one step.
  await page.getByRole('button', { name: bn.practice.hint }).click();
  await expect(page.getByTestId('step-list').locator('li')).toHaveCount(1);

  // Right, in Bangla digits.
  await answer.fill(bangla(clean.answer));
  await page.getByRole('button', { name: bn.practice.check }).click();
  await expect(page.getByTestId('answer-feedback')).toContainText('ঠিক হয়েছে');
  await expect(page.getByTestId('model-answer')).toBeVisible();
  await shot(page, '02-practice-correct');

  // Next problem: wrong, in ASCII digits.
  await page.getByRole('button', { name: bn.practice.next }).click();
  await expect(page.getByLabel(bn.practice.answerLabel)).toHaveValue('');
  await page.getByLabel(bn.practice.answerLabel).fill('99999');
  await page.getByRole('button', { name: bn.practice.check }).click();
  await expect(page.getByTestId('answer-feedback')).toContainText('হয়নি');
  await expect(page.getByTestId('answer-feedback')).toContainText('99999');
  await shot(page, '03-practice-wrong');
});
