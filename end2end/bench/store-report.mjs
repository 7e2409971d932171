// Writes the offline store benchmark's figures into BENCHMARKS.md, between its markers:
// node store-report.mjs results.json BENCHMARKS.md "<machine>" "<commit>"
import fs from 'node:fs';

const [resultsFile, target, machine, commit] = process.argv.slice(2);
const r = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
const n = (x) => Math.round(x).toLocaleString('en-US');
const mb = (bytes) => (bytes / 1048576).toFixed(1);

const stores = new Map();
for (const [store, records, bytes, ms] of r.writes) {
  const s = stores.get(store) ?? { tx: 0, records: 0, bytes: 0, ms: 0, biggest: [0, 0, 0] };
  s.tx += 1;
  s.records += records;
  s.bytes += bytes;
  s.ms += ms;
  if (bytes > s.biggest[1]) s.biggest = [records, bytes, ms];
  stores.set(store, s);
}

const lines = [];
lines.push('<!-- store:start -->');
lines.push('## Offline store (`./portico bench store`)');
lines.push('');
lines.push(`Measured ${new Date().toISOString().slice(0, 10)} on ${machine}, commit ${commit}, headless Chromium,`);
lines.push('release build. The demo desk over HTTP is seeded with ' +
  `${n(r.scale.items)} catalog items, ${n(r.scale.articles)} articles (the scaled corpus) and ` +
  `${n(r.scale.tickets)} tickets; the portal keeps what it reads, then starts offline.`);
lines.push('');
lines.push('| Measure | Figure |');
lines.push('|---|---|');
lines.push(`| **Offline warm start to an interactive catalog** (navigation to the ${n(r.scale.items)}th item on the page and the first clickable; median of ${r.offlineCatalogMs.length}) | **${n(r.offlineCatalogMedianMs)} ms** (runs: ${r.offlineCatalogMs.map(n).join(', ')} ms) |`);
lines.push(`| First online visit, catalog of ${n(r.scale.items)} items on the page | ${n(r.onlineCatalogMs)} ms |`);
lines.push(`| ${n(r.scale.tickets)} tickets pulled page by page, merged and kept | ${n(r.ticketsSyncMs)} ms |`);
lines.push(`| ${n(r.scale.articles)} articles read, indexed and the index kept | ${n(r.articlesSyncMs)} ms |`);
lines.push(`| Storage used (navigator.storage.estimate) | ${mb(r.storage.usage)} MB` +
  (r.storage.details.indexedDB !== undefined ? ` (IndexedDB ${mb(r.storage.details.indexedDB)} MB` +
    `, service worker cache ${mb(r.storage.details.caches ?? 0)} MB)` : '') + ' |');
lines.push('');
lines.push('Bulk writes, as the portal made them (each a single transaction, committed before it returns):');
lines.push('');
lines.push('| Store | Transactions | Records | Data | Time writing | Throughput | Largest write |');
lines.push('|---|---:|---:|---:|---:|---:|---|');
for (const [store, s] of [...stores].sort((a, b) => b[1].bytes - a[1].bytes)) {
  const rate = s.ms > 0 ? `${(s.bytes / 1048576 / (s.ms / 1000)).toFixed(1)} MB/s` : '—';
  const [records, bytes, ms] = s.biggest;
  lines.push(`| ${store} | ${n(s.tx)} | ${n(s.records)} | ${mb(s.bytes)} MB | ${n(s.ms)} ms | ${rate} | ${n(records)} record(s), ${mb(bytes)} MB in ${n(ms)} ms |`);
}
lines.push('');
lines.push('The catalog is one answer of the backend kept whole (`responses`, with the pages of the');
lines.push('article and ticket listings read while syncing), the tickets list one value (`tickets`), and');
lines.push('the search index (binary) with the articles’ texts and the sync cursor beside it (`search`,');
lines.push('one transaction). Throughput is their size over the time from the first put to the commit;');
lines.push('times include the page’s own work in between.');
lines.push('<!-- store:end -->');

let text = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '# Benchmarks\n';
const re = /<!-- store:start -->[\s\S]*<!-- store:end -->/;
text = re.test(text) ? text.replace(re, lines.join('\n')) : `${text.trimEnd()}\n\n${lines.join('\n')}\n`;
fs.writeFileSync(target, text);
