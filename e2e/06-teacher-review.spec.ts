/**
 * Teacher review: a teacher filters the attempts by student, opens one, marks the graph, writes
 * a note on a node (clicked in the graph) and corrects the answer; the review is kept.
 */
import { expect, test } from './fixtures.js';
import { isolateText } from '../src/shared/bidi.js';
import { bn, goTo, openAs, shot } from './flows/app.js';

test('teacher review with a note on a node', async ({ page }) => {
  await openAs(page, 'শিক্ষক রহিম', 'teacher');
  await goTo(page, 'review');

  const rows = page.getByTestId('attempt-list').locator('[data-attempt-id]');
  await expect(rows.first()).toBeVisible();
  await page.getByLabel(bn.review.student, { exact: true }).selectOption({ label: isolateText('রিনা') });
  await expect(rows.first()).toContainText('রিনা');
  await rows.first().getByRole('button', { name: bn.review.open }).click();

  const review = page.getByTestId('attempt-review');
  await expect(review).toBeVisible();
  const node = review.locator('svg g.node').first();
  const nodeId = (await node.getAttribute('data-node-id'))!;
  await node.click();
  await expect(review.getByTestId('note-node')).toHaveValue(nodeId);
  const note = 'এই সংখ্যাটি প্রশ্নের দ্বিতীয় বাক্য থেকে এসেছে।';
  await review.getByLabel(bn.review.noteFor.replace('{{node}}', nodeId)).fill(note);
  await expect(review.locator(`svg g.node[data-node-id="${nodeId}"] circle.note-badge`)).toBeVisible();
  await review.getByLabel(bn.review.verdictPartly).check();
  await review.getByLabel(bn.review.correctedAnswer).fill('৩০');
  await review.getByRole('button', { name: bn.review.saveReview }).click();
  await expect(review.getByText(bn.review.reviewSaved)).toBeVisible();
  await expect(review.getByTestId('previous-reviews')).toContainText(note);
  await expect(review.getByTestId('previous-reviews')).toContainText(bn.review.verdictPartly);
  await shot(page, '10-teacher-review');
  // The same screen in a narrow (900 px) window: nothing cut off, nothing overlapping.
  await page.setViewportSize({ width: 900, height: 900 });
  await shot(page, '10-teacher-review-900');

  // Opening it again shows the stored review (it really was saved).
  await page.reload();
  await expect(page.getByTestId('previous-reviews')).toContainText(note);
});
