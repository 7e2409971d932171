// Installable and offline from cold: the service worker precaches the app shell, so after one
// online visit the portal starts with the network off and shows the catalog, an article and
// the tickets it kept; a new deploy waits until the user chooses "Reload to update". The
// portal talks to the demo desk over HTTP here, so offline really means the desk is out of
// reach (the embedded demo would answer from inside the browser).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';

test.use({ serviceWorkers: 'allow' });
test.describe.configure({ mode: 'serial' });

const CONFIG = JSON.stringify({
  portal_name: 'Portico',
  default_language: 'en',
  backend: { kind: 'demo', transport: 'http' },
});

/** The service worker Trunk serves (the build under test). */
const SW = path.join(__dirname, '..', '..', 'dist', 'sw.js');
let restore = () => {};
test.afterAll(() => restore());

async function useDeskOverHttp(context: BrowserContext) {
  await context.route('**/config.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: CONFIG }),
  );
}

/** Waits until the service worker controls the page, with the shell in its cache. */
async function controlled(page: Page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
  return page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('portico-shell-')));
}

test('after one online visit the portal starts offline and shows the kept catalog, article and tickets', async ({
  context,
}) => {
  await useDeskOverHttp(context);
  const page = await context.newPage();
  await page.goto('/catalog');
  await expect(page.locator('.item-card').first()).toBeVisible();
  expect(await controlled(page)).toHaveLength(1);
  const items = await page.locator('.item-card__name').allTextContents();
  // The knowledge base reads every article once, then only what changed since its cursor.
  const listings: string[] = [];
  page.on('request', (r) => {
    if (/\/demo-api\/v1\/articles\?/.test(r.url())) listings.push(r.url());
  });
  await page.goto('/knowledge?q=vpn');
  await expect(page.locator('.article-card').first()).toBeVisible();
  await expect.poll(() => listings.length).toBeGreaterThan(0);
  expect(listings[0]).not.toContain('changed_since');
  const firstRun = listings.length;
  await page.reload();
  await expect(page.locator('.article-card').first()).toBeVisible();
  await expect.poll(() => listings.length).toBeGreaterThan(firstRun);
  expect(listings[firstRun]).toContain('changed_since=');
  await page.goto('/knowledge/vpn-connect');
  const articleTitle = await page.locator('main h1').textContent();
  expect(articleTitle).toBeTruthy();
  await page.goto('/tickets');
  const rows = page.locator('.ticket-list .ticket-row');
  await expect(rows.first()).toBeVisible();
  const tickets = await rows.locator('.ticket-row__title').allTextContents();
  await expect(page.locator('.sync-status__last')).toContainText('Last synced');

  // Cold start: every tab closed, the network gone, the portal opened again.
  await page.close();
  await context.setOffline(true);
  const cold = await context.newPage();
  await cold.goto('/catalog');
  await expect(cold.locator('.item-card__name')).toHaveText(items);
  await expect(cold.getByText('You are offline', { exact: false }).first()).toBeVisible();
  await cold.goto('/knowledge/vpn-connect');
  await expect(cold.locator('main h1')).toHaveText(articleTitle!);
  await cold.goto('/tickets');
  await expect(cold.locator('.ticket-list .ticket-row .ticket-row__title')).toHaveText(tickets);
  // An article never opened online is not kept: the portal says why, with a way to retry.
  await cold.goto('/knowledge/guest-wifi');
  await expect(cold.getByRole('alert')).toContainText(/offline|reach/i);
  await expect(cold.getByRole('button', { name: 'Try again' })).toBeVisible();
  await context.setOffline(false);
});

test('a new deploy is offered as "Reload to update", and only then takes over', async ({ context }) => {
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.locator('main h1')).toBeVisible();
  const [first] = await controlled(page);
  await expect(page.getByRole('button', { name: 'Reload to update' })).toHaveCount(0);

  // The next deploy: the server's sw.js now names a new version (same files otherwise).
  const deployed = readFileSync(SW, 'utf8');
  writeFileSync(SW, deployed.replace(/const VERSION = "[^"]+";/, 'const VERSION = "next-deploy";'));
  restore = () => writeFileSync(SW, deployed);
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
  const offer = page.getByRole('button', { name: 'Reload to update' });
  await expect(offer).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('A new version of Portico is ready.')).toBeVisible();
  // Until the user chooses, the running version keeps its cache.
  expect(await page.evaluate(() => caches.keys())).toContain(first);

  await Promise.all([page.waitForEvent('load'), offer.click()]);
  await expect(page.locator('main h1')).toBeVisible();
  await expect
    .poll(() => page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('portico-shell-'))))
    .toEqual(['portico-shell-next-deploy']);
  await expect(page.getByRole('button', { name: 'Reload to update' })).toHaveCount(0);
});
