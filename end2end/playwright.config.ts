import { defineConfig } from '@playwright/test';
import path from 'node:path';

// A port of its own, so a developer's `./portico serve` (4780) or a local Request Tracker
// (8080) is never mistaken for the server under test.
const PORT = Number(process.env.PORTICO_E2E_PORT ?? 4781);
// Where Trunk.toml's /demo-api/ proxy expects the demo desk over HTTP.
export const DEMO_PORT = 4791;

// Lets offline.spec.ts route what the service worker itself fetches (Chromium only).
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';

export default defineConfig({
  testDir: './tests',
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [['list']],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: 'en-US',
    trace: 'retain-on-failure',
    // The service worker would answer from its cache what a journey routes or takes offline;
    // offline.spec.ts turns it on to test it.
    serviceWorkers: 'block',
    launchOptions: {
      // Debian's Chromium: Playwright's own browser downloads cannot work here.
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: [{
    command: `trunk serve --release --offline --no-autoreload --address 127.0.0.1 --port ${PORT}`,
    cwd: '..',
    url: `http://127.0.0.1:${PORT}/config.json`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    // binaryen 132 from this folder's node_modules (see Trunk.toml).
    env: { PATH: `${path.join(__dirname, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH}` },
  }, {
    // The demo desk over HTTP, behind Trunk's /demo-api/ proxy, for the fault-injection
    // journeys (reliability.spec.ts): there a test can fail, slow or drop its answers.
    command: `cargo run --quiet --bin demo-server -- ${DEMO_PORT}`,
    cwd: '..',
    url: `http://127.0.0.1:${DEMO_PORT}/demo-api/_health`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
  }],
});
