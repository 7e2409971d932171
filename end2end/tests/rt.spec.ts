import { expect, request, test, type APIRequestContext, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expectNoViolations } from './support/portal';

// Journeys against a real Request Tracker 5, started by `./portico test` (`./portico rt up`).
// The portal reaches RT through Trunk's same-origin proxy (/rt/ → 127.0.0.1:4790), as it would
// through nginx or Caddy in production. Checks go to RT's own API, as RT's root.
const RT = process.env.PORTICO_RT_URL ?? '';
const RT_CONFIG = readFileSync(path.join(__dirname, '..', '..', '.ci', 'rt-config.json'), 'utf8');

test.skip(!RT, 'needs the Request Tracker that ./portico test starts (PORTICO_RT_URL)');

async function rtAs(user: string, password: string): Promise<APIRequestContext> {
  return request.newContext({
    baseURL: `${RT}/REST/2.0/`,
    httpCredentials: { username: user, password, send: 'always' },
  });
}
const rtRoot = () => rtAs('root', process.env.RT_ROOT_PW ?? 'portico-root');

async function signIn(page: Page, user: string, password: string, realName: string): Promise<void> {
  await page.route('**/config.json', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: RT_CONFIG }));
  await page.goto('/');
  await expect(page.locator('main h1')).toHaveText('Sign in');
  await page.getByLabel('User name', { exact: true }).fill(user);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText(`Signed in as ${realName}`)).toBeVisible();
}
const signInAlice = (page: Page) => signIn(page, 'alice', 'alice-pass-1', 'Alice Enduser');

/** Files a ticket as alice straight through RT's API; returns its id. */
async function ticketFor(user: string, password: string, subject: string): Promise<string> {
  const rt = await rtAs(user, password);
  const created = await rt.post('ticket', {
    data: { Queue: 'IT Service Desk', Requestor: user, Subject: subject, Content: 'Filed in RT directly', ContentType: 'text/plain' },
  });
  expect(created.status()).toBe(201);
  return String((await created.json()).id);
}

async function ticketsWithSubject(subject: string): Promise<string[]> {
  const rt = await rtRoot();
  const found = await rt.get('tickets', { params: { query: `Subject = '${subject}'` } });
  expect(found.ok()).toBeTruthy();
  return (await found.json()).items.map((t: { id: string }) => String(t.id));
}

