import { expect, test, type Locator, type Page } from '@playwright/test';
import { Portal, expectNoViolations } from './support/portal';

// The embedded demo service desk, reached through the demo connector like a real backend.

test('the catalog lists every category with its services', async ({ page }) => {
  const portal = new Portal(page);
  await portal.open('/catalog');
  const groups = page.locator('.catalog-group');
  await expect(groups).toHaveCount(6);
  await expect(page.getByRole('heading', { level: 2, name: /Hardware/ })).toContainText('5 services');
  expect(await page.locator('.item-card').count()).toBeGreaterThanOrEqual(24);
  await page.getByRole('link', { name: /New laptop/ }).click();
  await expect(portal.heading).toHaveText('New laptop');
  await expect(portal.heading).toBeFocused();
  await expect(page.getByText('Usually delivered within 3 days')).toBeVisible();
  await expect(page.getByText('Needs approval')).toBeVisible();
});

test('my tickets show every status in words, and a ticket its conversation without internal notes', async ({ page }) => {
  const portal = new Portal(page);
  await portal.open('/tickets');
  const list = page.locator('.ticket-row');
  await expect(list.first()).toBeVisible();
  expect(await list.count()).toBeGreaterThanOrEqual(8);
  for (const status of ['New', 'In progress', 'Waiting on you', 'On hold', 'Resolved', 'Closed', 'Cancelled']) {
    await expect(page.locator('.status', { hasText: status }).first()).toBeVisible();
  }
  await page.getByRole('link', { name: 'VPN drops every few minutes' }).click();
  await expect(portal.heading).toHaveText('REQ-1002 · VPN drops every few minutes');
  await expect(page.getByText("Hi Ana, I'm looking into the VPN logs for your account.")).toBeVisible();
  // The desk wrote an internal note on this ticket; the requester must never see it.
  await expect(page.getByText(/Internal:/)).toHaveCount(0);
});

test('the knowledge base lists articles, and an article links to its translations', async ({ page }) => {
  const portal = new Portal(page);
  await portal.open('/knowledge');
  // Each article once, whatever the number of its translations.
  await expect(page.locator('#knowledge-count')).toHaveText('40 articles');
  await expect(page.locator('.article-card')).toHaveCount(20);
  await page.getByRole('button', { name: 'Show more results' }).click();
  await expect(page.locator('.article-card')).toHaveCount(40);
  await page.getByRole('link', { name: 'Connect to the VPN from home' }).click();
  await expect(portal.heading).toHaveText('Connect to the VPN from home');
  await expect(page.getByText('41 people found this helpful')).toBeVisible();
  await page.getByRole('navigation', { name: 'Also in' }).getByRole('link', { name: 'Français' }).click();
  await expect(portal.heading).toHaveText('Se connecter au VPN depuis chez soi');
});

test('the home page shows the active announcement', async ({ page }) => {
  const portal = new Portal(page);
  await portal.open('/');
  await expect(page.getByRole('complementary', { name: 'Announcement' })).toContainText('Planned maintenance');
});

test('the desk moves on with time, and what it holds survives a reload', async ({ page }) => {
  await page.clock.install({ time: new Date() });
  const portal = new Portal(page);
  await portal.open('/tickets/t1001');
  await expect(page.locator('.facts .status')).toContainText('New');
  // An agent picks a new request up within a minute.
  await page.clock.fastForward('02:00');
  await page.reload();
  await expect(portal.heading).toHaveText('REQ-1001 · New laptop for Ana');
  await expect(page.locator('.facts .status')).toContainText('In progress');
  await expect(page.getByText(/Thanks for your request “New laptop for Ana”/)).toBeVisible();
  // Had the desk not been kept in IndexedDB, the reload would have seeded a fresh one with
  // REQ-1001 just logged again.
});

test('when storage is unavailable, the demo still works and says its changes will not be kept', async ({ page }) => {
  // The desk lives in the worker's IndexedDB. A database already at a newer version makes the
  // worker's open fail (VersionError), as a broken or foreign database would. It is set up from
  // a static file of the same origin: every portal page starts the desk (the background refresh
  // of tickets), whose open connection would block the deletion.
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
  await expect(page.getByRole('status').filter({ hasText: 'will not be kept' })).toBeVisible();
  await expect(page.locator('.ticket-row').first()).toBeVisible();
});

