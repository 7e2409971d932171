import { expect, test, type Page } from '@playwright/test';
import { Portal } from './support/portal';

async function serveConfig(page: Page, status: number, body: string) {
  await page.route('**/config.json', (route) =>
    route.fulfill({ status, contentType: 'application/json', body }),
  );
}

async function expectConfigError(page: Page, key: string, problem: RegExp) {
  const alert = page.getByRole('alert');
  await expect(alert.getByRole('heading', { level: 1 })).toHaveText('Portico is not set up correctly');
  await expect(page.getByTestId('config-error-key')).toHaveText(key);
  await expect(alert).toContainText(problem);
  await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();
}

test('a colour that would break contrast is refused, naming the setting', async ({ page }) => {
  await serveConfig(page, 200, '{"portal_name":"Acme","brand":{"primary":"#ffcc00"},"backend":{"kind":"demo"}}');
  await page.goto('/');
  await expectConfigError(page, 'brand.primary', /contrast of 1\.\d+:1/);
});

test('a misspelt key is named', async ({ page }) => {
  await serveConfig(page, 200, '{"portal_nmae":"Acme","backend":{"kind":"demo"}}');
  await page.goto('/catalog');
  await expectConfigError(page, 'portal_nmae', /unknown field/);
});

test('a file that is not JSON is reported as such', async ({ page }) => {
  await serveConfig(page, 200, '<html>oops</html>');
  await page.goto('/');
  await expectConfigError(page, 'config.json', /not valid JSON/);
});

test('a missing file is reported with the HTTP status', async ({ page }) => {
  await serveConfig(page, 404, 'Not Found');
  await page.goto('/');
  await expectConfigError(page, 'config.json', /HTTP 404/);
});

test.describe('in French', () => {
  test.use({ locale: 'fr-FR' });
  test('the error page speaks the browser language', async ({ page }) => {
    await serveConfig(page, 200, '{}');
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Portico n’est pas configuré correctement');
    await expect(page.getByTestId('config-error-key')).toHaveText('portal_name');
  });
});

test('one build serves another site: its name, colours and kiosk mode come from config.json', async ({ page }) => {
  await serveConfig(
    page,
    200,
    '{"portal_name":"Acme IT","brand":{"primary":"#0b5d1e"},"kiosk":true,"backend":{"kind":"demo"}}',
  );
  const portal = new Portal(page);
  await portal.open('/');
  await expect(page.getByRole('banner')).toContainText('Acme IT');
  await expect(page).toHaveTitle('How can we help? · Acme IT');
  expect(await portal.html('data-kiosk')).toBe('true');
  const brand = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--brand-light'));
  expect(brand.trim()).toBe('#0b5d1e');
  // Kiosk: the next person should not inherit this person's language.
  await portal.languageSelect.selectOption('es');
  await expect(portal.heading).toHaveText('¿Cómo podemos ayudarte?');
  await page.reload();
  await expect(portal.heading).toHaveText('How can we help?');
});