function unique(label: string): string {
  return `${label} ${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

test('a wrong password is refused with a clear message, and the user name stays', async ({ page }) => {
  await page.route('**/config.json', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: RT_CONFIG }));
  await page.goto('/catalog');
  await page.getByLabel('User name', { exact: true }).fill('alice');
  await page.getByLabel('Password', { exact: true }).fill('not-her-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('The user name or password is not right');
  await expect(page.getByLabel('User name', { exact: true })).toHaveValue('alice');
  // The password never lands in the browser's storage.
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  expect(stored).not.toContain('not-her-password');
});

test('an RT auth token signs in too, and is kept in memory only', async ({ page }) => {
  const token = readFileSync(path.join(__dirname, '..', '..', '.cache', 'rt', 'alice.token'), 'utf8').trim();
  await page.route('**/config.json', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: RT_CONFIG }));
  await page.goto('/tickets');
  await page.getByLabel('Access token').check();
  await page.getByLabel('Your token').fill('1-99-not-a-real-token');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('This token is not valid');
  await page.getByLabel('Your token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Signed in as Alice Enduser')).toBeVisible();
  await expect(page.locator('main h1')).toHaveText('My tickets');
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  expect(stored).not.toContain(token);
  await page.reload();
  await expect(page.locator('main h1')).toHaveText('Sign in');
});

test('an end user signs in, sees RT queues as the catalog, and files a form RT stores with its custom fields', async ({ page }) => {
  await signInAlice(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Service catalog' }).click();
  const equipment = page.getByRole('region', { name: /Equipment/ });
  await expect(equipment.getByRole('link', { name: /Hardware Requests/ })).toBeVisible();
  await expect(page.getByRole('region', { name: /Help and questions/ }).getByRole('link', { name: /IT Service Desk/ })).toBeVisible();

  await equipment.getByRole('link', { name: /Hardware Requests/ }).click();
  await expect(page.locator('main h1')).toHaveText('Hardware Requests');
  const subject = unique('Docking station');
  await page.getByLabel(/^Summary/).fill(subject);
  await page.getByLabel('Details').fill('The dock does not charge my laptop.');
  await page.getByLabel(/^Category/).selectOption('Hardware');
  await page.getByLabel(/^Asset tag/).fill('not a tag');
  await page.getByLabel(/^Needed by/).fill('2030-02-01');
  await page.getByRole('button', { name: 'Send request' }).click();
  // RT would drop this value silently: the portal refuses it first, with RT's own hint.
  await expect(page.getByText('This does not have the expected form. Expected: Like AB-1234.', { exact: true })).toBeVisible();
  await expect(page.getByLabel(/^Asset tag/)).toBeFocused();
  await page.getByLabel(/^Asset tag/).fill('NB-4321');
  await page.getByRole('button', { name: 'Send request' }).click();
  const sent = page.getByText(/^Your request number is #\d+\.$/);
  await expect(sent).toBeVisible();
  const id = ((await sent.textContent()) ?? '').match(/#(\d+)/)?.[1] ?? '';

  const ticket = await (await (await rtRoot()).get(`ticket/${id}`)).json();
  expect(ticket.Subject).toBe(subject);
  expect(ticket.Requestor.map((r: { id: string }) => r.id)).toEqual(['alice']);
  const cf = (name: string) => ticket.CustomFields.find((f: { name: string }) => f.name === name)?.values;
  expect(cf('Asset tag')).toEqual(['NB-4321']);
  expect(cf('Category')).toEqual(['Hardware']);
  expect(cf('Needed by')).toEqual(['2030-02-01']);
  expect(cf('PortalRef')?.[0]).toMatch(/^portico-/);

  // RT's agents and the requester read the answers by label, after the person's own words.
  const parts = await (await (await rtRoot()).get(`ticket/${id}/attachments?fields=ContentType,Content`)).json();
  const message = parts.items.find((p: { ContentType: string }) => p.ContentType === 'text/plain')?.Content ?? '';
  expect(message).toBe(
    'The dock does not charge my laptop.\n\n- Category: Hardware\n- Asset tag: NB-4321\n- Needed by: February 1, 2030',
  );
  await page.getByRole('link', { name: 'Follow it in My tickets' }).click();
  await expect(page.locator('main .prose li')).toHaveText(['Category: Hardware', 'Asset tag: NB-4321', 'Needed by: February 1, 2030']);
});

test('a ticket in an incident queue is an incident, with its priority in words', async ({ page }) => {
  const subject = unique('Printer jams');
  await ticketFor('alice', 'alice-pass-1', subject);
  await signInAlice(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My tickets' }).click();
  await page.getByLabel('Type').selectOption('incident');
  const row = page.locator('.ticket-row', { has: page.getByRole('link', { name: subject }) });
  await expect(row).toContainText('Priority: Low');
  await page.getByLabel('Type').selectOption('request');
  await expect(page.getByRole('link', { name: subject })).toHaveCount(0);
});

test('a staff reply appears in the timeline, staff comments never do, replies and files go both ways', async ({ page }) => {
  const subject = unique('Printer jam');
  const id = await ticketFor('alice', 'alice-pass-1', subject);
  const agent = await rtAs('agent', 'agent-pass-1');
  const json = { 'Content-Type': 'application/json' };
  expect((await agent.post(`ticket/${id}/correspond`, { headers: json, data: { Content: 'Try the tray on the left.', ContentType: 'text/plain' } })).status()).toBe(201);
  expect((await agent.post(`ticket/${id}/comment`, { headers: json, data: { Content: 'Internal: she broke it before.', ContentType: 'text/plain' } })).status()).toBe(201);

  await signInAlice(page);
  await page.goto(`/tickets/${id}`);
  await expect(page.locator('main h1')).toHaveText(`#${id} · ${subject}`);
  await expect(page.getByText('Try the tray on the left.')).toBeVisible();
  await expect(page.getByText('Internal: she broke it before.')).toHaveCount(0);

  await page.getByLabel('Your reply').fill('The left tray worked, thanks!');
  await page.getByRole('button', { name: 'Send reply' }).click();
  await expect(page.locator('.timeline').getByText('The left tray worked, thanks!')).toBeVisible();
  const parts = await (await (await rtRoot()).get(`ticket/${id}/attachments`, { params: { fields: 'Content,Creator', per_page: '100' } })).json();
  expect(parts.items.some((p: { Content: string; Creator: { id: string } }) => p.Content.includes('The left tray worked') && p.Creator.id === 'alice')).toBeTruthy();

  // Files both ways: one from the portal lands in RT, one from staff downloads from the portal.
  await page.getByLabel('Attach a file').setInputFiles({ name: 'error-log.txt', mimeType: 'text/plain', buffer: Buffer.from('E42 paper jam\n') });
  await expect(page.getByRole('button', { name: 'Remove error-log.txt' })).toBeVisible();
  await page.getByRole('button', { name: 'Send reply' }).click();
  await expect(page.locator('.timeline')).toContainText('error-log.txt');
  const withFile = await (await (await rtRoot()).get(`ticket/${id}/attachments`, { params: { fields: 'Filename,Content', per_page: '100' } })).json();
  expect(withFile.items.some((p: { Filename: string; Content: string }) => p.Filename === 'error-log.txt' && p.Content.includes('E42 paper jam'))).toBeTruthy();
  const staffFile = { FileName: 'steps.txt', FileType: 'text/plain', FileContent: Buffer.from('1. Open tray\n2. Pull gently\n').toString('base64') };
  expect((await agent.post(`ticket/${id}/correspond`, { headers: json, data: { Content: 'Steps attached.', ContentType: 'text/plain', Attachments: [staffFile] } })).status()).toBe(201);
  await page.reload();
  const saved = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download steps.txt' }).click();
  const download = await saved;
  expect(download.suggestedFilename()).toBe('steps.txt');
  expect(readFileSync(await download.path(), 'utf8')).toBe('1. Open tray\n2. Pull gently\n');

  await page.getByRole('button', { name: 'Mark as resolved' }).click();
  await page.getByRole('button', { name: 'Yes, go ahead' }).click();
  await expect(page.getByRole('button', { name: 'Reopen' })).toBeVisible();
  expect((await (await (await rtRoot()).get(`ticket/${id}`)).json()).Status).toBe('resolved');
});

