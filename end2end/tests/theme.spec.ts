import { expect, test } from '@playwright/test';
import { Portal } from './support/portal';

const LIGHT = 'rgb(255, 255, 255)';
const DARK = 'rgb(20, 23, 28)';

test('the theme follows the device until the user chooses one, and the choice is kept', async ({ page }) => {
  const portal = new Portal(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await portal.open('/settings');
  expect(await portal.background()).toBe(DARK);

  await page.getByRole('radio', { name: 'Light' }).check();
  expect(await portal.html('data-theme')).toBe('light');
  expect(await portal.background()).toBe(LIGHT);

  await page.reload();
  await expect(page.getByRole('radio', { name: 'Light' })).toBeChecked();
  expect(await portal.background()).toBe(LIGHT);

  await page.emulateMedia({ colorScheme: 'light' });
  await page.getByRole('radio', { name: 'Dark' }).check();
  expect(await portal.background()).toBe(DARK);

  await page.getByRole('radio', { name: 'Match my device' }).check();
  expect(await portal.background()).toBe(LIGHT);
});
