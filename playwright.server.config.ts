import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { chromium } from './e2e/browser';

/**
 * Browser flows against the PRODUCTION build (`npm run build` → dist/, no MSW, no demo banner) served by the
 * server in demo mode (`npm run test:e2e:server`): the server's demo operations (reset, clock, seeded customers)
 * are there with DEMO=1, the portal's own pages are the ones a deployment serves, with the headers from
 * dist/_headers. A fresh PGlite in a temporary folder on each run; the session cookie is Secure, which Chrome
 * accepts on http://localhost (not on 127.0.0.1). One worker: the tests share the server and reset it.
 */
const port = Number(process.env.E2E_SERVER_PORT ?? 4190);
const data = join(tmpdir(), `redress-e2e-server-${port}`);

export default defineConfig({
  testDir: './e2e/server',
  testMatch: /.*\.spec\.ts/,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 1,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never', outputFolder: 'playwright-report-server' }]] : [['list']],
  outputDir: 'test-results/server',
  use: {
    baseURL: `http://localhost:${port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    locale: 'en-GB',
    timezoneId: 'Europe/London',
  },
  projects: [
    { name: 'chromium-server', use: chromium },
  ],
  webServer: {
    // The production build when there is none yet (`npm test` has just made it), then the server on a fresh database.
    command: [
      '(test -f dist/index.html || npm run build)',
      `rm -rf '${data}'`,
      // WEBHOOKS_TEST_ALLOW_LOOPBACK: a webhook endpoint may be http://127.0.0.1 (server/staff-integrations.spec.ts);
      // this machine may resolve no public name, and the server refuses an endpoint it cannot resolve.
      `DEMO=1 WEBHOOKS_TEST_ALLOW_LOOPBACK=true PORT=${port} HOST=127.0.0.1 DIST_DIR=dist DATA_DIR='${data}/pglite' FILES_DIR='${data}/files' LOG_LEVEL=warn ./node_modules/.bin/tsx --tsconfig tsconfig.server.json server/main.ts`,
    ].join(' && '),
    url: `http://localhost:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 240_000,
    gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
  },
});
