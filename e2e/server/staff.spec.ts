import type { Page } from '@playwright/test';
import { expect, expectAccessible, signOut, test } from '../fixtures';
import { act, inviteAgent, logPhoneComplaint, signInWithCode, takeFirstCase, words } from '../staff-flow';
import { onAFreshServer } from './server-test';

/**
 * The provider's staff workspace on the PRODUCTION build served by the server (issue 23's Done-when, decision 0130),
 * both languages: the manager and the agent sign in with codes read on the server's mailbox page; the customer
 * watches in a browser of their own and sees each step as it is taken, then accepts.
 */

onAFreshServer();

const MANAGER = 'alex.morgan@staff.nasstar.example';
const CUSTOMER = 'it.procurement@northgate.example';

for (const lng of ['en', 'it'] as const) {
  const signIn = (page: Page, email: string) => signInWithCode(page, lng, email, `/sign-in?lng=${lng}`, `/dev/mailbox?lng=${lng}&provider=nasstar`);

  test(`${lng}: a manager invites an agent, who works the case due first; the customer, in their own browser, sees each step and accepts`, async ({ page, browser }) => {
    test.slow();
    const w = words[lng];
    const agent = { name: lng === 'en' ? 'Nia Shaw' : 'Nia Rossi', email: `nia.${lng}@staff.nasstar.example` };
    await signIn(page, MANAGER);
    await expect(page.getByRole('heading', { level: 1, name: w.queue })).toBeVisible();
    await inviteAgent(page, lng, agent);
    await signOut(page, lng);

    await signIn(page, agent.email);
    const reference = await takeFirstCase(page, lng);

    const customerBrowser = await browser.newContext({ baseURL: test.info().project.use.baseURL, locale: lng === 'en' ? 'en-GB' : 'it-IT' });
    const customer = await customerBrowser.newPage();
    try {
      await signIn(customer, CUSTOMER);
      const sees = async (type: string, text?: string) => {
        await customer.goto(`/cases/${reference}?lng=${lng}`);
        const event = customer.locator(`.timeline-event[data-type="${type}"]`);
        await expect(event).toHaveCount(1);
        if (text) await expect(event).toContainText(text);
      };

      await act(page, lng, 'acknowledge');
      await expect(page.locator('.clock-card[data-clock="acknowledge"]')).toHaveAttribute('data-state', /^met/);
      await expect(page.locator('.clock-card[data-clock="acknowledge"]')).toContainText(w.acknowledgedMet);
      await sees('acknowledged');
      await act(page, lng, 'requestInfo', 'Please send the invoice of October.');
      await sees('update', 'Please send the invoice of October.');
      await act(page, lng, 'propose', 'A refund of £40 for the duplicate charge.');
      await sees('resolutionProposed');
      await expect(customer.getByText('A refund of £40 for the duplicate charge.').first()).toBeVisible();
      await expectAccessible(customer, `customer's case with a proposal ${lng}`);
      await customer.getByRole('button', { name: w.accept }).click();
      await expect(customer.getByText(w.accepted)).toBeVisible();
    } finally {
      await customerBrowser.close();
    }
    // The agent sees the customer's answer.
    await page.reload();
    await expect(page.locator('.timeline-event[data-type="resolutionAccepted"]')).toHaveCount(1);
  });

  test(`${lng}: a phone complaint first made 7 weeks ago owes its ADR letter at once`, async ({ page }) => {
    await signIn(page, 'jordan.lee@staff.nasstar.example');
    await expect(page.getByRole('heading', { level: 1, name: words[lng].queue })).toBeVisible();
    // The server's clock is at 1 December 2026 (server-test.ts NOW): seven weeks before.
    await logPhoneComplaint(page, lng, '2026-10-13', { name: 'Rosa Bell', email: 'rosa.bell@example.com' });
    const reference = (await page.getByRole('heading', { level: 1 }).textContent())!.match(/NAS-\S+/)![0];
    // In the queue under "ADR letter due" at once.
    await page.getByRole('link', { name: lng === 'en' ? 'Queue' : 'Coda', exact: true }).click();
    await page.getByRole('link', { name: words[lng].adrFilter }).click();
    await expect(page.locator(`.queue-table tr[data-reference="${reference}"]`)).toBeVisible();
    await expectAccessible(page, `queue filtered ${lng}`);
  });
}
