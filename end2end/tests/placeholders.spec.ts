import { expect, test, type Page } from '@playwright/test';
import { Portal, ROUTES } from './support/portal';

// A `{name}` left in a message (as "Usually delivered within {time}" once was, in a label only
// screen readers hear) must never reach a person: not in the text, visible or hidden, nor in
// the attributes assistive technology reads.
const PLACEHOLDER = /\{[a-z_]+\}/;

async function unfilled(page: Page): Promise<string[]> {
  return page.evaluate((source) => {
    const pattern = new RegExp(source);
    const found: string[] = [];
    const text = document.body.textContent ?? '';
    if (pattern.test(text)) found.push(`text: …${text.slice(Math.max(0, text.search(pattern) - 40), text.search(pattern) + 40)}…`);
    for (const el of Array.from(document.querySelectorAll('*'))) {
      for (const name of ['aria-label', 'aria-description', 'title', 'alt', 'placeholder', 'aria-valuetext']) {
        const value = el.getAttribute(name);
        if (value && pattern.test(value)) found.push(`${el.tagName.toLowerCase()}[${name}]: ${value}`);
      }
    }
    if (pattern.test(document.title)) found.push(`title: ${document.title}`);
    return found;
  }, PLACEHOLDER.source);
}

for (const locale of ['en-US', 'fr-FR', 'es-ES']) {
  test.describe(`in ${locale}`, () => {
    test.use({ locale });
    test('no page shows a message with its placeholders unfilled', async ({ page }) => {
      const portal = new Portal(page);
      for (const route of ROUTES) {
        await portal.open(route.path);
        // Let the page's data arrive before reading it.
        await expect(page.locator('.loading')).toHaveCount(0);
        expect(await unfilled(page), `${locale} ${route.path}`).toEqual([]);
      }
    });
  });
}
