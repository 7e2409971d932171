import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';

/** The addresses of every page kind, with the heading each shows on the demo configuration. */
export const ROUTES: { path: string; heading: string }[] = [
  { path: '/', heading: 'How can we help?' },
  { path: '/catalog', heading: 'Service catalog' },
  { path: '/catalog/laptop-14', heading: 'Service not found' },
  { path: '/knowledge', heading: 'Knowledge base' },
  { path: '/knowledge/vpn-setup', heading: 'Article not found' },
  { path: '/tickets', heading: 'My tickets' },
  { path: '/tickets/42', heading: 'Ticket not found' },
  { path: '/catalog/laptop', heading: 'New laptop' },
  { path: '/knowledge/vpn-connect', heading: 'Connect to the VPN from home' },
  { path: '/tickets/t1003', heading: 'REQ-1003 · Access to finance reports folder' },
  { path: '/settings', heading: 'Settings' },
  { path: '/no/such/page', heading: 'Page not found' },
];

/** The portal as a person sees it: header, navigation, main heading. */
export class Portal {
  constructor(readonly page: Page) {}

  /** Opens `path` and waits until the wasm app has rendered the page's heading. */
  async open(path: string): Promise<void> {
    await this.page.goto(path);
    await expect(this.heading).toBeVisible();
  }

  get heading(): Locator {
    return this.page.locator('main h1');
  }

  get nav(): Locator {
    return this.page.getByRole('navigation', { name: /main|principal/i });
  }

  navLink(name: string | RegExp): Locator {
    return this.nav.getByRole('link', { name });
  }

  get languageSelect(): Locator {
    return this.page.locator('#language-select');
  }

  async html(attr: string): Promise<string | null> {
    return this.page.locator('html').getAttribute(attr);
  }

  /** The computed background colour of the page body, as `rgb(r, g, b)`. */
  async background(): Promise<string> {
    return this.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  }
}

/** Every rule axe has (WCAG 2.0–2.2 A/AA and best practices); nothing is disabled. */
export async function expectNoViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`,
  );
  expect(summary, `${label}\n${summary.join('\n')}`).toEqual([]);
}

