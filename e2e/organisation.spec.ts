import type { Page } from '@playwright/test';
import { test, expect, url, expectAccessible, signOut } from './fixtures';
import { withdrawInvitationsAndRemoveMember } from './removal-flows';

/**
 * Membership of an organisation by consent (issue 20.1, decision 0105), in the demo build: the administrator's
 * invitation is an offer the invitee answers after signing in; earlier cases stay theirs until they share one;
 * a member can leave; the administrator withdraws invitations and removes a member (e2e/removal-flows.ts). Both
 * languages, axe on every new view.
 */

const NOW = '2026-12-18T10:00:00Z';
const HARBOUR = 'Harbour Lane Bakery Ltd';

async function signInAs(page: Page, lng: 'en' | 'it', name: string) {
  await page.goto(url('/sign-in', { lng, provider: 'nasstar', now: NOW }));
  await expect(page.getByTestId('mock-now')).toHaveAttribute('datetime', /\d{4}-/);
  await page.getByRole('button', { name: lng === 'en' ? `Sign in as ${name}` : `Acceda come ${name}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: lng === 'en' ? 'My cases' : 'I miei reclami' })).toBeVisible();
}

/** Priya, the administrator, invites Sam (a residential customer) from the members page. */
async function priyaInvitesSam(page: Page) {
  await signInAs(page, 'en', 'Priya Shah');
  await page.getByRole('link', { name: 'Your organisation' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Sam Taylor');
  await page.getByLabel('Email address').fill('sam.taylor@example.com');
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'We have emailed an invitation to Sam Taylor. They join only if they accept it.' })).toBeVisible();
  // Invited, not a member: listed apart, with nothing of Sam's cases.
  const invitations = page.getByRole('heading', { level: 2, name: 'Invitations waiting for an answer' });
  await expect(invitations).toBeVisible();
  await expect(page.getByText('sam.taylor@example.com')).toBeVisible();
  await expectAccessible(page, 'members with an invitation');
  await page.getByRole('link', { name: 'Track my cases' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My cases' })).toBeVisible();
  await expect(page.getByText('Raised by Sam Taylor')).toHaveCount(0);
  await signOut(page);
}

test('en: Sam accepts an invitation, his earlier case stays his until he shares it, then he leaves', async ({ page }) => {
  // Two sign-ins, five views checked with axe: more steps than most tests.
  test.slow();
  await priyaInvitesSam(page);
  await signInAs(page, 'en', 'Sam Taylor');
  const offer = page.getByRole('region', { name: `Invitation to join ${HARBOUR}` });
  await expect(offer).toContainText('Priya Shah has invited you to join');
  await expect(offer).toContainText('The cases you raised before stay yours alone unless you choose to share one.');
  await expectAccessible(page, 'invitation offer');
  // Before joining, the list holds only Sam's own cases.
  const samsCase = (await page.locator('main a[href*="/cases/"]').first().getAttribute('href'))!;
  await offer.getByRole('button', { name: `Accept and join ${HARBOUR}` }).click();
  await expect(page.getByRole('link', { name: 'Your organisation' })).toBeVisible();
  await expect(offer).toHaveCount(0);

  // His own earlier case: only he sees it, until he shares it.
  await page.locator(`main a[href="${samsCase}"]`).click();
  await expect(page.getByText(`Only you see this case: you raised it before joining ${HARBOUR}.`)).toBeVisible();
  await page.getByRole('button', { name: `Share this case with ${HARBOUR}` }).click();
  await expect(page.getByText(/Its members will see it, including your name, email address and phone number/)).toBeVisible();
  await expectAccessible(page, 'share a case');
  await page.getByRole('button', { name: 'Yes, share it' }).click();
  await expect(page.getByRole('status').filter({ hasText: `This case is now shared with ${HARBOUR}.` })).toBeVisible();
  // The button that asked has gone: the focus is on the heading above it (the case's), not the page's body (decision 0137).
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  const shared = new URL(page.url()).pathname.split('/').pop()!;

  // Priya now sees that case, raised by Sam.
  const priyaSees = await page.evaluate(async (reference) => {
    const headers = { 'X-Redress-Provider': 'nasstar', 'Content-Type': 'application/json' };
    const me = await fetch('/api/session', { headers });
    const sam = ((await me.json()) as { scope: { customer: { email: string } } }).scope.customer.email;
    await fetch('/api/demo/session', { method: 'POST', headers, body: JSON.stringify({ email: 'priya@harbourlane.example' }) });
    const status = (await fetch(`/api/cases/${reference}`, { headers })).status;
    await fetch('/api/demo/session', { method: 'POST', headers, body: JSON.stringify({ email: sam }) });
    return status;
  }, shared);
  expect(priyaSees).toBe(200);

  await page.getByRole('link', { name: 'Your organisation' }).click();
  await expect(page.getByText(`You are a member of ${HARBOUR}.`)).toBeVisible();
  await expectAccessible(page, 'membership');
  await page.getByRole('button', { name: `Leave ${HARBOUR}` }).click();
  await page.getByRole('button', { name: 'Yes, leave' }).click();
  await expect(page.getByRole('status').filter({ hasText: `You have left ${HARBOUR}.` })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Your organisation' })).toBeFocused();
  await expect(page.getByRole('link', { name: 'Your organisation' })).toHaveCount(0);
});

test('it: Sam declines the invitation; Priya never sees his cases', async ({ page }) => {
  await priyaInvitesSam(page);
  await signInAs(page, 'it', 'Sam Taylor');
  const offer = page.getByRole('region', { name: `Invito a unirsi a ${HARBOUR}` });
  await expect(offer).toContainText('Priya Shah La invita a unirsi a');
  await expectAccessible(page, 'invito');
  await offer.getByRole('button', { name: 'Rifiuti' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Ha rifiutato l’invito a unirsi a ${HARBOUR}.` })).toBeVisible();
  await expect(offer).toHaveCount(0);
  const seen = await page.evaluate(async () => {
    const headers = { 'X-Redress-Provider': 'nasstar', 'Content-Type': 'application/json' };
    const mine = (await (await fetch('/api/cases?limit=500', { headers })).json()) as { cases: { reference: string }[] };
    await fetch('/api/demo/session', { method: 'POST', headers, body: JSON.stringify({ email: 'priya@harbourlane.example' }) });
    const statuses = [];
    for (const c of mine.cases) statuses.push((await fetch(`/api/cases/${c.reference}`, { headers })).status);
    const members = (await (await fetch('/api/organisation/members', { headers })).json()) as { invitations: unknown[] };
    return { statuses, invitations: members.invitations.length };
  });
  expect(seen.statuses.length).toBeGreaterThan(0);
  expect(new Set(seen.statuses)).toEqual(new Set([404]));
  expect(seen.invitations).toBe(0);
});

for (const lng of ['en', 'it'] as const) {
  test(`${lng}: the administrator withdraws two invitations and removes a member after confirming; the focus lands on the list's heading, or the h1 when it went; gone after a reload; axe`, async ({ page }) => {
    test.slow();
    await signInAs(page, lng, 'Priya Shah');
    await withdrawInvitationsAndRemoveMember(page, lng, HARBOUR, { name: 'Tom Reed', email: 'tom@harbourlane.example' });
  });
}
