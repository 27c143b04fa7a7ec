import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { signInWithCode, words } from '../staff-flow';
import { removeWebhooks } from '../webhook-removal';
import { onAFreshServer } from './server-test';

/**
 * A manager removes a webhook endpoint on the PRODUCTION build served by the server, both languages: the same flow
 * as the demo build's (e2e/webhook-removal.ts) — asked first, No keeps it, Yes removes it and the focus lands on the
 * Webhooks heading (decision 0137), axe at each step — with the server's own operations and database: after a reload
 * the page shows what the server kept, so the endpoint is gone from it. The server resolves an endpoint's name and
 * refuses one it cannot resolve or that is not public (server/webhooks/address.ts): the endpoints here are on
 * 127.0.0.1, which the test server takes (WEBHOOKS_TEST_ALLOW_LOOPBACK in playwright.server.config.ts), at port 9
 * where nothing listens: a delivery tried meanwhile fails at once and goes nowhere.
 */

onAFreshServer();

const MANAGER = 'alex.morgan@staff.nasstar.example';

for (const lng of ['en', 'it'] as const) {
  const signIn = (page: Page) => signInWithCode(page, lng, MANAGER, `/sign-in?lng=${lng}`, `/dev/mailbox?lng=${lng}&provider=nasstar`);

  test(`${lng}: a manager removes a webhook endpoint after confirming, on the server; gone after a reload; axe`, async ({ page }) => {
    await signIn(page);
    await expect(page.getByRole('heading', { level: 1, name: words[lng].queue })).toBeVisible();
    await removeWebhooks(page, lng, (path) => `http://127.0.0.1:9/${path}`);
  });
}
