import { defineConfig } from '@playwright/test';
import { chromium } from './e2e/browser';

/**
 * Browser tests drive the real app (the demo build, with the simulated back office in its
 * service worker) in headless Chromium (e2e/browser.ts).
 */
const port = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
  testDir: './e2e',
  testMatch: /.*\.spec\.ts/,
  // e2e/server/: the production build served by the server (playwright.server.config.ts).
  testIgnore: ['**/e2e/server/**'],
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  // No retries, in CI too: a test that passes only on a second try is a bug report (a race in the app or the test).
  retries: 0,
  workers: 2,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    serviceWorkers: 'allow',
    locale: 'en-GB',
    timezoneId: 'Europe/London',
  },
  projects: [
    { name: 'chromium', use: chromium },
  ],
  webServer: {
    command: `./node_modules/.bin/vite preview --mode demo --port ${port} --strictPort`,
    url: `http://localhost:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
