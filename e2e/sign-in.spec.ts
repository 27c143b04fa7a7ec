import type { Page } from '@playwright/test';
import { test, expect, url, expectAccessible } from './fixtures';

/**
 * Passwordless sign-in and organisations (issue 12), in the demo build: a customer signs in with the code
 * read on the demo mailbox page, an administrator removes a member, and a guest comes back to a case with its
 * reference, their email and the emailed code, then forgets the device.
 */

const NOW = '2026-12-18T10:00:00Z';

/** Some pages are prerendered: wait until the app is running (the demo banner shows the back office clock). */
async function appReady(page: Page) {
  await expect(page.getByTestId('mock-now')).toHaveAttribute('datetime', /\d{4}-/);
}

test('en: sign in with the code from the dev mailbox page; a wrong code is told next to the field', async ({ page, context }) => {
  await page.goto(url('/sign-in', { lng: 'en', provider: 'nasstar', now: NOW }));
  await appReady(page);
  await page.getByLabel('Email address').fill('sam.taylor@example.com');
  await page.getByRole('button', { name: 'Send me a code' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Check your email' })).toBeVisible();
  const field = page.getByLabel('Code from the email');
  await expect(field).toHaveAttribute('autocomplete', 'one-time-code');
  await expect(field).toHaveAttribute('inputmode', 'numeric');
  await expectAccessible(page, 'code step');

  // The mailbox page, in another tab of the same browser.
  const mailbox = await context.newPage();
  await mailbox.goto(url('/dev/mailbox', { lng: 'en', provider: 'nasstar' }));
  await expect(mailbox.getByRole('heading', { level: 1, name: 'Demo mailbox' })).toBeVisible();
  const mail = mailbox.getByRole('article').filter({ hasText: 'sam.taylor@example.com' }).first();
  await expect(mail).toBeVisible();
  await expectAccessible(mailbox, 'mailbox');
  const code = /\b(\d{6})\b/.exec((await mail.textContent()) ?? '')?.[1] ?? '';
  expect(code).toMatch(/^\d{6}$/);
  await mailbox.close();

  await field.fill(code === '000000' ? '111111' : '000000');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.locator('.error-summary')).toBeFocused();
  await expect(page.locator('.field-error')).toContainText('That code is not right');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'wrong code');
  await field.fill(code);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My cases' })).toBeVisible();
});

test('en: the administrator removes a member, after confirming', async ({ page }) => {
  await page.goto(url('/sign-in', { lng: 'en', provider: 'nasstar', now: NOW }));
  await appReady(page);
  await page.getByRole('button', { name: 'Sign in as Priya Shah' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My cases' })).toBeVisible();
  await expect(page.getByText('Raised by Priya Shah').first()).toBeVisible();
  await page.getByRole('link', { name: 'Your organisation' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your organisation' })).toBeVisible();
  await expect(page.getByText('tom@harbourlane.example')).toBeVisible();
  await expectAccessible(page, 'organisation');
  await page.getByRole('button', { name: 'Remove Tom Reed' }).click();
  await expect(page.getByText(/Remove Tom Reed from .*\?/)).toBeVisible();
  await page.getByRole('button', { name: 'Yes, remove' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Tom Reed has been removed.' })).toBeVisible();
  await expect(page.getByText('tom@harbourlane.example')).toHaveCount(0);

  // Tom's old session no longer opens anything; signing in again shows only his own cases.
  const tomsView = await page.evaluate(async () => {
    const headers = { 'X-Redress-Provider': 'nasstar', 'Content-Type': 'application/json' };
    const priyas = (await (await fetch('/api/cases?limit=500', { headers })).json()) as { cases: { reference: string; raisedBy: { name: string } | null }[] };
    const priyasCase = priyas.cases.find((c) => c.raisedBy?.name === 'Priya Shah')!.reference;
    await fetch('/api/demo/session', { method: 'POST', headers, body: JSON.stringify({ email: 'tom@harbourlane.example' }) });
    return (await fetch(`/api/cases/${priyasCase}`, { headers })).status;
  });
  expect(tomsView).toBe(404);
});

test('it: a guest comes back with reference, email and the emailed code, then forgets this device', async ({ page, context }) => {
  await page.goto(url('/track', { lng: 'it', provider: 'nasstar', now: NOW }));
  await appReady(page);
  // A complaint made as a guest earlier (its guest session is then dropped, as on another day).
  const reference = await page.evaluate(async () => {
    const submission = {
      kind: 'complaint',
      aboutYou: { customerKind: 'residential', name: 'Giulia Bianchi', email: 'giulia@example.com', phone: '07911 654321', replyBy: 'email' },
      complaint: { category: 'billing', summary: 'Addebito dopo la disdetta', whatHappened: 'Ho disdetto a ottobre e mi è stato addebitato.', startedOn: '2026-10-01', outcomeWanted: 'Un rimborso' },
      evidence: { references: [], staff: [], calls: [], emails: [], attachmentIds: [] },
    };
    const answer = await fetch('/api/cases', {
      method: 'POST',
      headers: { 'X-Redress-Provider': 'nasstar', 'Content-Type': 'application/json', 'Idempotency-Key': `e2e_guest_${crypto.randomUUID()}` },
      body: JSON.stringify(submission),
    });
    return ((await answer.json()) as { case: { reference: string } }).case.reference;
  });
  await context.clearCookies();

  await page.getByLabel('Numero di pratica').fill(reference.toLowerCase());
  await page.getByLabel('Indirizzo email').fill('giulia@example.com');
  await page.getByRole('button', { name: 'Mi invii un codice' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Controlli la Sua email' })).toBeVisible();
  await expectAccessible(page, 'guest code it');
  const mail = await page.evaluate(async () => {
    const answer = await fetch('/api/demo/mailbox', { headers: { 'X-Redress-Provider': 'nasstar' } });
    return ((await answer.json()) as { mails: { to: string; text: string; lng: string }[] }).mails.find((m) => m.to === 'giulia@example.com')!;
  });
  expect(mail.lng).toBe('it');
  const code = /\b(\d{6})\b/.exec(mail.text)?.[1] ?? '';
  await page.getByLabel('Codice ricevuto via email').fill(code);
  await page.getByRole('button', { name: 'Continui' }).click();
  await expect(page).toHaveURL(new RegExp(`/cases/${reference}`));
  await expect(page.getByRole('heading', { level: 1, name: 'Addebito dopo la disdetta' })).toBeVisible();

  await page.getByRole('button', { name: 'Cancelli i dati da questo dispositivo' }).click();
  await page.waitForURL((u) => u.pathname === '/');
  const left = await page.evaluate(() => [...Object.keys(localStorage), ...Object.keys(sessionStorage)].filter((k) => k.startsWith('redress.')));
  expect(left).toEqual([]);
});
