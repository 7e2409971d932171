import { expect, test } from '@playwright/test';
import { expectNoViolations, Portal, ROUTES } from './support/portal';

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme });

    for (const route of ROUTES) {
      test(`axe finds nothing on ${route.path}`, async ({ page }) => {
        const portal = new Portal(page);
        await portal.open(route.path);
        await expect(portal.heading).toHaveText(route.heading);
        await expectNoViolations(page, `${scheme} ${route.path}`);
      });
    }

    test('axe finds nothing on the configuration error page', async ({ page }) => {
      await page.route('**/config.json', (r) => r.fulfill({ status: 200, body: '{"backend":{"kind":"demo"}}' }));
      await page.goto('/');
      await expect(page.getByRole('alert')).toBeVisible();
      await expectNoViolations(page, `${scheme} config error`);
    });

    test('axe finds nothing while offline', async ({ page, context }) => {
      const portal = new Portal(page);
      await portal.open('/');
      await context.setOffline(true);
      await expect(page.getByText('You are offline')).toBeVisible();
      await expectNoViolations(page, `${scheme} offline`);
      await context.setOffline(false);
    });
  });
}
