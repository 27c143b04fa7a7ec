import { readFileSync } from 'node:fs';
import type { Download, Page } from '@playwright/test';
import { aboutYou, complaintDetails } from '../complaint-form';
import { expect, test } from '../fixtures';
import { CSP, NOW, onAFreshServer, setClock, signInWithCode } from './server-test';

/**
 * The core flows on the PRODUCTION build served by the server in demo mode (playwright.server.config.ts): a
 * guest complains and opens the case from the confirmation; the seeded small business signs in and tracks a
 * case, escalates, asks for the ADR letter, and — once the server's clock has moved 8 weeks on — refers a case
 * to CISAS. The production build has no demo banner: the clock is moved with PUT /api/demo/clock; the server is
 * reset before each test and every page is checked against the build's policy (./server-test.ts).
 */

const LATER = '2027-01-26T10:00:00.000Z'; // NOW + 8 weeks

onAFreshServer();

/** Priya, administrator of the seeded small business, signs in with the code the server mailed her. */
async function signInAsPriya(page: Page) {
  await signInWithCode(page, 'priya@harbourlane.example');
  await expect(page.getByRole('status').filter({ hasText: /^\d+ cases$/ })).toBeVisible();
}

interface ListedCase {
  reference: string;
  summary: string;
  kind: string;
  status: string;
  firstComplainedAt: string;
  letters: unknown[];
}

/** The signed-in customer's cases, as the page's own session (the HttpOnly cookie) sees them. */
async function casesOf(page: Page): Promise<ListedCase[]> {
  return page.evaluate(async () => {
    const r = await fetch('/api/cases?limit=500', { headers: { 'X-Redress-Provider': 'nasstar' } });
    return ((await r.json()) as { cases: ListedCase[] }).cases;
  });
}

async function download(page: Page, name: string | RegExp): Promise<Download> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
  return file;
}

test('the server sends the production build with its security headers, and no demo banner', async ({ page }) => {
  const response = await page.goto('/?lng=en');
  expect(response?.headers()['content-security-policy']).toBe(CSP);
  expect(response?.headers()['x-content-type-options']).toBe('nosniff');
  expect(response?.headers()['referrer-policy']).toBe('strict-origin-when-cross-origin');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByTestId('mock-now')).toHaveCount(0);
});

