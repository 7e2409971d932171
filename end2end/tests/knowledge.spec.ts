import { expect, test } from '@playwright/test';
import { Portal, expectNoViolations } from './support/portal';

// The knowledge base on the embedded demo desk: search in the browser, safe articles.

test('a search with a typo finds the article; the address keeps the search; facets and "did you mean" help', async ({ page }) => {
  const portal = new Portal(page);
  await portal.open('/knowledge');
  const count = page.locator('#knowledge-count');
  // 52 article files, 40 articles: an article and its translations are listed once.
  await expect(count).toHaveText('40 articles');
  const search = page.getByRole('searchbox', { name: 'Search articles' });
  // Typed key by key, as a person does: results follow every keystroke.
  await search.pressSequentially('pasword');
  const cards = page.locator('.article-card');
  await expect(cards.first().getByRole('link')).toHaveText('Reset your password yourself');
  await expect(cards.first().locator('mark').first()).toBeVisible();
  await expect(page).toHaveURL(/\/knowledge\?q=pasword$/);
  await expect(search).toBeFocused();
  await expectNoViolations(page, 'knowledge search results');

  const facets = page.getByRole('navigation', { name: 'Categories' });
  await facets.getByRole('link', { name: /^Security/ }).click();
  await expect(page).toHaveURL(/category=Security/);
  await expect(facets.getByRole('link', { name: /^Security/ })).toHaveAttribute('aria-current', 'true');
  for (const meta of await page.locator('.article-card__meta').allTextContents()) expect(meta).toContain('Security');
  await page.goBack();
  await expect(page).toHaveURL(/\/knowledge\?q=pasword$/);
  await expect(cards.first().getByRole('link')).toHaveText('Reset your password yourself');

  await search.fill('vpm ');
  await expect(count).toHaveText('No article matches “vpm”.');
  await page.getByRole('link', { name: 'vpn' }).click();
  await expect(search).toHaveValue('vpn');
  await expect(cards.first().getByRole('link')).toHaveText(/VPN/);

  // French and Spanish articles are found in their own words, accents or not, and said to be
  // in another language than the reader's.
  await search.fill('contrasena olvidada');
  await expect(cards.first().getByRole('link')).toHaveText(/contraseña/i);
  await expect(page.getByText('Nothing in English matches “contrasena olvidada”. These articles in other languages do:')).toBeVisible();
  await cards.first().getByRole('link').click();
  await expect(portal.heading).toHaveText(/contraseña/i);
});

test('an article has contents, copyable code, a vote that is remembered, and related articles', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const portal = new Portal(page);
  await portal.open('/knowledge/vpn-connect');
  const contents = page.getByRole('navigation', { name: 'On this page' });
  await contents.getByRole('link', { name: 'If it fails' }).click();
  await expect(page.getByRole('heading', { name: 'If it fails' })).toBeFocused();
  await expect(page.getByRole('region', { name: 'Table' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'The VPN client window' })).toHaveAttribute('loading', 'lazy');

  await page.getByRole('button', { name: 'Copy' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied to the clipboard.' })).toBeAttached();
  // A visible confirmation on the button itself (issue 16), which then goes back.
  await expect(page.locator('main button', { hasText: /^Copied$/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Copy' })).toBeVisible();
  expect((await page.evaluate(() => navigator.clipboard.readText())).trim()).toBe('ping intranet.example.internal');

  const vote = page.getByRole('region', { name: 'Was this helpful?' });
  await vote.getByRole('button', { name: 'Yes' }).click();
  await expect(vote.getByRole('status')).toHaveText('Thank you: your feedback helps us improve this article.');
  await expect(vote.getByRole('button', { name: 'Yes' })).toHaveAttribute('aria-pressed', 'true');
  await expectNoViolations(page, 'article');
  await page.reload();
  await expect(portal.heading).toHaveText('Connect to the VPN from home');
  await expect(page.getByText('42 people found this helpful')).toBeVisible();
  await expect(vote.getByRole('button', { name: 'Yes' })).toHaveAttribute('aria-pressed', 'true');

  const related = page.getByRole('region', { name: 'Related articles' }).getByRole('link');
  await expect(related.first()).toBeVisible();
  const title = (await related.first().textContent()) ?? '';
  expect(title).not.toBe('Connect to the VPN from home');
  await related.first().click();
  await expect(portal.heading).toHaveText(title);
});

test('an HTML article is shown through the allow-list: no script or handler runs', async ({ page }) => {
  await page.addInitScript(() => {
    (window as any).ran = [];
    window.alert = (m?: string) => { (window as any).ran.push(String(m)); };
  });
  const portal = new Portal(page);
  await portal.open('/knowledge/email-signature');
  const prose = page.locator('.prose');
  await expect(prose.getByRole('table')).toBeVisible();
  const vendor = prose.getByRole('link', { name: 'vendor guide' });
  await expect(vendor).toHaveAttribute('rel', 'noopener noreferrer');
  expect(await vendor.getAttribute('onclick')).toBeNull();
  await prose.getByText('Images and styles').hover();
  await expect(prose.locator('script, [onmouseover], [onclick]')).toHaveCount(0);
  expect(await page.evaluate(() => (window as any).ran)).toEqual([]);
  await expectNoViolations(page, 'HTML article');
});

test('the search index is kept on the device for the next visit', async ({ page }) => {
  const portal = new Portal(page);
  await portal.open('/knowledge?q=printer');
  await expect(page.locator('.article-card').first()).toBeVisible();
  const saved = await page.evaluate(async () => {
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      // The demo user's own database; the index is in its `search` store.
      const r = indexedDB.open('portico:demo');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const keys: IDBValidKey[] = await new Promise((resolve) => {
      const r = db.transaction('search').objectStore('search').getAllKeys();
      r.onsuccess = () => resolve(r.result);
    });
    const get = (key: IDBValidKey) =>
      new Promise<any>((resolve) => {
        const r = db.transaction('search').objectStore('search').get(key);
        r.onsuccess = () => resolve(r.result);
      });
    const names = keys.map(String);
    const index = await get(names.find((k) => k.startsWith('index:')) ?? '');
    const beside = await get(names.find((k) => k.startsWith('texts:')) ?? '');
    return {
      keys: names,
      bytes: index instanceof Uint8Array ? index.length : -1,
      beside: typeof beside === 'string' ? JSON.parse(beside) : null,
    };
  });
  // The index, and beside it the texts for snippets and where the next sync starts.
  expect(saved.keys).toHaveLength(2);
  expect(saved.bytes).toBeGreaterThan(10_000);
  expect(Object.keys(saved.beside.texts).length).toBeGreaterThan(10);
  expect(saved.beside.cursor.since).toBeTruthy();
  await page.reload();
  await expect(page.locator('.article-card').first().getByRole('link')).toContainText(/printer/i);
});
