import { expect, test } from '@playwright/test';
import { Portal, ROUTES } from './support/portal';

for (const viewport of [
  { name: 'phone', width: 360, height: 740, locale: 'en-US' },
  // French labels are the longest of the three languages.
  { name: 'phone', width: 360, height: 740, locale: 'fr-FR' },
  { name: 'kiosk', width: 1920, height: 1080, locale: 'en-US' },
]) {
  test.describe(`on a ${viewport.name} (${viewport.width}px, ${viewport.locale})`, () => {
    test.use({ viewport: { width: viewport.width, height: viewport.height }, locale: viewport.locale });

    test('no page scrolls sideways, and navigation targets are large enough', async ({ page }) => {
      const portal = new Portal(page);
      for (const route of ROUTES) {
        await portal.open(route.path);
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, `${route.path} overflows by ${overflow}px`).toBeLessThanOrEqual(0);
      }
      for (const link of await portal.nav.getByRole('link').all()) {
        const box = await link.boundingBox();
        expect(box, 'nav link is laid out').not.toBeNull();
        // WCAG 2.2 asks for 24px; we aim for 44px, the touch guideline.
        expect(box!.height).toBeGreaterThanOrEqual(44);
        expect(box!.width).toBeGreaterThanOrEqual(44);
      }
    });
  });
}
