import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

/**
 * Browser tests drive the real app (the demo build, with the simulated back office in its
 * service worker) in headless Chromium. Debian's /usr/bin/chromium is used when present
 * (CHROMIUM_PATH overrides); elsewhere Playwright's own browser (`npx playwright install chromium`).
 */
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const useSystemChromium = existsSync(chromiumPath);
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
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: useSystemChromium
          ? {
              executablePath: chromiumPath,
              args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
            }
          : {},
      },
    },
  ],
  webServer: {
    command: `./node_modules/.bin/vite preview --mode demo --port ${port} --strictPort`,
    url: `http://localhost:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
