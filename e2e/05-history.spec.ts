/**
 * History and progress: statistics, the two d3 charts, the review queue with the missed problem,
 * and the virtualised attempt list with a result filter.
 */
import { expect, test } from './fixtures.js';
import { bn, goTo, openAs, shot } from './flows/app.js';

test('history: statistics, charts, review queue and filtered list', async ({ page }) => {
  await openAs(page, 'রিনা');
  await goTo(page, 'history');

  await expect(page.getByTestId('stats')).toContainText('মোট নির্ভুলতা');
  // One point per day practised (all of today's attempts: one point, the line has no length yet).
  await expect(page.getByTestId('chart-by-day').locator('svg path.line')).toHaveCount(1);
  await expect(page.getByTestId('chart-by-day').locator('svg circle.dot').first()).toBeVisible();
  await expect(page.getByTestId('chart-by-type').locator('svg rect.bar').first()).toBeVisible();
  // The charts' values are also there as text for screen readers.
  await expect(page.getByTestId('chart-by-type').locator('ul.sr-only li').first()).toContainText('%');

  // The wrong answer from the practice spec is waiting in the review queue.
  await expect(page.getByTestId('review-queue').locator('li').first()).toBeVisible();

  const list = page.getByTestId('attempt-list');
  const rows = list.locator('[data-attempt-id]');
  await expect(rows.first()).toBeVisible();
  const all = await rows.count();
  expect(all).toBeGreaterThanOrEqual(3);
  await page.getByLabel(bn.history.result).selectOption('no');
  await expect(rows).not.toHaveCount(all);
  for (const row of await rows.all()) await expect(row).toContainText(bn.history.resultWrong);
  await page.getByLabel(bn.history.result).selectOption('');
  await expect(rows).toHaveCount(all);
  await shot(page, '09-history');
  // The same screen in a narrow (900 px) window: nothing cut off, nothing overlapping.
  await page.setViewportSize({ width: 900, height: 900 });
  await shot(page, '09-history-900');
});
