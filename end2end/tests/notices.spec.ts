import { expect, test, type Locator, type Page } from '@playwright/test';
import { Portal, expectNoViolations } from './support/portal';

// The updates the background refresh finds, on the embedded demo desk: one notice at a time,
// each for a while, said once, dismissible, and never over the focused field. Two minutes
// after the page opens, the desk picks up "New laptop for Ana" (REQ-1001): a new status and
// a reply, two updates at once.

/** Opens the ticket list, waits for its first read from the desk, and starts recording what
 *  the live region says. */
async function openTickets(page: Page): Promise<Portal> {
  await page.clock.install({ time: new Date() });
  const portal = new Portal(page);
  await portal.open('/tickets');
  await expect(page.locator('.ticket-list .ticket-row')).toHaveCount(9);
  await said(page).evaluate((region) => {
    const log: string[] = [];
    (window as unknown as { __said: string[] }).__said = log;
    new MutationObserver(() => log.push(region.textContent ?? '')).observe(region, {
      childList: true,
      subtree: true,
      characterData: true,
    });
  });
  return portal;
}

/** The polite live region that speaks each update. */
const said = (page: Page): Locator => page.getByRole('status', { name: 'Ticket updates' });
/** The visible notice. */
const notice = (page: Page): Locator => page.getByRole('region', { name: 'Ticket updates' });
/** Every link to REQ-1001's updates visible anywhere. */
const shown = (page: Page): Locator => page.getByRole('link', { name: /REQ-1001/ }).filter({ visible: true });

/** What the live region said, in order, leaving out its falling silent between updates: a
 *  text set again (even to the same words) would be said again, so it shows twice here. */
async function saidSoFar(page: Page): Promise<string[]> {
  const log = await page.evaluate(() => (window as unknown as { __said: string[] }).__said);
  return log.filter((text) => text.trim() !== '');
}

test('updates show one at a time, each for a while (longer while pointed at), and each is said once', async ({ page }) => {
  await openTickets(page);
  await page.clock.fastForward('02:00');
  await expect(shown(page).first()).toBeVisible({ timeout: 20_000 });
  await expect(shown(page)).toHaveCount(1);
  await expect(notice(page)).toContainText('REQ-1001 “New laptop for Ana” is now');
  await expect(notice(page)).toContainText('1 more update');
  await expect(said(page)).toHaveText(/^REQ-1001 “New laptop for Ana” is now [^.]+\.$/);
  await expectNoViolations(page, 'ticket list with an update');

  // Its time up, the next one takes its place, alone.
  await page.clock.fastForward('00:09');
  await expect(notice(page)).toContainText('replied on REQ-1001');
  await expect(shown(page)).toHaveCount(1);
  await expect(notice(page)).not.toContainText('more update');

  // Time stands still while the pointer is on it.
  await notice(page).hover();
  await page.clock.fastForward('00:20');
  await expect(notice(page)).toContainText('replied on REQ-1001');
  await page.mouse.move(5, 5);
  await page.clock.fastForward('00:09');
  await expect(notice(page)).toHaveCount(0);
  await expect(shown(page)).toHaveCount(0);

  // Each was said once, in the order it happened; and the list still shows the change.
  const spoken = await saidSoFar(page);
  expect(spoken).toHaveLength(2);
  expect(spoken[0]).toMatch(/^REQ-1001 “New laptop for Ana” is now/);
  expect(spoken[1]).toMatch(/replied on REQ-1001 “New laptop for Ana”\.$/);
  await expect(page.locator('.ticket-row--news')).toContainText('New laptop for Ana');
});

test('an update is dismissed with its X or Escape, and focus goes back where it was', async ({ page }) => {
  await openTickets(page);
  const search = page.getByLabel('Find a ticket');
  await search.focus();
  await page.clock.fastForward('02:00');
  await expect(shown(page).first()).toBeVisible({ timeout: 20_000 });

  const dismiss = page.getByRole('button', { name: 'Dismiss' });
  await dismiss.first().focus();
  // Focus in it holds it.
  await page.clock.fastForward('00:30');
  await expect(shown(page).first()).toContainText('is now');
  await page.keyboard.press('Enter');
  await expect(search).toBeFocused();
  await expect(shown(page)).toHaveCount(1);
  await expect(notice(page)).toContainText('replied on');

  await shown(page).first().focus();
  await page.keyboard.press('Escape');
  await expect(shown(page)).toHaveCount(0);
  await expect(dismiss).toHaveCount(0);
  await expect(search).toBeFocused();
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('an update never covers the field being typed in', async ({ page }) => {
    await openTickets(page);
    await page.getByRole('link', { name: 'VPN drops every few minutes' }).click();
    const reply = page.getByLabel('Your reply');
    // The reply box at the bottom of the screen, focused, as when typing on a phone.
    await reply.evaluate((el) => el.scrollIntoView({ block: 'end' }));
    await reply.focus();
    await page.keyboard.type('Still dropping');
    const field = await reply.boundingBox();
    expect(field!.y + field!.height).toBeGreaterThan(844 / 2);

    await page.clock.fastForward('02:00');
    await expect(shown(page).first()).toBeVisible({ timeout: 20_000 });
    const now = (await reply.boundingBox())!;
    const clear = async (what: Locator) => {
      const box = (await what.boundingBox())!;
      const overlap = box.y < now.y + now.height && now.y < box.y + box.height;
      expect(overlap, `${JSON.stringify(box)} over the field at ${JSON.stringify(now)}`).toBe(false);
    };
    for (const link of await shown(page).all()) await clear(link);
    await expect(shown(page)).toHaveCount(1);
    await clear(notice(page));
    await expect(reply).toBeFocused();
    await expect(reply).toHaveValue('Still dropping');
  });
});

test('an app-wide notice that can wait is put off with its X or Escape, focus going to the page heading', async ({ page }) => {
  // The demo desk's database already at a newer version: its storage fails, and the portal
  // says what the user does will not be kept (as in demo.spec.ts).
  await page.goto('/favicon.svg');
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        indexedDB.deleteDatabase('portico-demo');
        const open = indexedDB.open('portico-demo', 99);
        open.onsuccess = () => {
          open.result.close();
          resolve();
        };
        open.onerror = () => reject(open.error);
      }),
  );
  const portal = new Portal(page);
  await portal.open('/tickets');
  const banner = page.getByRole('status').filter({ hasText: 'will not be kept' });
  await banner.getByRole('button', { name: 'Dismiss' }).focus();
  await page.keyboard.press('Escape');
  await expect(page.getByText(/will not be kept/)).toHaveCount(0);
  await expect(portal.heading).toBeFocused();
});