test('an RT article is found by knowledge search, in its own language; an ended session asks to sign in again', async ({ page }) => {
  await signInAlice(page);
  await page.goto('/knowledge');
  const search = page.getByLabel('Search articles');
  await search.fill('contrasena');
  await expect(page.getByRole('link', { name: 'Restablecer la contraseña' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Connect to the VPN' })).toHaveCount(0);
  await search.fill('vpn');
  await page.getByRole('link', { name: 'Connect to the VPN' }).click();
  await expect(page.locator('main h1')).toHaveText('Connect to the VPN');
  // RT stores articles as HTML: shown through the allow-list, as paragraphs, never as tags.
  await expect(page.locator('.prose p').last()).toHaveText('Still stuck? Restart the laptop & try again.');
  await expect(page.locator('main')).not.toContainText('<p>');

  // RT's session ends (its cookie expires): the next page says so and offers to sign in again.
  await page.context().clearCookies();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My tickets' }).click();
  await expect(page.getByRole('alert')).toContainText('Please sign in again');
  await page.getByRole('alert').getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('main h1')).toHaveText('Sign in');
});

test("a second end user sees none of the first one's tickets", async ({ page }) => {
  const subject = unique('Alice only');
  const id = await ticketFor('alice', 'alice-pass-1', subject);
  await signIn(page, 'bob', 'bob-pass-12', 'Bob Enduser');
  await page.goto('/tickets');
  await expect(page.locator('main h1')).toHaveText('My tickets');
  await expect(page.locator('main')).not.toContainText('Alice only');
  await page.goto(`/tickets/${id}`);
  // RT answers 403; the portal does not even say that the ticket exists.
  await expect(page.locator('main h1')).toHaveText('Ticket not found');
  await expect(page.locator('main')).toContainText(`There is no ticket “${id}” among yours.`);
  await expect(page.locator('main')).not.toContainText(subject);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.locator('main h1')).toHaveText('Sign in');
});

test('a submission whose response is lost after RT stored it is kept, resent with its key, and filed once', async ({ page }) => {
  await signInAlice(page);
  let lost = 0;
  await page.route('**/rt/REST/2.0/ticket', async (route) => {
    if (route.request().method() === 'POST' && lost === 0) {
      lost += 1;
      await route.fetch(); // RT creates the ticket...
      await route.abort('connectionreset'); // ...and the answer never reaches the portal.
      return;
    }
    await route.continue();
  });
  await page.goto('/catalog/3');
  await expect(page.locator('main h1')).toHaveText('IT Service Desk');
  const subject = unique('Lost answer');
  await page.getByLabel(/^Summary/).fill(subject);
  await page.getByRole('button', { name: 'Send request' }).click();
  // The portal cannot know RT has it: it keeps the request and sends it again with its key.
  await expect(page.locator('#confirmation-title')).toHaveText('Saved on this device');
  expect(await ticketsWithSubject(subject)).toHaveLength(1);

  // The resend looks the key up in RT, finds the ticket, and files nothing more.
  await page.getByRole('link', { name: 'Waiting to be sent' }).click();
  await expect(page.getByRole('region', { name: 'Waiting to be sent' })).toHaveCount(0, { timeout: 20_000 });
  await expect(page.locator('.ticket-list .ticket-row', { hasText: subject })).toHaveCount(1);
  expect(lost).toBe(1);
  expect(await ticketsWithSubject(subject)).toHaveLength(1);
});

test.describe('with the service worker on', () => {
  test.use({ serviceWorkers: 'allow' });

  test("a reload with RT out of reach keeps the user and shows what the device kept; RT's session still holds after", async ({ context }) => {
    // The service worker fetches config.json itself: route it for the whole context.
    await context.route('**/config.json', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: RT_CONFIG }));
    const subject = unique('Kept for offline');
    await ticketFor('alice', 'alice-pass-1', subject);
    const page = await context.newPage();
    await page.goto('/');
    await page.getByLabel('User name', { exact: true }).fill('alice');
    await page.getByLabel('Password', { exact: true }).fill('alice-pass-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText('Signed in as Alice Enduser')).toBeVisible();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
    await page.goto('/catalog');
    await expect(page.getByRole('link', { name: /IT Service Desk/ })).toBeVisible();
    await page.goto('/tickets');
    await expect(page.locator('.ticket-list .ticket-row', { hasText: subject })).toHaveCount(1);

    await context.setOffline(true);
    await page.reload();
    await expect(page.getByText('Signed in as Alice Enduser')).toBeVisible();
    await expect(page.locator('.ticket-list .ticket-row', { hasText: subject })).toHaveCount(1);
    await page.goto('/catalog');
    await expect(page.getByRole('link', { name: /IT Service Desk/ })).toBeVisible();

    await context.setOffline(false);
    await page.reload();
    await expect(page.getByText('Signed in as Alice Enduser')).toBeVisible();
    await expect(page.locator('.ticket-list .ticket-row, .item-card').first()).toBeVisible();
  });
});

