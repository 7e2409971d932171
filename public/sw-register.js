// Registers Portico's service worker (sw.js) and tells the portal when a new version is ready:
// it dispatches `portico-update-ready` on window, and `porticoUpdate()` makes the waiting
// version take over and reloads once it has. Kept out of the wasm so the app starts the same
// with or without it.
(function () {
  if (!('serviceWorker' in navigator)) return;
  const container = navigator.serviceWorker;
  function ready(worker) {
    window.porticoWaiting = worker;
    window.dispatchEvent(new Event('portico-update-ready'));
  }
  container
    .register('sw.js')
    .then(function (registration) {
      if (registration.waiting && container.controller) ready(registration.waiting);
      registration.addEventListener('updatefound', function () {
        const worker = registration.installing;
        if (!worker) return;
        worker.addEventListener('statechange', function () {
          // Installed while another version controls the page: an update, not a first visit.
          if (worker.state === 'installed' && container.controller) ready(worker);
        });
      });
      // Look for a new deploy whenever the portal comes back to the foreground.
      document.addEventListener('visibilitychange', function () {
        if (document.visibilityState === 'visible') registration.update().catch(function () {});
      });
    })
    .catch(function (error) {
      console.warn('Portico cannot start offline in this browser:', error);
    });
  let updating = false;
  container.addEventListener('controllerchange', function () {
    if (updating) window.location.reload();
  });
  window.porticoUpdate = function () {
    const waiting = window.porticoWaiting;
    if (!waiting) return window.location.reload();
    updating = true;
    waiting.postMessage('skip-waiting');
  };
})();
