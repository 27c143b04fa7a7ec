import type { Page } from '@playwright/test';
import { aboutYou, complaintDetails, evidence, text } from './complaint-form';
import { test, expect, url, expectAccessible } from './fixtures';
import { messageWords } from './message-words';

/**
 * Messages to the customer (issue 24, decision 0140), in the demo build: a guest complains, the provider
 * acknowledges and proposes a resolution through its API (the demo's key), and the guest — signed out — opens
 * the link in the mail from the demo mailbox, which signs them in to that case, and accepts.
 */

const NOW = '2026-12-07T10:00:00Z';

/** The provider's own system calling the provider API from the page (the simulated back office answers). */
async function providerCall(page: Page, path: string, body: unknown) {
  return page.evaluate(
    async ({ path, body }) => {
      const response = await fetch(`/provider-api${path}`, {
        method: 'POST',
        headers: { Authorization: 'Bearer demo_crm_key_nasstar', 'Content-Type': 'application/json', 'Idempotency-Key': `e2e-${crypto.randomUUID()}` },
        body: JSON.stringify(body),
      });
      return response.status;
    },
    { path, body },
  );
}

const words = messageWords;

for (const lng of ['en', 'it'] as const) {
  test(`${lng}: a guest is told of each step by email and accepts from the link in the mail`, async ({ page, context }) => {
    const w = words[lng];
    const email = `notify.${lng}.${Date.now()}@example.com`;
    await page.goto(url('/complaints/new', { lng, provider: 'nasstar', now: NOW }));
    await aboutYou(page, lng, { name: lng === 'en' ? 'Jo Bloggs' : 'Maria Rossi', email, phone: '01632 960 001' });
    await complaintDetails(page, lng, `Double charge ${lng}`);
    await evidence(page, lng, '01632 960 001', lng === 'en' ? '2:30pm' : '14.30');
    await page.getByRole('button', { name: text[lng].send }).click();
    const reference = (await page.getByTestId('case-reference').textContent())!.trim();

    expect(await providerCall(page, `/cases/${reference}/acknowledge`, {})).toBe(200);
    expect(await providerCall(page, `/cases/${reference}/proposal`, { text: w.proposal })).toBe(200);

    // Signed out: only the mail can bring the guest back.
    await context.clearCookies();
    await page.goto(url('/dev/mailbox', { lng, provider: 'nasstar' }));
    const mine = page.getByRole('article').filter({ hasText: email });
    await expect(mine).toHaveCount(3);
    await expect(page.getByRole('heading', { name: w.received(reference) })).toBeVisible();
    await expect(page.getByRole('heading', { name: w.acknowledged(reference) })).toBeVisible();
    const proposed = mine.filter({ has: page.getByRole('heading', { name: w.proposed(reference) }) });
    await expect(proposed).toContainText(w.proposal);
    await expectAccessible(page, `mailbox ${lng}`);
    const link = /https?:\/\/[^\s]+\/sign-in\?token=[A-Za-z0-9]+&lng=(en|it)/.exec((await proposed.textContent()) ?? '')?.[0];
    expect(link).toBeTruthy();
    expect(link).toContain(`lng=${lng}`);

    await page.goto(new URL(link!).pathname + new URL(link!).search);
    await expect(page).toHaveURL(new RegExp(`/cases/${reference}`));
    await expect(page.getByText(w.proposal).first()).toBeVisible();
    await page.getByRole('button', { name: w.accept }).click();
    await expect(page.getByText(w.accepted)).toBeVisible();
    await expectAccessible(page, `accepted ${lng}`);
  });
}