for (const scheme of ['light', 'dark'] as const) {
  test(`axe finds nothing on the sign-in page, a queue's form and a ticket (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.route('**/config.json', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: RT_CONFIG }));
    await page.goto('/');
    await expect(page.locator('main h1')).toHaveText('Sign in');
    await expectNoViolations(page, `${scheme} sign-in`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toContainText('Fill in both fields');
    await expectNoViolations(page, `${scheme} sign-in error`);
    await signInAlice(page);
    await page.goto('/catalog/4');
    await expect(page.getByLabel(/^Asset tag/)).toBeVisible();
    await page.getByRole('button', { name: 'Send request' }).click();
    await expect(page.getByText('This answer is required.', { exact: true })).toBeVisible();
    await expectNoViolations(page, `${scheme} Hardware Requests form with errors`);
    const id = await ticketFor('alice', 'alice-pass-1', unique('Axe check'));
    await page.goto(`/tickets/${id}`);
    await expect(page.getByLabel('Your reply')).toBeVisible();
    await expectNoViolations(page, `${scheme} RT ticket`);
  });
}

test('on a phone, the signed-in header and a queue form fit the screen in French', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await signInAlice(page);
  await page.locator('#language-select').selectOption('fr');
  for (const path of ['/catalog', '/catalog/4']) {
    await page.goto(path);
    await expect(page.getByText('Connecté en tant que Alice Enduser')).toBeVisible();
    await expect(page.locator('main h1')).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${path} overflows by ${overflow}px`).toBeLessThanOrEqual(0);
  }
  await expect(page.getByRole('button', { name: 'Envoyer la demande' })).toBeVisible();
});
