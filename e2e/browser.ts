import { existsSync } from 'node:fs';
import { devices, type PlaywrightTestConfig } from '@playwright/test';

/**
 * The browser both Playwright configurations use: Debian's /usr/bin/chromium when present (CHROMIUM_PATH
 * overrides), with the flags a container without a GPU or network needs; elsewhere Playwright's own
 * browser (`npx playwright install chromium`).
 */
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromium: NonNullable<PlaywrightTestConfig['use']> = {
  ...devices['Desktop Chrome'],
  launchOptions: existsSync(chromiumPath)
    ? {
        executablePath: chromiumPath,
        args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
      }
    : {},
};
