/**
 * "Spot the distractors" on a problem with added distractor sentences, then the solution view:
 * distractor sentences highlighted by type, numbers linked to graph nodes (hover highlights the
 * node), distractor nodes drawn differently, step-by-step reveal in sync with the explanation.
 */
import { expect, test } from './fixtures.js';
import { bangla, bn, findProblem, openAs, shot, watchPage } from './flows/app.js';

test('spot the distractors, then explore the solution graph', async ({ page }) => {
  const problem = await findProblem(page, { version: 'distractor', distractorType: 'RED' }, (p) =>
    p.analysis.links.some((l) => l.span && p.graph.nodes.find((n) => n.id === l.nodeId)?.distractor === false),
  );
  const distractorIds = new Set(problem.graph.nodes.filter((n) => n.distractor).map((n) => n.id));
  const linked = problem.analysis.links.filter((l) => l.span);
  const needed = linked.find((l) => !distractorIds.has(l.nodeId))!;
  const spotted = linked.filter((l) => distractorIds.has(l.nodeId));
  expect(spotted.length).toBeGreaterThan(0);

  const problems = watchPage(page);
  await openAs(page, 'রিনা');
  // Straight to the item, as a link from the history would.
  await page.evaluate((hash) => { window.location.hash = hash; }, `#/practice/${problem.itemId}`);
  const text = page.getByTestId('problem-text');
  await expect(text).toBeVisible();

  // Tap every distractor number and, by mistake, one needed number.
  for (const link of [...spotted, needed]) await text.locator(`button[data-node-id="${link.nodeId}"]`).click();
  await expect(text.locator(`button[data-node-id="${needed.nodeId}"]`)).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: bn.spot.check }).click();
  const result = page.getByTestId('spot-result');
  await expect(result).toContainText(bangla(spotted.length)); // true positives
  await expect(text.locator(`button[data-node-id="${needed.nodeId}"]`)).toHaveClass(/v-false-positive/);
  await expect(text.locator(`button[data-node-id="${spotted[0]!.nodeId}"]`)).toHaveClass(/v-true-positive/);
  await shot(page, '04-spot-the-distractors');

  await page.getByLabel(bn.practice.answerLabel).fill(String(problem.answer));
  await page.getByRole('button', { name: bn.practice.check }).click();
  await expect(page.getByTestId('answer-feedback')).toContainText('ঠিক হয়েছে');

  // The solution view: RED sentence marked, distractor node drawn as such.
  const solution = page.getByRole('region', { name: bn.solution.title });
  await expect(solution.locator('mark.d-RED')).toBeVisible();
  const graph = solution.getByRole('group', { name: /হিসাবের গ্রাফ/ });
  await expect(graph.locator('g.node')).toHaveCount(problem.graph.nodes.length);
  await expect(graph.locator(`g.node.distractor[data-node-id="${spotted[0]!.nodeId}"]`)).toBeVisible();

  // Hovering a number in the text highlights its node, and hovering a node highlights the number.
  await solution.getByTestId('problem-text').locator(`[data-node-id="${needed.nodeId}"]`).hover();
  await expect(graph.locator(`g.node[data-node-id="${needed.nodeId}"]`)).toHaveClass(/hl/);
  await graph.locator(`g.node[data-node-id="${spotted[0]!.nodeId}"]`).hover();
  await expect(solution.getByTestId('problem-text').locator(`[data-node-id="${spotted[0]!.nodeId}"]`)).toHaveClass(/hl/);

  // Step by step: back to the start, then one step at a time, list and graph in sync.
  const steps = problem.analysis.steps.length;
  await solution.getByRole('button', { name: bn.solution.first }).click();
  await expect(solution.getByTestId('step-status')).toHaveText(`ধাপ ০ / ${bangla(steps)}`);
  await expect(solution.getByTestId('step-list').locator('li')).toHaveCount(0);
  await solution.getByRole('button', { name: bn.solution.next }).click();
  await expect(solution.getByTestId('step-status')).toHaveText(`ধাপ ১ / ${bangla(steps)}`);
  const firstStepNode = problem.analysis.steps[0]!.nodeId;
  await expect(graph.locator(`g.node[data-node-id="${firstStepNode}"]`)).toHaveClass(/current/);
  await expect(solution.getByTestId('step-list').locator('li')).toHaveCount(1);
  await solution.getByRole('button', { name: bn.solution.play }).click();
  await expect(solution.getByTestId('step-status')).toHaveText(`ধাপ ${bangla(steps)} / ${bangla(steps)}`, { timeout: 2_000 + steps * 1_500 });
  await shot(page, '05-solution-view');
  // The same screen in a narrow (900 px) window: nothing cut off, nothing overlapping.
  await page.setViewportSize({ width: 900, height: 900 });
  await shot(page, '05-solution-view-900');
  // The strict CSP never had to refuse anything the app does (d3, React styles, the font).
  expect(problems).toEqual([]);
});
