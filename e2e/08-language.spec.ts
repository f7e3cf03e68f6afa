/**
 * Switching language and appearance: English, ASCII digits, dark theme and a larger text size
 * apply at once and are remembered after a reload; then back to Bangla.
 */
import { expect, test } from './fixtures.js';
import { en } from '../src/renderer/i18n/en.js';
import { bn, goTo, openAs, shot } from './flows/app.js';

test('switch language, digits, theme and text size', async ({ page }) => {
  await openAs(page, 'রিনা');
  await goTo(page, 'settings');
  await expect(page.getByTestId('runtime')).toContainText(bn.settings.backend);

  await page.getByLabel('English', { exact: true }).check();
  await expect(page.getByRole('heading', { level: 1, name: en.settings.title })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByLabel(en.settings.digitsLatin).check();
  await page.getByLabel(en.settings.themeDark).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByLabel(en.settings.textLarge, { exact: true }).check();
  await expect(page.locator('html')).toHaveAttribute('data-text-size', 'large');

  // Remembered by the app, not just the page.
  await page.reload();
  const nav = page.getByRole('navigation', { name: en.app.mainNav });
  await expect(nav.getByRole('link', { name: en.nav.practice })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await nav.getByRole('link', { name: en.nav.history }).click();
  await expect(page.getByTestId('stats')).toContainText(/Overall accuracy: \d+%/);
  await shot(page, '12-english-dark');

  await nav.getByRole('link', { name: en.nav.settings }).click();
  await page.getByLabel('বাংলা', { exact: true }).check();
  await page.getByLabel(bn.settings.digitsBn).check();
  await page.getByLabel(bn.settings.themeLight).check();
  await page.getByLabel(bn.settings.textMedium).check();
  await expect(page.getByRole('heading', { level: 1, name: bn.settings.title })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'bn');
});
