import { expect, test } from '@playwright/test';
import { Portal } from './support/portal';

const FRENCH_DATE = /^\d{1,2}(er)? (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) \d{4}$/;

test('switching to French translates everything, and is remembered', async ({ page }) => {
  const portal = new Portal(page);
  await portal.open('/settings');
  await portal.languageSelect.selectOption('fr');
  await expect(portal.heading).toHaveText('Paramètres');
  await expect(portal.navLink('Catalogue de services')).toBeVisible();
  expect(await portal.html('lang')).toBe('fr');
  await expect(page).toHaveTitle('Paramètres · Portico');
  // Dates and numbers follow the language.
  await expect(page.locator('.format-preview dd').first()).toHaveText(FRENCH_DATE);
  // Compared exactly: toHaveText would fold the narrow no-break spaces French requires.
  expect(await page.locator('.format-preview dd').nth(2).textContent()).toBe('1\u202f234\u202f567 · 1\u202f234,50');
  await page.reload();
  await expect(portal.heading).toHaveText('Paramètres');
  await expect(portal.languageSelect).toHaveValue('fr');
});

test('the settings page offers the same choice as radio buttons', async ({ page }) => {
  const portal = new Portal(page);
  await portal.open('/settings');
  await page.getByRole('radio', { name: 'Español' }).check();
  await expect(portal.heading).toHaveText('Ajustes');
  await expect(portal.languageSelect).toHaveValue('es');
  await expect(page.locator('.format-preview dd').first()).toHaveText(/^\d{1,2} de [a-z]+ de \d{4}$/);
});

test.describe('a Spanish browser', () => {
  test.use({ locale: 'es-MX' });
  test('gets Spanish without choosing', async ({ page }) => {
    const portal = new Portal(page);
    await portal.open('/');
    await expect(portal.heading).toHaveText('¿Cómo podemos ayudarte?');
    expect(await portal.html('lang')).toBe('es');
  });
});

test.describe('a browser in a language Portico does not speak', () => {
  test.use({ locale: 'de-DE' });
  test('gets the site default from config.json', async ({ page }) => {
    const portal = new Portal(page);
    await portal.open('/');
    await expect(portal.heading).toHaveText('How can we help?');
  });
});
