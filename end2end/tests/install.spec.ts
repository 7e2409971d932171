import { expect, test } from '@playwright/test';

// Installable: a web app manifest with icons Chromium accepts.

test('the portal has a manifest Chromium finds installable, with icons of the sizes it states', async ({ page, request }) => {
  await page.goto('/');
  await expect(page.locator('main h1')).toBeVisible();
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBe('manifest.webmanifest');
  const response = await request.get(`/${href}`);
  expect(response.ok()).toBeTruthy();
  const manifest = await response.json();
  expect(manifest).toMatchObject({ short_name: 'Portico', display: 'standalone', start_url: './', scope: './' });
  const pngs = manifest.icons.filter((i: { type: string }) => i.type === 'image/png');
  expect(pngs.map((i: { sizes: string; purpose: string }) => `${i.sizes} ${i.purpose}`)).toEqual([
    '192x192 any',
    '512x512 any',
    '512x512 maskable',
  ]);
  for (const icon of pngs) {
    const width = await page.evaluate(
      (src) =>
        new Promise<number>((resolve, reject) => {
          const img = new Image();
          img.onload = () => resolve(img.naturalWidth);
          img.onerror = () => reject(new Error(`${src} did not load`));
          img.src = src;
        }),
      icon.src,
    );
    expect(`${width}x${width}`).toBe(icon.sizes);
  }
  // Chromium's own verdict (what decides whether it offers to install the portal). Playwright's
  // browser contexts are incognito, which Chromium never installs from: that is the one
  // objection allowed; a missing or faulty manifest or icon would be listed beside it.
  const cdp = await page.context().newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  expect(installabilityErrors.map((e: { errorId: string }) => e.errorId)).toEqual(['in-incognito']);
});
