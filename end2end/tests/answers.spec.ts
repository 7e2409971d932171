import { expect, test, type Page } from '@playwright/test';
import { Portal, expectNoViolations } from './support/portal';

// What a request's ticket reads: the questions and the chosen options by their labels, in the
// language the form was filled in (issue 16, item 2); the type the service files (item 3);
// service descriptions' tables and tickets' priorities (item 9).

/** The answers listed in the ticket's first message. */
function answers(page: Page) {
  return page.locator('main .prose li');
}

/** No answer reads as a key or as JSON: no `keyboard:`, no quoted value, no true/false. */
async function expectNoRawAnswers(page: Page) {
  const texts = await answers(page).allTextContents();
  expect(texts.length).toBeGreaterThanOrEqual(4);
  for (const text of texts) {
    expect(text).not.toMatch(/^(model|keyboard|replace|asset|policy)\b|:\s*"|\btrue\b|\bfalse\b|\[/);
  }
}

test('a ticket reads the answers by their labels, never keys or JSON', async ({ page }) => {
  const portal = new Portal(page);
  await portal.open('/catalog/laptop');
  await page.getByLabel(/^Summary/).fill('Laptop with a French keyboard');
  await page.getByLabel('Standard 14"').check();
  await page.getByLabel(/^Keyboard layout/).selectOption({ label: 'French AZERTY' });
  await page.getByRole('group', { name: /Is this replacing a current laptop/ }).getByLabel('Yes').check();
  const current = page.getByRole('combobox', { name: /^Current laptop/ });
  await current.fill('A-102');
  await page.getByRole('option', { name: 'A-10231 · Laptop Standard 14"' }).click();
  await page.getByLabel(/^I will return the old laptop/).check();
  await page.getByRole('button', { name: 'Send request' }).click();
  await page.getByRole('link', { name: 'Follow it in My tickets' }).click();
  await expect(portal.heading).toContainText('Laptop with a French keyboard');
  await expect(answers(page)).toHaveText([
    'Model: Standard 14"',
    'Keyboard layout: French AZERTY',
    'Is this replacing a current laptop? Yes',
    'Current laptop: A-10231 · Laptop Standard 14"',
    'I will return the old laptop within two weeks of receiving the new one. Yes',
  ]);
  await expectNoRawAnswers(page);
  await expectNoViolations(page, 'ticket with answers');
});

test('a form filled in French is read in French in its ticket', async ({ page }) => {
  const portal = new Portal(page);
  await portal.open('/catalog/laptop');
  await portal.languageSelect.selectOption('fr');
  // The form's own labels come from the desk (translated or not), so its inputs are found by
  // their place in the form; the portal's words are French.
  await page.getByLabel(/^Résumé/).fill('Portable avec clavier AZERTY');
  await page.locator('#field-model-5-0').check();
  await page.locator('#field-keyboard-8').selectOption('fr');
  await page.locator('#field-replace-7-true').check();
  await page.locator('#field-asset-5').fill('A-102');
  await page.getByRole('listbox').getByRole('option').first().click();
  await page.locator('#field-policy-6').check();
  await page.getByRole('button', { name: 'Envoyer la demande' }).click();
  await page.getByRole('link', { name: 'La suivre dans Mes demandes' }).click();
  await expect(portal.heading).toContainText('Portable avec clavier AZERTY');
  await expect(answers(page)).toHaveCount(5);
  const texts = await answers(page).allTextContents();
  // French typography: a no-break space before the colon; a question keeps its own mark.
  for (const text of texts) expect(text).toMatch(/\S\u00a0: \S|[?.!] \S/);
  expect(texts.filter((t) => t.endsWith(' Oui'))).toHaveLength(2);
  // The desk's French labels, as the form showed them.
  expect(texts).toContain('Disposition du clavier\u00a0: Français AZERTY');
  expect(texts).toContain('Modèle\u00a0: Standard 14"');
  expect(texts.join('\n')).not.toMatch(/\bYes\b|\bNo\b/);
  await expectNoRawAnswers(page);
});

test('reporting a software problem files an incident, resolved rather than delivered', async ({ page }) => {
  const portal = new Portal(page);
  await portal.open('/catalog/software_problem');
  await expect(page.getByText('Usually resolved within 8 hours')).toBeVisible();
  await expect(page.getByText(/delivered within/)).toHaveCount(0);
  await page.getByLabel(/^Summary/).fill('Excel crashes on open');
  await page.getByLabel(/^Application/).fill('Excel');
  await page.getByRole('button', { name: 'Send request' }).click();
  await page.getByRole('link', { name: 'Follow it in My tickets' }).click();
  await expect(portal.heading).toContainText('Excel crashes on open');
  await expect(page.locator('.facts')).toContainText('Incident');

  await portal.open('/tickets');
  await page.getByLabel('Type').selectOption('incident');
  await expect(page.getByRole('link', { name: 'Excel crashes on open' })).toBeVisible();
  await page.getByLabel('Type').selectOption('request');
  await expect(page.getByRole('link', { name: 'Excel crashes on open' })).toHaveCount(0);
});

test('a service description shows its table with column headers', async ({ page }) => {
  const portal = new Portal(page);
  await portal.open('/catalog/laptop');
  const region = page.getByRole('region', { name: 'Table' });
  await expect(region).toBeVisible();
  const table = region.getByRole('table');
  await expect(table.getByRole('columnheader')).toHaveText(['Model', 'Memory', 'For']);
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(page.getByText(/Model · Memory/)).toHaveCount(0);
  // Wide tables scroll on phones: the region takes focus so keyboards can scroll it.
  await page.setViewportSize({ width: 390, height: 844 });
  await region.focus();
  await expect(region).toBeFocused();
  await expectNoViolations(page, 'service page with a table');
});

test('a ticket shows its priority in words, on its page and in the list', async ({ page }) => {
  const portal = new Portal(page);
  await portal.open('/tickets/t1002');
  const facts = page.locator('.facts');
  await expect(facts.getByRole('term').filter({ hasText: 'Priority' })).toBeVisible();
  await expect(facts).toContainText('High');
  await portal.open('/tickets');
  const row = page.locator('.ticket-row', { has: page.getByRole('link', { name: 'VPN drops every few minutes' }) });
  await expect(row).toContainText('Priority: High');
  await portal.languageSelect.selectOption('fr');
  await expect(row).toContainText('Priorité\u00a0: Haute');
});