test('a guest complains and opens the case from the confirmation', async ({ page }) => {
  const summary = `Double charge ${Date.now()}`;
  await page.goto('/complaints/new?lng=en');
  await aboutYou(page, 'en', { name: 'Jo Bloggs', email: 'jo.bloggs@example.com', phone: '01632 960 001' });
  await complaintDetails(page, 'en', summary);

  await expect(page.locator('h1')).toHaveText('Evidence');
  await page.locator('#f-files').setInputFiles([{ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Call notes: refund promised.\n') }]);
  await expect(page.locator('.file-list li')).toHaveCount(1);
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(page.locator('h1')).toHaveText('Check your answers before sending');
  await page.getByRole('button', { name: 'Send complaint' }).click();
  await expect(page.locator('h1')).toHaveText('Complaint received');
  const reference = (await page.getByTestId('case-reference').textContent())!.trim();
  expect(reference).toMatch(/^NAS-2026-[0-9A-Z]{8}$/);
  await expect(page.locator('.due-list')).toContainText(/Nasstar will acknowledge your complaint by \w+day \d+ \w+ 2026/);

  // The guest's session (the HttpOnly cookie the server set) opens the case from the confirmation.
  await page.getByRole('link', { name: 'Go to your case' }).click();
  await expect(page).toHaveURL(new RegExp(`/cases/${reference}`));
  await expect(page.getByRole('heading', { level: 2, name: /Nasstar's deadlines and targets/ })).toBeVisible();
  await expect(page.getByText(summary).first()).toBeVisible();
  await expect(page.getByText('notes.txt').first()).toBeVisible();
});

test('the small business signs in, tracks a case and escalates it', async ({ page }) => {
  await signInAsPriya(page);
  await page.getByLabel('Search by reference or words').fill('charged twice');
  await expect(page.getByText(/1 case of \d+ matches/)).toBeVisible();
  await page.locator('.case-list a').first().click();
  await expect(page).toHaveURL(/\/cases\/NAS-/);
  await expect(page.getByRole('heading', { level: 2, name: /Nasstar's deadlines and targets/ })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'History' })).toBeVisible();

  // Escalate an open case to the next stage of Nasstar's procedure.
  const open = (await casesOf(page)).find((c) => c.kind === 'complaint' && ['submitted', 'acknowledged', 'investigating'].includes(c.status))!;
  expect(open, 'an open seeded case').toBeTruthy();
  await page.goto(`/cases/${open.reference}`);
  const escalate = page.getByRole('link', { name: /^Ask to escalate to / }).first();
  const to = (await escalate.textContent())!.replace('Ask to escalate to ', '').trim();
  await escalate.click();
  await expect(page.getByRole('heading', { level: 1, name: `Ask to escalate to ${to}` })).toBeVisible();
  await page.getByLabel('No progress is being made').check();
  await page.getByRole('button', { name: 'Send my request' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Your request to escalate to ${to} has been recorded on your case.` })).toBeVisible();
  const timeline = await page.evaluate(async (reference) => {
    const r = await fetch(`/api/cases/${reference}/timeline`, { headers: { 'X-Redress-Provider': 'nasstar' } });
    return ((await r.json()) as { events: { type: string }[] }).events.map((e) => e.type);
  }, open.reference);
  expect(timeline).toContain('escalationRequested');
});

test('the small business asks for the ADR letter Nasstar owes once the regulator’s wait has passed', async ({ page }) => {
  await signInAsPriya(page);
  const eightWeeksAgo = Date.parse(NOW) - 56 * 86_400_000;
  const overdue = (await casesOf(page)).find((c) => c.kind === 'complaint' && Date.parse(c.firstComplainedAt) < eightWeeksAgo && c.letters.length === 0)!;
  expect(overdue, 'a seeded case past the wait with no ADR letter').toBeTruthy();
  await page.goto(`/cases/${overdue.reference}`);
  await expect(page.getByRole('heading', { name: 'Nasstar has not sent you an ADR letter' })).toBeVisible();
  await page.getByRole('button', { name: 'Ask for the ADR letter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your right to independent dispute resolution' })).toBeVisible();
  await expect(page.getByText('www.cedr.com/cisas/').first()).toBeVisible();
  // The letter as a PDF (pdf-lib and its fonts load on demand, under the same policy).
  const pdf = await download(page, 'Download PDF');
  expect(readFileSync(await pdf.path()).subarray(0, 5).toString()).toBe('%PDF-');
});

test('after the server’s clock moves 8 weeks on, the small business refers a case to CISAS', async ({ page, request }) => {
  await signInAsPriya(page);
  const ref = (await casesOf(page)).find((c) => c.summary === 'Early termination fee after moving' && c.kind === 'complaint')!.reference;
  await page.goto(`/cases/${ref}`);
  await expect(page.getByText(/You can refer your complaint to CISAS from \d+ \w+ 2026/)).toBeVisible();
  await expect(page.getByRole('link', { name: 'Refer your complaint to CISAS' })).toHaveCount(0);

  await setClock(request, LATER);
  await page.reload();
  await expect(page.getByText('You can refer your complaint to CISAS now: 6 weeks have passed since you first complained.')).toBeVisible();
  await page.getByRole('link', { name: 'Refer your complaint to CISAS' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Refer your complaint to CISAS' })).toBeVisible();
  const pack = await download(page, 'Download the referral pack (PDF)');
  expect(readFileSync(await pack.path()).subarray(0, 5).toString()).toBe('%PDF-');
  await page.getByLabel(/I have downloaded my pack and will send it to CISAS/).check();
  await page.getByRole('button', { name: 'Mark my complaint as referred' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Referred to CISAS' })).toBeFocused();
  await page.getByRole('link', { name: 'Back to your case' }).first().click();
  await expect(page.getByText(/You referred this complaint to CISAS on 26 January 2027\./)).toBeVisible();
});
