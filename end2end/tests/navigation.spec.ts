import { expect, test } from '@playwright/test';
import { Portal } from './support/portal';

test('every page is reachable from the navigation, and focus lands on its heading', async ({ page }) => {
  const portal = new Portal(page);
  await portal.open('/');
  const stops = [
    { link: 'Service catalog', url: /\/catalog$/, heading: 'Service catalog' },
    { link: 'Knowledge', url: /\/knowledge$/, heading: 'Knowledge base' },
    { link: 'My tickets', url: /\/tickets$/, heading: 'My tickets' },
    { link: 'Home', url: /\/$/, heading: 'How can we help?' },
  ];
  for (const stop of stops) {
    await portal.navLink(stop.link).click();
    await expect(page).toHaveURL(stop.url);
    await expect(portal.heading).toHaveText(stop.heading);
    await expect(portal.heading).toBeFocused();
    await expect(portal.navLink(stop.link)).toHaveAttribute('aria-current', 'page');
    await expect(page).toHaveTitle(`${stop.heading === 'How can we help?' ? stop.heading : stop.heading} · Portico`);
  }
  await page.getByRole('banner').getByRole('link', { name: 'Settings' }).click();
  await expect(portal.heading).toHaveText('Settings');
  await expect(portal.heading).toBeFocused();
  await page.getByRole('banner').getByRole('link', { name: /Portico/ }).click();
  await expect(portal.heading).toHaveText('How can we help?');
});

test('home cards lead to their areas', async ({ page }) => {
  const portal = new Portal(page);
  await portal.open('/');
  await page.getByRole('main').getByRole('link', { name: /My tickets/ }).click();
  await expect(page).toHaveURL(/\/tickets$/);
  await expect(page.getByRole('link', { name: 'Access to finance reports folder' })).toBeVisible();
});

test('back and forward move between pages', async ({ page }) => {
  const portal = new Portal(page);
  await portal.open('/');
  await portal.navLink('Service catalog').click();
  await portal.navLink('Knowledge').click();
  await page.goBack();
  await expect(portal.heading).toHaveText('Service catalog');
  await page.goForward();
  await expect(portal.heading).toHaveText('Knowledge base');
});

test('an unknown address shows a 404 that names it and offers a way back', async ({ page }) => {
  const portal = new Portal(page);
  await portal.open('/no/such/page');
  await expect(portal.heading).toHaveText('Page not found');
  await expect(page.getByText('There is no page at /no/such/page.')).toBeVisible();
  await page.getByRole('main').getByRole('link', { name: 'Home' }).click();
  await expect(portal.heading).toHaveText('How can we help?');
});

test('an id that does not exist says so, decoded exactly, with the way back', async ({ page }) => {
  const portal = new Portal(page);
  await portal.open('/catalog/~bGFwdG9wLzE0JTQx');
  await expect(portal.heading).toHaveText('Service not found');
  await expect(page.getByText('There is no service “laptop/14%41” in the catalog.')).toBeVisible();
  await page.getByRole('link', { name: 'Back to the service catalog' }).click();
  await expect(page).toHaveURL(/\/catalog$/);
});

// On every kind of page, not only one: the link's href="#main" resolves against <base href="/">,
// so a check that the address merely ends in #main passed while the link went to the home page.
for (const path of ['/', '/catalog', '/tickets', '/knowledge/vpn-connect', '/catalog/laptop', '/tickets/t1003']) {
  test(`the skip link is the first stop and moves focus to the content of ${path}`, async ({ page }) => {
    const portal = new Portal(page);
    await portal.open(path);
    const heading = await portal.heading.textContent();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press('Enter');
    await expect(page.locator('main#main')).toBeFocused();
    expect(new URL(page.url()).pathname).toBe(path);
    await expect(portal.heading).toHaveText(heading ?? '');
    await page.keyboard.press('Tab');
    // The next stop is inside the main content, not the header.
    expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);
  });
}

test('the online indicator and banner follow the network', async ({ page, context }) => {
  const portal = new Portal(page);
  await portal.open('/');
  await expect(page.getByRole('banner').getByText('Online')).toBeVisible();
  await context.setOffline(true);
  await expect(page.getByRole('banner').getByText('Offline')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'You are offline' })).toBeVisible();
  await context.setOffline(false);
  await expect(page.getByRole('banner').getByText('Online')).toBeVisible();
  await expect(page.getByText('You are offline')).toHaveCount(0);
});
