import { test, expect, url } from './fixtures';
import { words } from './staff-flow';
import { removeWebhooks } from './webhook-removal';

/**
 * A manager removes a webhook endpoint on the integrations page (decision 0142), in the demo build, both languages:
 * asked first, No keeps it, Yes removes it and the focus lands on the Webhooks heading (decision 0137); still gone
 * after a reload; axe at each step (e2e/webhook-removal.ts; the server's build: server/staff-integrations.spec.ts).
 */

const NOW = '2026-12-01T10:00:00Z';

for (const lng of ['en', 'it'] as const) {
  test(`${lng}: a manager removes a webhook endpoint after confirming; No keeps it; the focus lands on the Webhooks heading; gone after a reload; axe`, async ({ page }) => {
    await page.goto(url('/sign-in', { lng, provider: 'nasstar', now: NOW }));
    await page.getByRole('button', { name: words[lng].signInAs('Alex Morgan') }).click();
    await expect(page.getByRole('heading', { level: 1, name: words[lng].queue })).toBeVisible();
    await removeWebhooks(page, lng, (path) => `https://crm.example.com/${path}`);
  });
}
