// The offline store benchmark (./portico bench store).
//   node store.mjs seed <corpus dir> <out dir>   writes a demo desk seed with 5,000 catalog
//                                                 items, 10,000 articles and 2,000 tickets
//   node store.mjs run <portal url>               measures the portal against that desk, in
//                                                 headless Chromium, and prints JSON
// The portal talks to the seeded desk over HTTP (demo-server behind Trunk's proxy), so what it
// keeps is what it would keep from a real backend: the catalog answer, the search index, the
// tickets list. Then, offline, it measures warm starts to an interactive catalog.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const here = path.dirname(fileURLToPath(import.meta.url));
export const SCALE = { items: 5000, articles: 10000, tickets: 2000 };

function seed(corpusDir, out) {
  const demo = path.join(here, '..', '..', 'public', 'demo');
  const base = JSON.parse(fs.readFileSync(path.join(demo, 'seed.json'), 'utf8'));
  const offerings = base.catalog.offerings;
  base.catalog.offerings = Array.from({ length: SCALE.items }, (_, i) => {
    const o = offerings[i % offerings.length];
    return i < offerings.length ? o : { ...o, key: `${o.key}-${i}`, title: `${o.title} ${i}` };
  });
  const tickets = base.tickets;
  base.tickets = Array.from({ length: SCALE.tickets }, (_, i) => {
    const t = tickets[i % tickets.length];
    return { ...t, subject: `${t.subject} #${i}` };
  });
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(path.join(out, 'articles'), { recursive: true });
  fs.cpSync(path.join(demo, 'images'), path.join(out, 'images'), { recursive: true });
  for (const slug of base.articles) {
    fs.copyFileSync(path.join(demo, 'articles', `${slug}.md`), path.join(out, 'articles', `${slug}.md`));
  }
  const lines = zlib
    .gunzipSync(fs.readFileSync(path.join(corpusDir, 'scaled-10k.jsonl.gz')))
    .toString('utf8')
    .split('\n')
    .filter(Boolean);
  const oneLine = (s) => s.replace(/\s+/g, ' ').trim();
  for (let i = 0; base.articles.length < SCALE.articles && i < lines.length; i++) {
    const page = JSON.parse(lines[i]);
    const slug = `corpus-${i}`;
    const summary = oneLine((page.body_markdown.match(/^> (.*)$/m) ?? ['', page.title])[1]);
    const front = [
      '---',
      `title: ${oneLine(page.title)}`,
      `summary: ${summary}`,
      `topic: ${oneLine(page.category)}`,
      `lang: ${page.lang}`,
      `revised_days_ago: ${i % 400}`,
      '---',
      '',
    ].join('\n');
    fs.writeFileSync(path.join(out, 'articles', `${slug}.md`), front + page.body_markdown);
    base.articles.push(slug);
  }
  if (base.articles.length < SCALE.articles) throw new Error(`only ${base.articles.length} articles in the corpus`);
  fs.writeFileSync(path.join(out, 'seed.json'), JSON.stringify(base));
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function run(url) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const context = await browser.newContext({ baseURL: url, locale: 'en-US', serviceWorkers: 'allow' });
  await context.route('**/config.json', (route) =>
    route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({ portal_name: 'Portico', default_language: 'en', backend: { kind: 'demo', transport: 'http' } }),
    }),
  );
  await context.addInitScript(() => {
    window.porticoStoreLog = [];
  });
  const page = await context.newPage();
  page.setDefaultTimeout(600_000);
  const cards = page.locator('.item-card');
  const result = { scale: SCALE, writes: [] };
  // Each page load starts a new log: collect it before leaving a page.
  const collect = async () => result.writes.push(...(await page.evaluate(() => window.porticoStoreLog.splice(0))));
  const written = (store, atLeast) =>
    page.waitForFunction(
      ([store, atLeast]) => window.porticoStoreLog.some(([s, , bytes]) => s === store && bytes >= atLeast),
      [store, atLeast],
    );

  // Online, first visit: everything is read from the desk and kept.
  let t = Date.now();
  await page.goto('/catalog');
  await cards.nth(SCALE.items - 1).waitFor({ state: 'attached' });
  result.onlineCatalogMs = Date.now() - t;
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await written('responses', 1_000_000);
  await collect();
  t = Date.now();
  await page.goto('/tickets');
  await page.waitForFunction(
    (n) => document.querySelectorAll('.ticket-list .ticket-row').length >= n ||
      /2[,.\u202f]?000/.test(document.querySelector('main')?.textContent ?? ''),
    SCALE.tickets,
  );
  await page.waitForFunction(() => !document.querySelector('.sync-status__progress'));
  result.ticketsSyncMs = Date.now() - t;
  await written('tickets', 100_000);
  await collect();
  t = Date.now();
  await page.goto('/knowledge?q=archive');
  await page.locator('.article-card').first().waitFor();
  // The index of every article is saved once the knowledge base has synced.
  await written('search', 1_000_000);
  result.articlesSyncMs = Date.now() - t;
  await collect();
  result.storage = await page.evaluate(async () => {
    const e = await navigator.storage.estimate();
    return { usage: e.usage, details: e.usageDetails ?? {} };
  });
  await page.close();

  // Offline warm starts: a new tab, no network, until the 5,000th item is on the page and the
  // first one takes a click.
  await context.setOffline(true);
  result.offlineCatalogMs = [];
  for (let i = 0; i < 5; i++) {
    const cold = await context.newPage();
    cold.setDefaultTimeout(600_000);
    await cold.goto('/catalog');
    await cold.locator('.item-card').nth(SCALE.items - 1).waitFor({ state: 'attached' });
    await cold.locator('.item-card').first().click({ trial: true });
    const ms = await cold.evaluate(() => performance.now());
    result.offlineCatalogMs.push(Math.round(ms));
    await cold.close();
  }
  result.offlineCatalogMedianMs = median(result.offlineCatalogMs);
  await browser.close();
  console.log(JSON.stringify(result));
}

const [mode, ...args] = process.argv.slice(2);
if (mode === 'seed') seed(...args);
else if (mode === 'run') await run(...args);
else {
  console.error('node store.mjs seed <corpus dir> <out dir> | run <portal url>');
  process.exit(2);
}
