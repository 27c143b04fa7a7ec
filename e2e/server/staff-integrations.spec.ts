import type { Page } from '@playwright/test';
import { expect, expectAccessible, test } from '../fixtures';
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

for (const lng of ['en', 'it'] as const) {
  test(`${lng}: an endpoint on a private network is refused by the server and told beside the address; axe`, async ({ page }) => {
    await signInWithCode(page, lng, MANAGER, `/sign-in?lng=${lng}`, `/dev/mailbox?lng=${lng}&provider=nasstar`);
    await expect(page.getByRole('heading', { level: 1, name: words[lng].queue })).toBeVisible();
    await page.goto(`/staff/integrations?lng=${lng}`);
    const address = page.locator('#webhook-url');
    await address.fill('https://10.1.2.3/redress');
    await page.getByRole('button', { name: lng === 'en' ? 'Add the endpoint' : 'Aggiunga l’endpoint' }).click();
    // The schema passes it; the server, which resolves it, refuses it: told beside the field, what was typed kept.
    await expect(address).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#webhook-url-error')).toContainText(lng === 'en' ? 'private or internal network' : 'rete privata o interna');
    await expect(address).toHaveValue('https://10.1.2.3/redress');
    await expect(page.locator('tr[data-webhook]')).toHaveCount(0);
    await expectAccessible(page, `integrations, private address refused ${lng}`);
  });
}
