// The in-browser benchmark: Portico's engine (wasm) beside MiniSearch and FlexSearch on the
// same pages and queries, and Portico's safe renderer beside markdown-it (+ DOMPurify).
// run.mjs loads this page in headless Chromium and calls window.bench.* one corpus at a time.
import init, * as portico from './pkg/search-bench.js';

const ready = init();

const percentile = (samples, p) => {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

const gc = () => { if (globalThis.gc) { globalThis.gc(); globalThis.gc(); } };
const heap = () => { gc(); return performance.memory ? performance.memory.usedJSHeapSize : NaN; };

async function fetchText(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  if (url.endsWith('.gz')) {
    const stream = response.body.pipeThrough(new DecompressionStream('gzip'));
    return await new Response(stream).text();
  }
  return await response.text();
}

async function gzipSize(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('gzip'));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

function summaryOf(markdown) {
  return markdown.split('\n').filter(l => l.startsWith('> ') && !l.startsWith('> More information'))
    .map(l => l.slice(2)).join(' ');
}

// FlexSearch's export, every part joined: its saved index, raw and gzip.
async function flexExportSize(index) {
  const parts = [];
  await index.export((key, data) => { parts.push(`${key}\n${data ?? ''}`); });
  const text = parts.join('\n');
  return [text.length, await gzipSize(text)];
}

// The engines, each behind the same four calls.
function makeMiniSearch() {
  let ms;
  return {
    name: 'MiniSearch 7.2 (prefix, fuzzy 0.2, title ×2)',
    build(pages) {
      ms = new MiniSearch({ fields: ['title', 'text'], idField: 'id',
        searchOptions: { prefix: true, fuzzy: 0.2, boost: { title: 2 } } });
      ms.addAll(pages.map(p => ({ id: p.id, title: p.title, text: p.body_markdown })));
    },
    search(q) { return ms.search(q).slice(0, 10).map(r => r.id); },
    async persistedSize() { const json = JSON.stringify(ms); return [json.length, await gzipSize(json)]; },
    drop() { ms = null; },
  };
}

function makeFlexSearch() {
  let index, ids;
  return {
    name: 'FlexSearch 0.8 one-field (forward, Normalize + English, suggest)',
    build(pages) {
      index = new FlexSearch.Index({ tokenize: 'forward', encoder: new FlexSearch.Encoder(FlexSearch.Charset.Normalize, FlexSearch.Language.en) });
      ids = pages.map(p => p.id);
      pages.forEach((p, i) => index.add(i, `${p.title}. ${summaryOf(p.body_markdown)}\n${p.body_markdown}`));
    },
    search(q) { return index.search(q, { suggest: true, limit: 10 }).map(i => ids[i]); },
    persistedSize() { return flexExportSize(index); },
    drop() { index = null; },
  };
}

function makeFlexDocument() {
  let index;
  return {
    name: 'FlexSearch 0.8 Document (title, description, body; Normalize + English)',
    build(pages) {
      index = new FlexSearch.Document({ tokenize: 'forward', encoder: new FlexSearch.Encoder(FlexSearch.Charset.Normalize, FlexSearch.Language.en),
        document: { id: 'id', index: ['title', 'desc', 'body'] } });
      for (const p of pages) index.add({ id: p.id, title: p.title, desc: summaryOf(p.body_markdown), body: p.body_markdown });
    },
    search(q) {
      const ids = [];
      for (const field of index.search(q, { suggest: true, limit: 10 })) {
        for (const id of field.result) if (!ids.includes(id)) ids.push(id);
      }
      return ids.slice(0, 10);
    },
    persistedSize() { return flexExportSize(index); },
    drop() { index = null; },
  };
}

function makePortico() {
  return {
    name: 'Portico (Rust → wasm, this repository)',
    build() { portico.build(); },
    search(q) { const out = portico.search(q); return out ? out.split('\n') : []; },
    async persistedSize() { const bytes = portico.persist(); return [bytes.length, await gzipSize(bytes)]; },
    drop() { portico.drop_index(); },
  };
}

function relevance(engine, judged, prefix, typos) {
  let rr = 0, recall = 0;
  for (const j of judged) {
    const ids = engine.search(typos ? j.query_typo : j.query);
    const relevant = j.relevant.map(r => prefix + r);
    const rank = ids.findIndex(id => relevant.includes(id));
    if (rank >= 0) rr += 1 / (rank + 1);
    const hits = ids.slice(0, 5).filter(id => relevant.includes(id)).length;
    recall += hits / Math.min(relevant.length, 5);
  }
  return [rr / judged.length, recall / judged.length];
}

function latencies(engine, judged) {
  const phrases = judged.flatMap(j => [j.query, j.query_typo]);
  // Warm-up, then three passes over full queries.
  phrases.forEach(q => engine.search(q));
  const query = [];
  for (let pass = 0; pass < 3; pass++) {
    for (const q of phrases) {
      const t = performance.now(); engine.search(q); query.push(performance.now() - t);
    }
  }
  // Typed one key at a time: every prefix of every phrase.
  const keystroke = [];
  for (const q of phrases) {
    for (let i = 1; i <= q.length; i++) {
      const prefix = q.slice(0, i);
      const t = performance.now(); engine.search(prefix); keystroke.push(performance.now() - t);
    }
  }
  return { query, keystroke };
}

async function searchCorpus(corpusUrl, judgedUrl, idPrefix) {
  await ready;
  const text = await fetchText(corpusUrl);
  const judged = (await fetchText(judgedUrl)).trim().split('\n').map(l => JSON.parse(l));
  const pages = text.trim().split('\n').map(l => JSON.parse(l));
  portico.load_corpus(text);
  const rows = [];
  for (const engine of [makePortico(), makeFlexSearch(), makeFlexDocument(), makeMiniSearch()]) {
    const isPortico = engine.name.startsWith('Portico');
    const before = isPortico ? portico.live_bytes() : heap();
    const t0 = performance.now();
    engine.build(pages);
    const buildMs = performance.now() - t0;
    // One search first: Portico prepares its per-posting scores on the first search after a
    // change, and that memory belongs to the index as much as its postings.
    engine.search('warm up');
    const after = isPortico ? portico.live_bytes() : heap();
    const [rawSize, gzSize] = await engine.persistedSize();
    let loadMs = NaN;
    if (isPortico) {
      const bytes = portico.persist();
      portico.drop_index();
      const t = performance.now();
      const n = portico.load_persisted(bytes);
      loadMs = performance.now() - t;
      if (n !== pages.length) throw new Error(`persisted index reloaded ${n} of ${pages.length}`);
    }
    const [mrr, recall] = relevance(engine, judged, idPrefix, false);
    const [mrrTypo, recallTypo] = relevance(engine, judged, idPrefix, true);
    const { query, keystroke } = latencies(engine, judged);
    rows.push({
      engine: engine.name, pages: pages.length, buildMs, loadMs,
      memoryMB: (after - before) / 1048576, persistedBytes: rawSize, persistedGzip: gzSize,
      queryP50: percentile(query, 50), queryP95: percentile(query, 95),
      keyP50: percentile(keystroke, 50), keyP95: percentile(keystroke, 95), keyMax: percentile(keystroke, 100),
      keystrokes: keystroke.length, mrr, recall, mrrTypo, recallTypo,
    });
    engine.drop();
    gc();
  }
  return rows;
}

async function rendering(corpusUrl) {
  await ready;
  const pages = (await fetchText(corpusUrl)).trim().split('\n').map(l => JSON.parse(l).body_markdown);
  const md = markdownit();
  const pipelines = [
    ['Portico: pulldown-cmark + allow-list (wasm), safe', p => portico.render(p)],
    ['markdown-it 14 (unsafe alone)', p => md.render(p)],
    ['markdown-it 14 + DOMPurify 3 (the safe pipeline)', p => DOMPurify.sanitize(md.render(p))],
  ];
  const rows = [];
  for (const [name, run] of pipelines) {
    let samples = [], total = 0;
    for (let pass = 0; pass < 2; pass++) { // the second, warm pass is reported
      samples = [];
      const start = performance.now();
      for (const p of pages) { const t = performance.now(); run(p); samples.push(performance.now() - t); }
      total = performance.now() - start;
    }
    rows.push({ pipeline: name, pages: pages.length, totalMs: total, p50: percentile(samples, 50), p95: percentile(samples, 95) });
  }
  return rows;
}

// The XSS corpus through both renderers into the live DOM, with alert and friends patched to
// record any execution; returns what ran and which dangerous attributes reached the DOM.
async function xss(corpusUrl) {
  await ready;
  const payloads = JSON.parse(await fetchText(corpusUrl));
  const executed = [];
  for (const name of ['alert', 'confirm', 'prompt', 'print']) {
    window[name] = (...args) => executed.push(`${name}(${args.join(',')})`);
  }
  const host = document.createElement('div');
  document.body.append(host);
  const problems = [];
  for (const payload of payloads) {
    for (const html of [portico.render(payload), portico.sanitize(payload)]) {
      const box = document.createElement('div');
      box.innerHTML = html;
      host.append(box);
      for (const el of box.querySelectorAll('*')) {
        for (const attr of el.attributes) {
          const value = attr.value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
          if (attr.name.startsWith('on')) problems.push(`${attr.name} on <${el.localName}> from ${payload}`);
          if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(attr.name)
              && /^(javascript|data|vbscript):/.test(value)) problems.push(`${attr.name}=${attr.value} from ${payload}`);
        }
        if (['script', 'iframe', 'object', 'embed', 'svg', 'math', 'style', 'form', 'base', 'meta', 'link'].includes(el.localName)) {
          problems.push(`<${el.localName}> from ${payload}`);
        }
      }
      // Give any handler (an image error, a focus) the chance to fire.
      for (const el of box.querySelectorAll('a, button, [tabindex]')) { el.focus(); el.dispatchEvent(new MouseEvent('mouseover', { bubbles: true })); }
    }
  }
  await new Promise(r => setTimeout(r, 500));
  host.remove();
  return { payloads: payloads.length, executed, problems };
}

window.bench = { searchCorpus, rendering, xss, ready: ready.then(() => true) };
