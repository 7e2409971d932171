// Serves the benchmark page (cross-origin isolated, for 5 µs timers), runs it in headless
// Chromium and prints the results as JSON: node run.mjs <pkg dir> <corpus dir> [search|render|xss|all]
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const here = path.dirname(fileURLToPath(import.meta.url));
const [pkgDir, corpusDir, what = 'all'] = process.argv.slice(2);
const roots = {
  '/pkg/': pkgDir,
  '/lib/': path.join(here, '..', 'node_modules'),
  '/corpus/': corpusDir,
  '/fixtures/': path.join(here, '..', 'fixtures'),
  '/': here,
};
const types = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm',
  '.html': 'text/html', '.json': 'application/json' };

const server = http.createServer((req, res) => {
  const url = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  const prefix = Object.keys(roots).find(p => url.startsWith(p));
  const file = path.join(roots[prefix], url.slice(prefix.length) || 'index.html');
  if (!file.startsWith(roots[prefix]) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    res.writeHead(404); res.end(); return;
  }
  res.writeHead(200, {
    'Content-Type': types[path.extname(file)] ?? 'application/octet-stream',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
  });
  fs.createReadStream(file).pipe(res);
});
await new Promise(r => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--js-flags=--expose-gc', '--enable-precise-memory-info'],
});
const out = { chromium: browser.version() };
try {
  const page = await browser.newPage();
  page.on('pageerror', e => console.error('page error:', e.message));
  await page.goto(`${base}/index.html`);
  await page.waitForFunction(() => window.bench);
  await page.evaluate(() => window.bench.ready);
  out.isolated = await page.evaluate(() => crossOriginIsolated);
  const run = (fn, ...args) => page.evaluate(([fn, args]) => window.bench[fn](...args), [fn, args]);
  if (what === 'all' || what === 'search') {
    const judged = '/corpus/queries-dev.jsonl';
    out.search = [];
    for (const [label, file, prefix] of [
      ['English (tldr-en)', '/corpus/tldr-en.jsonl', ''],
      ['10k (en + fr + es)', '/corpus/scaled-10k.jsonl.gz', 'en/'],
      ['50k (every Latin-script language)', '/corpus/scaled-50k.jsonl.gz', 'en/'],
    ]) {
      console.error(`search: ${label}…`);
      for (const row of await run('searchCorpus', file, judged, prefix)) {
        out.search.push({ corpus: label, ...row });
        console.error(`  ${row.engine}: build ${row.buildMs.toFixed(0)} ms, keystroke p95 ${row.keyP95.toFixed(3)} ms, MRR ${row.mrr.toFixed(3)} / typos ${row.mrrTypo.toFixed(3)}`);
      }
    }
  }
  if (what === 'all' || what === 'render') {
    console.error('rendering…');
    out.render = await run('rendering', '/corpus/tldr-en.jsonl');
  }
  if (what === 'all' || what === 'xss') {
    out.xss = await run('xss', '/fixtures/xss.json');
  }
} finally {
  await browser.close();
  server.close();
}
console.log(JSON.stringify(out, null, 1));
