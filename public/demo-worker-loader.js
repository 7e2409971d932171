// Starts the demo desk's worker (see src/shell/demo_worker.rs). A failure to load its wasm is
// reported to the portal, which would otherwise wait for a "ready" that never comes.
importScripts('./demo-worker.js');
wasm_bindgen({ module_or_path: './demo-worker_bg.wasm' }).catch((error) => {
  postMessage('failed: ' + error);
});
