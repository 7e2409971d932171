// Issue 16, items 4 and 7: services found by the sentences people type, and a portal that is
// French or Spanish all the way down (catalog, forms, announcement, status words, knowledge
// categories), with each article once.
import { expect, test } from '@playwright/test';
import { expectNoViolations, Portal } from './support/portal';

test('sentences find services on home and in the catalog', async ({ page }) => {
  const portal = new Portal(page);
  await portal.open('/');
  const search = page.getByLabel('Search services and articles');
  const results = page.locator('#home-search-results');
  const services = results.locator('ul').first();
  // Each of these found no service while every word had to match.
  await search.fill('computer slow');
  await expect(services.getByRole('link', { name: 'New laptop' })).toBeVisible();
  await expect(services.getByRole('link', { name: 'Wi-Fi problem' })).toBeVisible();
  await search.fill('new monitr');
  await expect(services.getByRole('link').first()).toHaveText('Monitor');

  await portal.open('/catalog');
  const find = page.getByLabel('Find a service');
  await find.fill('my computer is broken');
  await expect(page.getByRole('link', { name: /Report a broken device/ })).toBeVisible();
  await expect(page.getByText(/No service matches/)).toHaveCount(0);
  // The category holding the best match comes first.
  await find.fill('new monitr');
  await expect(page.locator('.catalog-group').first().getByRole('link').first()).toContainText('Monitor');
});

test.describe('a French reader', () => {
  test.use({ locale: 'fr-FR' });

  test('reads the catalog, its forms, the announcement and ticket states in French', async ({ page }) => {
    const portal = new Portal(page);
    await portal.open('/');
    await expect(page.getByText(/Maintenance planifiée/)).toBeVisible();
    await expect(page.getByText(/Planned maintenance/)).toHaveCount(0);
    const search = page.getByLabel('Rechercher des services et des articles');
    await search.fill('mon ordinateur est lent');
    await expect(
      page.locator('#home-search-results ul').first().getByRole('link').first(),
    ).toHaveText('Nouvel ordinateur portable');

    await portal.open('/catalog');
    await expect(page.getByRole('heading', { level: 2, name: /Matériel/ })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: /Hardware/ })).toHaveCount(0);
    await page.getByRole('link', { name: /Nouvel ordinateur portable/ }).click();
    await expect(portal.heading).toHaveText('Nouvel ordinateur portable');
    const keyboard = page.getByLabel(/^Disposition du clavier/);
    await expect(keyboard).toBeVisible();
    await expect(keyboard.locator('option', { hasText: 'Anglais (États-Unis)' })).toHaveCount(1);
    // The service's table stays in French too.
    await expect(page.getByText(/Bureautique/).first()).toBeVisible();

    await portal.open('/tickets');
    await expect(page.locator('.ticket-row').first()).toBeVisible();
    const list = page.locator('main');
    for (const english of ['Assigned', 'Parked with supplier', 'Awaiting your reply', 'Logged']) {
      await expect(list.getByText(english, { exact: false })).toHaveCount(0);
    }
    await expectNoViolations(page, 'tickets in French');

    // Switching language reloads what the desk said, in the new language.
    await portal.open('/catalog');
    await page.locator('#language-select').selectOption('es');
    await expect(page.getByRole('link', { name: /Nuevo portátil/ })).toBeVisible();
    // Tickets kept on the device are read again in the new language.
    await page.getByRole('navigation', { name: /principal/i }).getByRole('link', { name: /Mis solicitudes/ }).click();
    await expect(page.locator('main .status__raw', { hasText: 'Asignado' }).first()).toBeVisible();
    await expect(page.locator('main .status__raw', { hasText: 'Attribué' })).toHaveCount(0);
  });

  test('finds each article once, under one category per topic, and says when only other languages match', async ({ page }) => {
    const portal = new Portal(page);
    await portal.open('/knowledge');
    const categories = page.getByRole('navigation', { name: 'Catégories' });
    await expect(categories.getByRole('link', { name: /^Réseau/ })).toHaveCount(1);
    for (const other of [/^Network/, /^Red\b/, /^Accounts/, /^Cuentas/, /^Printing/, /^Impresión/]) {
      await expect(categories.getByRole('link', { name: other })).toHaveCount(0);
    }
    await expect(categories.getByRole('link', { name: /^Impression/ })).toHaveCount(1);

    const search = page.getByLabel('Rechercher des articles');
    await search.fill('vpn');
    const list = page.getByRole('list', { name: 'Base de connaissances' });
    await expect(list.getByRole('link', { name: 'Se connecter au VPN depuis chez soi' })).toHaveCount(1);
    await expect(list.getByRole('link', { name: 'Connect to the VPN from home' })).toHaveCount(0);
    await expect(list.getByRole('link', { name: 'Conectarse a la VPN desde casa' })).toHaveCount(0);

    await search.fill('imprimante');
    await expect(list.getByRole('link', { name: 'Ajouter une imprimante' })).toBeVisible();

    // An English-only article: said so, and offered.
    await search.fill('phishing');
    await expect(page.getByText(/Aucun article en français ne correspond à «\s*phishing\s*»/)).toBeVisible();
    await expect(list.getByRole('link').first()).toBeVisible();
    await expectNoViolations(page, 'knowledge base, other languages only');
  });
});
