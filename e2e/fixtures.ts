import { test as base, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export type Lng = 'en' | 'it';
export type ProviderId = 'nasstar' | 'netservers' | 'commsombudsman' | 'ask4' | 'miso';

/** Opens a page of the portal with the language, provider and mock clock set through the URL. */
export function url(path: string, opts: { lng?: Lng; provider?: ProviderId; now?: string } = {}) {
  const params = new URLSearchParams();
  if (opts.lng) params.set('lng', opts.lng);
  if (opts.provider) params.set('provider', opts.provider);
  if (opts.now) params.set('now', opts.now);
  const query = params.toString();
  return query ? `${path}${path.includes('?') ? '&' : '?'}${query}` : path;
}

/** axe with WCAG 2.0, 2.1 and 2.2 A and AA rules: the page must have no violations. */
export async function expectAccessible(page: Page, context = '') {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa']).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe violations ${context}`).toEqual([]);
}

/**
 * Browser messages that are not the app's errors: a failed request the app handles and reports itself
 * (tests inject network faults), and Chromium's note when a reload interrupts the demo's mock service
 * worker registering (the production build has no service worker).
 */
const expectedNoise = /Failed to load resource|net::ERR_FAILED|Failed to update a ServiceWorker/;

/**
 * Signs out from the header and waits until the portal has gone home: the sign-out's request and its clean-up
 * are over, so a navigation that follows (in the demo, a reload of the back office that lives in the page) cannot
 * cut the sign-out short and start from the session before it.
 */
export async function signOut(page: Page, lng: Lng = 'en') {
  const button = page.getByRole('button', { name: lng === 'en' ? 'Sign out' : 'Uscita' });
  await button.click();
  await page.waitForURL((u) => u.pathname === '/');
  await expect(button).toHaveCount(0);
}

/** Waits until the app has taken over the page (src/main.tsx marks `<html data-app="started">`). */
export async function appStarted(page: Page) {
  await page.locator('html[data-app="started"]').waitFor({ state: 'attached' });
}

/**
 * Every test fails on a console error or an uncaught exception in the page. `page.goto` and
 * `page.reload` return once the app has started: a pre-rendered page shows its HTML first and loads the
 * app after it has painted (decision 0043), and tests act on the running app.
 */
export const test = base.extend<{ consoleErrors: string[] }>({
  page: async ({ page }, provide) => {
    const goto = page.goto.bind(page);
    const reload = page.reload.bind(page);
    page.goto = async (...args) => {
      const response = await goto(...args);
      await appStarted(page);
      return response;
    };
    page.reload = async (...args) => {
      const response = await reload(...args);
      await appStarted(page);
      return response;
    };
    await provide(page);
  },
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error' && !expectedNoise.test(msg.text())) errors.push(msg.text());
      });
      // The service worker note can also surface as an unhandled rejection (the demo's back office starting as the page is left).
      page.on('pageerror', (error) => {
        if (!expectedNoise.test(String(error))) errors.push(String(error));
      });
      await use(errors);
      expect(errors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