test('if the demo worker cannot load, pages say the service desk is unavailable instead of waiting', async ({ page }) => {
  await page.route('**/demo-worker_bg.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
  const portal = new Portal(page);
  await portal.open('/tickets');
  await expect(page.getByRole('alert')).toContainText('The service desk’s system had a problem (error 503)');
  await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();
});

test('a request form runs its rules in the browser, keeps answers on errors, and files the ticket', async ({ page }) => {
  const portal = new Portal(page);
  await portal.open('/catalog/laptop');
  await expect(portal.heading).toHaveText('New laptop');
  const reason = page.getByLabel(/^Why do you need the performance model\?/);
  await expect(reason).toHaveCount(0);

  await page.getByLabel(/^Summary/).fill('Laptop for the new designer');
  await page.getByLabel('Performance 16"').check();
  await expect(reason).toBeVisible();
  await reason.fill('Too short');
  await page.getByRole('group', { name: /Is this replacing a current laptop/ }).getByLabel('Yes').check();
  await expect(page.getByLabel(/^I will return the old laptop/)).toBeVisible();
  await page.getByRole('group', { name: /Is this replacing a current laptop/ }).getByLabel('No').check();
  await expect(page.getByLabel(/^I will return the old laptop/)).toHaveCount(0);

  await page.getByRole('button', { name: 'Send request' }).click();
  await expect(page.getByText('Write at least 20 characters.', { exact: true })).toBeVisible();
  await expect(reason).toBeFocused();
  await expect(page.getByLabel(/^Summary/)).toHaveValue('Laptop for the new designer');
  await reason.fill('Large design files and 3D previews need the memory.');
  await page.getByRole('button', { name: 'Send request' }).click();
  // The confirmation takes the form's place, with focus on its heading and the ticket number.
  await expect(page.getByRole('heading', { level: 2, name: 'Request sent' })).toBeFocused();
  await expect(page.getByText(/^Your request number is REQ-\d+\.$/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Send request' })).toBeHidden();
  await expectNoViolations(page, 'confirmation page');
  await page.getByRole('link', { name: 'Follow it in My tickets' }).click();
  await expect(portal.heading).toContainText('Laptop for the new designer');
  await expect(page.locator('main')).toContainText('Large design files');
});

test('a form keeps a draft through a reload, and its error summary leads to each answer to fix', async ({ page }) => {
  const portal = new Portal(page);
  await portal.open('/catalog/laptop');
  await page.getByRole('button', { name: 'Send request' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'Check these answers:' });
  await expect(summary.getByRole('link', { name: 'Summary: This answer is required.' })).toBeVisible();
  // A question's own mark ends its label: no stray "?:" (issue 16).
  await expect(summary.getByRole('link', { name: 'Is this replacing a current laptop? This answer is required.' })).toBeVisible();
  await expect(summary).not.toContainText('?:');
  await summary.getByRole('link', { name: /^Model:/ }).click();
  await expect(page.getByRole('group', { name: /^Model/ })).toBeFocused();

  await page.getByLabel(/^Summary/).fill('Laptop for the intern');
  await page.getByLabel('Performance 16"').check();
  await page.getByLabel(/^Why do you need the performance model\?/).fill('Compiling the mobile app all day long.');
  await page.waitForTimeout(300); // the draft is written as the user types
  await page.reload();
  await expect(portal.heading).toHaveText('New laptop');
  await expect(page.getByText(/^Your unsent answers from .+ are back\.$/)).toBeVisible();
  await expect(page.getByLabel(/^Summary/)).toHaveValue('Laptop for the intern');
  await expect(page.getByLabel('Performance 16"')).toBeChecked();
  await expect(page.getByLabel(/^Why do you need the performance model\?/)).toHaveValue('Compiling the mobile app all day long.');

  await page.getByRole('button', { name: 'Discard these answers' }).click();
  await expect(page.getByLabel(/^Summary/)).toHaveValue('');
  await page.waitForTimeout(300);
  await page.reload();
  await expect(portal.heading).toHaveText('New laptop');
  await expect(page.getByLabel(/^Summary/)).toHaveValue('');
  await expect(page.getByText(/Your unsent answers/)).toHaveCount(0);
});

test('the catalog filters as you type, forgiving typos and accents, and by category', async ({ page }) => {
  const portal = new Portal(page);
  await portal.open('/catalog');
  const search = page.getByLabel('Find a service');
  await search.fill('laptpo');
  await expect(page.getByRole('link', { name: /New laptop/ })).toBeVisible();
  await expect(page.locator('.catalog-group')).toHaveCount(1);
  await search.fill('');
  await page.getByLabel('Category').selectOption({ label: 'Hardware' });
  await expect(page.locator('.catalog-group')).toHaveCount(1);
  await expect(page.getByRole('heading', { level: 2, name: /Hardware/ })).toBeVisible();
  await page.getByLabel('Category').selectOption({ label: 'All categories' });
  await expect(page.locator('.catalog-group')).toHaveCount(6);
  await search.fill('zzzz qqqq');
  await expect(page.getByRole('status').filter({ hasText: 'No service matches “zzzz qqqq”.' })).toBeVisible();
  await page.getByRole('link', { name: 'Look in the knowledge base' }).click();
  await expect(portal.heading).toHaveText('Knowledge base');
});

test('offline, a request is kept on the device, listed as waiting, and sent once back online', async ({ page, context }) => {
  const portal = new Portal(page);
  await portal.open('/catalog/general_question');
  await context.setOffline(true);
  await page.getByLabel(/^Summary/).fill('Where is the coffee machine manual?');
  await page.getByLabel(/^Your question/).fill('The new coffee machine on floor 3 shows error E7.');
  await page.getByRole('button', { name: 'Send request' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Saved on this device' })).toBeFocused();
  await expect(page.getByText(/kept on this device and will be sent as soon as it can be/)).toBeVisible();

  // The draft went only once the request was safely kept: a reload shows an empty form.
  await page.getByRole('link', { name: 'Waiting to be sent' }).click();
  const waiting = page.getByRole('region', { name: 'Waiting to be sent' });
  await expect(waiting.getByText('Where is the coffee machine manual?')).toBeVisible();
  await expect(page.locator('.ticket-row', { hasText: 'Where is the coffee machine manual?' })).toHaveCount(1);

  await context.setOffline(false);
  await expect(waiting).toHaveCount(0);
  const delivered = page.locator('.ticket-list .ticket-row', { hasText: 'Where is the coffee machine manual?' });
  await expect(delivered).toHaveCount(1);
  await expect(delivered.getByRole('link')).toBeVisible();
  // Sent once: a reload (which tries the outbox again) still shows one ticket.
  await page.reload();
  await expect(portal.heading).toHaveText('My tickets');
  await expect(delivered).toHaveCount(1);
});

test('home finds services and articles together as you type, and lists popular and recent services', async ({ page }) => {
  const portal = new Portal(page);
  await portal.open('/');
  await expect(page.getByRole('region', { name: 'Recently used' })).toHaveCount(0);
  const popular = page.getByRole('region', { name: 'Popular services' });
  await expect(popular.getByRole('link').first()).toContainText('Password reset help');

  const search = page.getByLabel('Search services and articles');
  await search.fill('pasword');
  const results = page.locator('#home-search-results');
  await expect(results.getByRole('link', { name: 'Password reset help' })).toBeVisible();
  await expect(results.getByRole('link', { name: 'Reset your password yourself' })).toBeVisible();
  await expect(results).toContainText(/\d+ services? and \d+ articles?/);
  await search.fill('zzzz qqqq');
  await expect(results).toHaveText('Nothing matches “zzzz qqqq”.');
  await search.fill('printer');
  await results.getByRole('link', { name: 'Printer problem' }).click();
  await expect(portal.heading).toHaveText('Printer problem');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
  await expect(page.getByRole('region', { name: 'Recently used' }).getByRole('link')).toHaveText([/Printer problem/]);
  await expectNoViolations(page, 'home with search results');
});

// Issue 16, item 8: Enter is no dead end, and only the count is announced, once typing pauses.
test('home search: Enter opens the first match, and only the count is announced', async ({ page }) => {
  const portal = new Portal(page);
  await portal.open('/');
  const search = page.getByLabel('Search services and articles');
  // The list itself is no live region (it was re-read on every key).
  await expect(page.locator('#home-search-results')).not.toHaveAttribute('role', 'status');
  await expect(page.locator('#home-search-results [aria-live], #home-search-results[aria-live]')).toHaveCount(0);
  const status = page.locator('#home-search-status');
  await search.pressSequentially('printer', { delay: 30 });
  await expect(status).toHaveText(/^\d+ services? and \d+ articles?$/);
  await search.press('Enter');
  await expect(portal.heading).toHaveText('Printer problem');

  await portal.open('/');
  await search.fill('zzzz qqqq');
  await search.press('Enter');
  await expect(portal.heading).toHaveText('Knowledge base');
  await expect(page).toHaveURL(/\/knowledge\?q=zzzz/);
});

test('the catalog keeps its search in the address, through a reload and Back', async ({ page }) => {
  const portal = new Portal(page);
  await portal.open('/catalog');
  await page.getByLabel('Find a service').fill('laptpo');
  await expect(page).toHaveURL(/\/catalog\?q=laptpo$/);
  await page.reload();
  await expect(page.getByLabel('Find a service')).toHaveValue('laptpo');
  await expect(page.locator('.catalog-group')).toHaveCount(1);
  await page.getByRole('link', { name: /New laptop/ }).click();
  await expect(portal.heading).toHaveText('New laptop');
  await page.goBack();
  await expect(page.getByLabel('Find a service')).toHaveValue('laptpo');
  await expect(page.locator('.catalog-group')).toHaveCount(1);
});

test('drafts are listed to resume or discard, and the home page counts them', async ({ page }) => {
  const portal = new Portal(page);
  await portal.open('/catalog/laptop');
  await page.getByLabel(/^Summary/).fill('Laptop for the trainee');
  // Drafts keep their time to the second and the newest is listed first.
  await page.waitForTimeout(1100);
  await portal.open('/catalog/monitor');
  await page.getByLabel(/^Summary/).fill('Second screen');
  await page.waitForTimeout(300); // the draft is written as the user types
  await portal.open('/');
  await page.getByRole('link', { name: 'Unsent drafts: 2' }).click();
  await expect(portal.heading).toHaveText('Drafts');
  const rows = page.locator('.ticket-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText('Monitor');
  await expect(rows.first()).toContainText('Second screen');
  await expectNoViolations(page, 'drafts');

  await page.getByRole('button', { name: 'Discard these answers: Monitor' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Draft discarded.' })).toBeAttached();
  await expect(rows).toHaveCount(1);
  await page.getByRole('link', { name: 'Resume: New laptop' }).click();
  await expect(portal.heading).toHaveText('New laptop');
  await expect(page.getByLabel(/^Summary/)).toHaveValue('Laptop for the trainee');
  await portal.open('/catalog/monitor');
  await expect(page.getByLabel(/^Summary/)).toHaveValue('');
});

test('while a request is written, articles that might help are offered, and reading one instead counts', async ({ page }) => {
  const portal = new Portal(page);
  await portal.open('/settings');
  const tally = page.getByRole('region', { name: 'Self-help' });
  await expect(tally.locator('dd')).toHaveText('0');
  await portal.open('/catalog/printer');
  await expect(page.getByRole('complementary', { name: 'These might help' })).toHaveCount(0);
  await page.getByLabel(/^Summary/).fill('Printer offline with a paper jam');
  const help = page.getByRole('complementary', { name: 'These might help' });
  await expect(help.getByRole('link').first()).toHaveText('Printer shows offline or paper jam');
  expect(await help.getByRole('link').count()).toBeLessThanOrEqual(3);
  await help.getByRole('link', { name: 'Printer shows offline or paper jam' }).click();
  await expect(portal.heading).toHaveText('Printer shows offline or paper jam');
  await portal.open('/settings');
  await expect(tally.locator('dd')).toHaveText('1');
});

/** Presses Tab until `target` has focus: proves it is reachable by keyboard, in order. */
async function tabTo(page: Page, target: Locator, most = 60) {
  for (let i = 0; i < most; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

test('a request can be completed with the keyboard alone, reference field included', async ({ page }) => {
  const portal = new Portal(page);
  await portal.open('/catalog/broken_device');
  await tabTo(page, page.getByLabel(/^Summary/));
  await page.keyboard.type('Cracked laptop screen');
  const device = page.getByRole('combobox', { name: /^Device/ });
  await tabTo(page, device);
  await page.keyboard.type('lapt');
  const options = page.getByRole('listbox', { name: 'Device' }).getByRole('option');
  await expect(options).toHaveCount(2);
  await expect(page.getByRole('status').filter({ hasText: '2 results' })).toBeAttached();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(device).toHaveAttribute('aria-activedescendant', /option-1$/);
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(device).toHaveValue('A-10877 · Laptop Performance 16"');
  await expect(device).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('heading', { name: 'Request sent' })).toHaveCount(0); // Enter chose, it did not send
  await tabTo(page, page.getByLabel(/^What happened\?/));
  await page.keyboard.type('Dropped it; the screen is cracked.');
  const yes = page.getByRole('group', { name: /loan device/ }).getByLabel('Yes');
  await tabTo(page, yes);
  await page.keyboard.press('Space');
  await expect(yes).toBeChecked();
  await tabTo(page, page.getByRole('button', { name: 'Send request' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'Request sent' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Follow it in My tickets' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(portal.heading).toContainText('Cracked laptop screen');
  await expect(page.locator('main')).toContainText('A-10877');
});

test('attachments are checked, previewed, removable, kept with the draft, and sent with the request', async ({ page }) => {
  const portal = new Portal(page);
  await portal.open('/catalog/broken_device');
  const photos = page.getByRole('group', { name: 'Photo of the damage' });
  await expect(photos).toContainText('Up to 3 files of 5 MB each. Accepted: image/*.');
  const input = photos.locator('input[type=file]');
  await input.setInputFiles([
    { name: 'damage.png', mimeType: 'image/png', buffer: PNG },
    { name: 'setup.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') },
    { name: 'huge.png', mimeType: 'image/png', buffer: Buffer.alloc(5 * 1024 * 1024 + 1) },
  ]);
  await expect(photos.getByRole('alert')).toContainText('setup.exe is not an accepted type.');
  await expect(photos.getByRole('alert')).toContainText('huge.png is larger than 5 MB.');
  await expect(photos.locator('.attach__file')).toHaveCount(1);
  await expect(photos.locator('img.attach__preview')).toHaveJSProperty('naturalWidth', 1);

  // Dropped files are taken the same way.
  const dropped = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['not really'], 'second.jpg', { type: 'image/jpeg' }));
    return dt;
  });
  await photos.locator('.attach__drop').dispatchEvent('drop', { dataTransfer: dropped });
  await expect(photos.locator('.attach__file')).toHaveCount(2);
  await photos.getByRole('button', { name: 'Remove second.jpg' }).click();
  await expect(photos.locator('.attach__file')).toHaveCount(1);
  await expect(input).toBeFocused();
  await expectNoViolations(page, 'item page with a file');

  await page.getByLabel(/^Summary/).fill('Broken hinge');
  await page.waitForTimeout(300); // the draft is written as the user types
  await page.reload();
  await expect(page.getByText(/^Your unsent answers from .+ are back\.$/)).toBeVisible();
  await expect(photos.locator('.attach__name')).toHaveText(['damage.png']);

  const device = page.getByRole('combobox', { name: /^Device/ });
  await device.fill('mobile');
  await page.getByRole('option', { name: 'M-7781 · Mobile phone' }).click();
  await page.getByLabel(/^What happened\?/).fill('The hinge snapped.');
  await page.getByRole('group', { name: /loan device/ }).getByLabel('No').check();
  await page.getByRole('button', { name: 'Send request' }).click();
  await page.getByRole('link', { name: 'Follow it in My tickets' }).click();
  await expect(portal.heading).toContainText('Broken hinge');
  await expect(page.getByRole('button', { name: /damage\.png/ })).toBeVisible();
});

test('a ticket shows the steps it goes through and how long is left before its target', async ({ page }) => {
  const portal = new Portal(page);
  await portal.open('/tickets/t1003');
  const steps = page.getByRole('list', { name: 'Progress' });
  await expect(steps.getByRole('listitem')).toHaveText([/New/, /In progress/, /Waiting on you/, /Resolved/, /Closed/]);
  await expect(steps.locator('[aria-current="step"]')).toHaveText(/Waiting on you/);
  await expect(page.locator('.due__text')).toHaveText(/^Due in \d+ (hours|days)$/);
  await expect(page.getByRole('progressbar', { name: 'Time used before the target' })).toBeVisible();
  await page.locator('#language-select').selectOption('fr');
  await expect(page.locator('.due__text')).toHaveText(/^Échéance dans \d+ (heures|jours)$/);
  await expect(page.getByRole('list', { name: 'Avancement' }).locator('[aria-current="step"]')).toContainText('En attente');
});
