// Portico's service worker. The build puts `VERSION` (a hash of every file of the build) and
// `PRECACHE` (their paths) above this line (.ci/post-build.sh), so any change to any file is a
// new worker.
//
// - The app shell (index.html, wasm, JS, CSS, config, icons, the demo desk) is cached whole at
//   install and served from the cache first, so after one visit the portal starts with no
//   network at all. Every navigation gets the cached index.html (the portal routes itself).
// - config.json alone is asked of the network first (an operator may edit it in place), and
//   the cached copy answers when the network cannot.
// - Backend requests are never touched: the portal keeps its data in IndexedDB itself.
// - A new build installs beside the running one and waits; the page offers "Reload to
//   update", and only then does it take over, so no page ever mixes two versions.
/* global VERSION, PRECACHE */
const CACHE = `portico-shell-${VERSION}`;
const SCOPE = self.registration.scope;
const PRECACHED = new Set(PRECACHE.map((path) => new URL(path, SCOPE).href));
const INDEX = new URL('index.html', SCOPE).href;
const CONFIG = new URL('config.json', SCOPE).href;

self.addEventListener('install', (event) => {
  // `reload`: straight from the server, never from the HTTP cache, so the cache holds this build.
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll([...PRECACHED].map((url) => new Request(url, { cache: 'reload' })))),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('portico-shell-') && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  url.search = '';
  url.hash = '';
  if (url.href === CONFIG) {
    event.respondWith(
      caches.open(CACHE).then((cache) =>
        fetch(request)
          .then((response) => {
            if (response.ok) cache.put(CONFIG, response.clone());
            return response;
          })
          .catch(() => cache.match(CONFIG).then((hit) => hit || Response.error())),
      ),
    );
    return;
  }
  let target = null;
  if (request.mode === 'navigate' && url.href.startsWith(SCOPE)) target = INDEX;
  else if (PRECACHED.has(url.href)) target = url.href;
  if (!target) return;
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(target))
      .then((hit) => hit || fetch(request)),
  );
});
