import type { Page } from '@playwright/test';
import { expect, expectAccessible, type Lng } from './fixtures';

/**
 * The guided complaint form filled as a person would, step by step, in either language: shared by the demo
 * build's tests (complaint.spec.ts) and the production build's on the server (server/flows.spec.ts).
 */

export const text = {
  en: { continue: 'Continue', send: 'Send complaint', retry: 'Try again', problem: 'There is a problem', addRef: 'Add a reference', addStaff: 'Add a staff member', addCall: 'Add a call', addEmail: 'Add an email' },
  it: { continue: 'Continui', send: 'Invii il reclamo', retry: 'Riprovi', problem: 'Si è verificato un problema', addRef: 'Aggiunga un riferimento', addStaff: 'Aggiunga un operatore', addCall: 'Aggiunga una telefonata', addEmail: "Aggiunga un'email" },
} as const;

export const pdf = (name = 'bill.pdf') => ({ name, mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') });

export interface Who {
  name: string;
  email: string;
  phone: string;
  accountNumber?: string;
  /** Given: replies by letter, to this address; otherwise by email. */
  address?: { line1: string; town: string; postcode: string };
  supportNeeds?: string;
}

export async function aboutYou(page: Page, lng: Lng, who: Who, opts: { axe?: boolean } = {}) {
  await expect(page.locator('h1')).toHaveText(lng === 'en' ? 'About you' : 'I Suoi dati');
  if (opts.axe) await expectAccessible(page, `about-you ${lng}`);
  await page.locator('#f-customerKind').check();
  await page.locator('#f-name').fill(who.name);
  if (who.accountNumber) await page.locator('#f-accountNumber').fill(who.accountNumber);
  await page.locator('#f-email').fill(who.email);
  await page.locator('#f-phone').fill(who.phone);
  if (who.address) {
    await page.locator('#f-replyBy-letter').check();
    await page.locator('#f-address-line1').fill(who.address.line1);
    await page.locator('#f-address-town').fill(who.address.town);
    await page.locator('#f-address-postcode').fill(who.address.postcode);
  } else {
    await page.locator('#f-replyBy').check(); // by email
  }
  if (who.supportNeeds) await page.locator('#f-supportNeeds').fill(who.supportNeeds);
  await page.locator('#f-hasRepresentative-no').check();
  await page.getByRole('button', { name: text[lng].continue }).click();
}

export async function complaintDetails(page: Page, lng: Lng, summary: string, opts: { axe?: boolean; whatHappened?: string } = {}) {
  await expect(page.locator('h1')).toHaveText(lng === 'en' ? 'Your complaint' : 'Il Suo reclamo');
  if (opts.axe) await expectAccessible(page, `complaint ${lng}`);
  await page.locator('#f-category').check(); // billing
  await page.locator('#f-summary').fill(summary);
  await page.locator('#f-whatHappened').fill(opts.whatHappened ?? 'I was charged twice for November.');
  await page.locator('#f-startedOn-day').fill('3');
  await page.locator('#f-startedOn-month').fill('11');
  await page.locator('#f-startedOn-year').fill('2026');
  await page.locator('#f-outcomeWanted').fill('Refund the second charge.');
  await page.locator('#f-compensationPence').fill(lng === 'en' ? '25.50' : '25,50');
  await page.getByRole('button', { name: text[lng].continue }).click();
}

export async function evidence(page: Page, lng: Lng, fromNumber: string, time: string, opts: { axe?: boolean } = {}) {
  await expect(page.locator('h1')).toHaveText(lng === 'en' ? 'Evidence' : 'Prove');
  const t = text[lng];
  await page.getByRole('button', { name: t.addRef }).click();
  await page.locator('#f-references-0-reference').fill('TCK-12345');
  await page.getByRole('button', { name: t.addStaff }).click();
  await page.locator('#f-staff-0-name').fill('Alex');
  await page.locator('#f-staff-0-team').fill('Billing');
  await page.getByRole('button', { name: t.addCall }).click();
  await page.locator('#f-calls-0-at-day').fill('5');
  await page.locator('#f-calls-0-at-month').fill('11');
  await page.locator('#f-calls-0-at-year').fill('2026');
  await page.locator('#f-calls-0-at-time').fill(time);
  await page.locator('#f-calls-0-fromNumber').fill(fromNumber);
  await page.locator('#f-calls-0-spokeTo').fill('Alex');
  await page.locator('#f-calls-0-whatWasSaid').fill('Promised a refund within 5 days.');
  await page.getByRole('button', { name: t.addEmail }).click();
  await page.locator('#f-emails-0-sentAt-day').fill('6');
  await page.locator('#f-emails-0-sentAt-month').fill('11');
  await page.locator('#f-emails-0-sentAt-year').fill('2026');
  await page.locator('#f-emails-0-sentAt-time').fill(lng === 'en' ? '9:15am' : '9.15');
  await page.locator('#f-emails-0-toAddress').fill('billing@example.com');
  await page.locator('#f-emails-0-subject').fill('Double charge');
  await page.locator('#f-files').setInputFiles([pdf(), { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Call notes: refund promised.\n') }]);
  await expect(page.locator('.file-list li')).toHaveCount(2);
  if (opts.axe) await expectAccessible(page, `evidence ${lng}`);
  await page.getByRole('button', { name: t.continue }).click();
}

