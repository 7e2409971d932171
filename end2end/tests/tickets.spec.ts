import { expect, test } from '@playwright/test';
import { Portal, expectNoViolations } from './support/portal';

// Following tickets on the embedded demo desk: the list's filters and marks, a ticket's
// conversation kept fresh in the background, and every requester action the desk allows.

test('the list filters, sorts, searches and counts, and marks what needs the user', async ({ page }) => {
  await page.clock.install({ time: new Date() });
  const portal = new Portal(page);
  await portal.open('/tickets');
  const rows = page.locator('.ticket-list .ticket-row');
  await expect(rows).toHaveCount(9);
  const show = page.getByRole('group', { name: 'Show' });
  await expect(show.getByRole('button', { name: /^All/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(show.getByRole('button', { name: /^Open/ })).toContainText('5');
  await expect(show.getByRole('button', { name: /^Closed/ })).toContainText('4');

  // The desk is waiting on the user for one ticket: the navigation says so.
  await expect(portal.navLink(/My tickets/)).toHaveAccessibleName(/1 needs your attention/);

  await show.getByRole('button', { name: /^Waiting on me/ }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Access to finance reports folder');
  await expect(page).toHaveURL(/show=waiting/);

  await show.getByRole('button', { name: /^Open/ }).click();
  await page.getByLabel('Type').selectOption('incident');
  await expect(rows).toHaveCount(2);
  await expect(page.locator('#tickets-count')).toHaveText(/2 tickets/);
  await page.getByLabel('Sort by').selectOption('due');
  // The nearest target first: the battery's before the VPN's, though the VPN was opened first.
  await expect(rows.locator('.ticket-row__title')).toHaveText(['Laptop battery swells', 'VPN drops every few minutes']);

  // Search forgives case, accents and a typo; an empty result offers to clear the filters.
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(rows).toHaveCount(9);
  await page.getByLabel('Find a ticket').fill('PRINTR');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Printer on floor 3 shows offline');
  await page.getByLabel('Find a ticket').fill('toaster');
  await expect(page.locator('#tickets-count')).toContainText('No ticket matches these filters.');
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page.getByLabel('Find a ticket')).toHaveValue('');
  await expect(rows).toHaveCount(9);
  await expectNoViolations(page, 'ticket list');

  // The desk moves on while the user is away: the tickets it touched are marked, and the
  // badge counts them with the one waiting on the user.
  await page.clock.fastForward('05:00');
  await page.goto('/tickets');
  await expect(page.locator('.ticket-row--news')).toHaveCount(1);
  await expect(page.locator('.ticket-row--news')).toContainText('New laptop for Ana');
  await expect(page.locator('.ticket-row--news')).toContainText('New activity');
  await expect(portal.navLink(/My tickets/)).toHaveAccessibleName(/2 need your attention/);
  // Opening it is seeing it.
  await page.getByRole('link', { name: 'New laptop for Ana' }).click();
  await expect(portal.heading).toHaveText('REQ-1001 · New laptop for Ana');
  await expect(portal.navLink(/My tickets/)).toHaveAccessibleName(/1 needs your attention/);
});

test('a ticket: answer the desk, see its reply arrive, confirm, rate, and reopen another', async ({ page }) => {
  await page.clock.install({ time: new Date() });
  const portal = new Portal(page);
  await portal.open('/tickets/t1003');
  await expect(portal.heading).toHaveText('REQ-1003 · Access to finance reports folder');
  await expect(page.getByRole('list', { name: 'Progress' }).locator('[aria-current="step"]')).toHaveText(/Waiting on you/);
  await expect(page.getByText('The service desk is waiting for your answer before going on.')).toBeVisible();

  // The answer is markdown; the preview shows it as it will read, safely.
  const answer = page.getByLabel('Your answer');
  await answer.fill('It is **Building B**, floor 2.\n\n<img src=x onerror="window.__xss=1">');
  await page.getByRole('button', { name: 'Preview' }).click();
  const preview = page.getByRole('region', { name: 'Preview' });
  await expect(preview.locator('strong')).toHaveText('Building B');
  await expect(preview.locator('img[onerror]')).toHaveCount(0);
  await page.getByRole('button', { name: 'Write' }).click();
  await answer.fill('It is **Building B**, floor 2.');
  await page.getByRole('button', { name: 'Send answer' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Reply sent.' })).toBeVisible();
  const timeline = page.locator('.timeline');
  await expect(timeline.locator('.timeline__item--you strong', { hasText: 'Building B' })).toBeVisible();
  await expect(page.locator('.facts .status')).toContainText('In progress');
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();

  // Two minutes later the agent resolves it: the page shows the reply without a reload,
  // and a polite live region says what changed.
  await page.clock.fastForward('03:00');
  await expect(timeline.getByText('All done. Please confirm it works for you')).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('.facts .status')).toContainText('Resolved');
  const updates = page.getByRole('status', { name: 'Ticket updates' });
  await expect(updates).toContainText('REQ-1003');

  // Confirm the resolution, then rate it.
  await page.getByRole('button', { name: 'Yes, it is fixed' }).click();
  await expect(page.locator('.facts .status')).toContainText('Closed');
  await page.getByRole('button', { name: 'Send rating' }).click();
  await expect(page.getByText('Choose a rating from 1 to 5 first.')).toBeVisible();
  await page.getByLabel('4 – Satisfied').check();
  await page.getByLabel('Anything to add? (optional)').fill('Quick and friendly.');
  await page.getByRole('button', { name: 'Send rating' }).click();
  await expect(timeline.getByText('Rated 4 out of 5 — Quick and friendly.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Send rating' })).toHaveCount(0);
  await expectNoViolations(page, 'ticket page');

  // Another ticket the desk marked resolved is not fixed: say why and reopen it.
  await portal.open('/tickets/t1005');
  await expect(page.getByRole('heading', { name: 'Is it fixed?' })).toBeVisible();
  await page.getByLabel('Your reply').fill('Still offline this morning.');
  await page.getByRole('button', { name: 'No, it is not fixed' }).click();
  await expect(page.locator('.facts .status')).toContainText('In progress');
  await expect(timeline.getByText('Still offline this morning.')).toBeVisible();
  await expect(page.getByLabel('Your reply')).toHaveValue('');
});

test('withdrawing a request asks first', async ({ page }) => {
  const portal = new Portal(page);
  await portal.open('/tickets/t1002');
  await page.getByRole('button', { name: 'Withdraw request' }).click();
  await expect(page.getByText('Withdraw this request? The service desk will stop working on it.')).toBeVisible();
  await expect(page.getByText(/has not been sent/)).toHaveCount(0);
  await page.getByRole('button', { name: 'No, keep it' }).click();
  // Unsent words in the reply box are pointed out before they would go with the box.
  await page.getByLabel('Your reply').fill('Thanks, I will wait.');
  await page.getByRole('button', { name: 'Withdraw request' }).click();
  await expect(page.getByText('Your reply above has not been sent: send it first, or it will be lost.')).toBeVisible();
  await expect(page.getByLabel('Your reply')).toHaveValue('Thanks, I will wait.');
  await page.getByLabel('Your reply').fill('');
  await page.getByRole('button', { name: 'No, keep it' }).click();
  await expect(page.locator('.facts .status')).toContainText('In progress');
  await page.getByRole('button', { name: 'Withdraw request' }).click();
  await page.getByRole('button', { name: 'Yes, go ahead' }).click();
  await expect(page.locator('.facts .status')).toContainText('Cancelled');
  await expect(page.getByLabel('Your reply')).toHaveCount(0);
});

test('offline, a ticket shows the kept copy and a reply waits on the device until it is sent', async ({ page, context }) => {
  const portal = new Portal(page);
  await portal.open('/tickets/t1009');
  await expect(portal.heading).toHaveText('REQ-1009 · Laptop battery swells');
  await portal.navLink(/My tickets/).click();
  await expect(page.locator('.ticket-list .ticket-row')).toHaveCount(9);

  await context.setOffline(true);
  await page.getByRole('link', { name: 'Laptop battery swells' }).click();
  await expect(portal.heading).toHaveText('REQ-1009 · Laptop battery swells');
  await expect(page.getByText(/^Last updated .+\. You are offline: this is the copy kept on this device\.$/)).toBeVisible();
  await page.getByLabel('Your reply').fill('It is getting warm, too.');
  await page.getByRole('button', { name: 'Send reply' }).click();
  await expect(page.getByText(/^Kept on this device/)).toBeVisible();
  const pending = page.locator('.timeline__item--pending');
  await expect(pending).toContainText('It is getting warm, too.');
  await expect(pending).toContainText('Waiting to be sent');
  await portal.navLink(/My tickets/).click();
  await expect(page.getByText(/^Last updated .+\. You are offline/)).toBeVisible();
  await expect(page.locator('.ticket-list .ticket-row')).toHaveCount(9);

  await context.setOffline(false);
  await page.getByRole('link', { name: 'Laptop battery swells' }).click();
  await expect(page.locator('.timeline__item--you', { hasText: 'It is getting warm, too.' })).toHaveCount(1);
  await expect(pending).toHaveCount(0);
  // Sent once: a reload shows it once.
  await page.reload();
  await expect(page.locator('.timeline__item--you', { hasText: 'It is getting warm, too.' })).toHaveCount(1);
});

test('an image attached to a reply is previewed in the conversation; the list reads in French', async ({ page }) => {
  const portal = new Portal(page);
  await portal.open('/tickets/t1002');
  // A 1×1 PNG.
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  );
  await page.getByLabel('Your reply').fill('Here is what the VPN client shows.');
  await page.getByLabel('Attach a file').setInputFiles({ name: 'vpn-error.png', mimeType: 'image/png', buffer: png });
  await expect(page.getByRole('button', { name: 'Remove vpn-error.png' })).toBeVisible();
  await page.getByRole('button', { name: 'Send reply' }).click();
  const preview = page.getByRole('img', { name: 'vpn-error.png' });
  await expect(preview).toBeVisible();
  expect(await preview.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
  await expect(page.getByRole('button', { name: 'Download vpn-error.png' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Remove vpn-error.png' })).toHaveCount(0);

  await portal.open('/tickets');
  await portal.languageSelect.selectOption('fr');
  const show = page.getByRole('group', { name: 'Afficher' });
  await expect(show.getByRole('button', { name: /^En attente de moi/ })).toBeVisible();
  await expect(page.getByLabel('Trier par')).toBeVisible();
  await expect(portal.navLink(/Mes demandes/)).toHaveAccessibleName(/1 demande votre attention/);
});

test('with notifications turned on, a change raises one while the user is in another window', async ({ page }) => {
  await page.addInitScript(() => {
    const shown: string[] = [];
    (window as unknown as { __notes: string[] }).__notes = shown;
    class FakeNotification {
      static permission = 'granted';
      static requestPermission() {
        return Promise.resolve('granted');
      }
      onclick: unknown = null;
      constructor(title: string, options?: { body?: string }) {
        shown.push(`${title}: ${options?.body ?? ''}`);
      }
    }
    (window as unknown as { Notification: unknown }).Notification = FakeNotification;
    // The portal's window is behind another one.
    Document.prototype.hasFocus = () => false;
  });
  await page.clock.install({ time: new Date() });
  const portal = new Portal(page);
  await portal.open('/settings');
  const toggle = page.getByLabel('Tell me in a browser notification when a ticket changes');
  await toggle.check();
  await expect(toggle).toBeChecked();
  await portal.open('/tickets');
  await expect(page.locator('.ticket-list .ticket-row')).toHaveCount(9);
  // The desk picks up the new laptop request within a minute.
  await page.clock.fastForward('02:00');
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __notes: string[] }).__notes.join('\n')), { timeout: 20_000 })
    .toContain('REQ-1001');
  await expect(page.getByRole('status', { name: 'Ticket updates' })).toContainText('REQ-1001');
});

test('an image in a reply that cannot be loaded shows its description as a link instead', async ({ page }) => {
  await page.route('**/screens/**', (route) => route.fulfill({ status: 404, body: '' }));
  const portal = new Portal(page);
  await portal.open('/tickets/t1002');
  await page
    .getByLabel('Your reply')
    .fill('It looks like this:\n\n![The VPN error dialog](/screens/vpn-error.png)\n\n![](/screens/unnamed.png)');
  await page.getByRole('button', { name: 'Send reply' }).click();
  const reply = page.locator('.timeline__item--you', { hasText: 'It looks like this:' });
  await expect(reply.getByRole('link', { name: 'The VPN error dialog' })).toHaveAttribute('href', '/screens/vpn-error.png');
  await expect(reply.getByRole('link', { name: 'The image could not be shown' })).toHaveAttribute('href', '/screens/unnamed.png');
  await expect(reply.locator('img')).toHaveCount(0);
  // The address is the file's, not a page of the portal: following it leaves the router alone.
  await expect(reply.getByRole('link', { name: 'The VPN error dialog' })).toHaveAttribute('rel', 'external');
});
