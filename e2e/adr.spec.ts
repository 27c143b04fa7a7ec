import { readFileSync } from 'node:fs';
import type { Download, Page } from '@playwright/test';
import { PDFDocument } from '@cantoo/pdf-lib';
import { extractPdfText } from '../src/features/adr/lib/pdf-text';
import { expect, expectAccessible, test, url, type Lng, type ProviderId } from './fixtures';

/**
 * Escalation, deadlock letters and referral to ADR (issue 5). The mock clock is frozen on a Tuesday
 * so the seeded histories are the same on every run; "8 weeks later" is the same URL switch.
 */

const NOW = '2026-12-01T10:00:00Z';
const LATER = '2027-01-26T10:00:00Z'; // NOW + 8 weeks

const signInAs = { en: 'Sign in as Priya Shah', it: 'Acceda come Priya Shah' };
const myCases = { en: 'My cases', it: 'I miei reclami' };

async function signIn(page: Page, lng: Lng, provider: ProviderId, now = NOW) {
  await page.goto(url('/sign-in', { lng, provider, now }));
  await page.getByRole('button', { name: signInAs[lng] }).click();
  await expect(page.getByRole('heading', { level: 1, name: myCases[lng] })).toBeVisible();
}

/** The reference of one of the signed-in customer's seeded cases, by its summary. */
async function caseWithSummary(page: Page, provider: ProviderId, summary: string): Promise<string> {
  const cases = await page.evaluate(
    async ({ provider }) => {
      // The session is the HttpOnly cookie the back office set at sign-in: fetch sends it.
      const r = await fetch('/api/cases', { headers: { 'X-Redress-Provider': provider } });
      return ((await r.json()) as { cases: { reference: string; summary: string; kind: string }[] }).cases;
    },
    { provider },
  );
  const found = cases.find((c) => c.summary === summary && c.kind === 'complaint');
  expect(found, `a ${provider} case "${summary}"`).toBeTruthy();
  return found!.reference;
}

async function timelineTypes(page: Page, provider: ProviderId, reference: string) {
  return page.evaluate(
    async ({ provider, reference }) => {
      const r = await fetch(`/api/cases/${reference}/timeline`, { headers: { 'X-Redress-Provider': provider } });
      return ((await r.json()) as { events: { type: string; data?: Record<string, string> }[] }).events;
    },
    { provider, reference },
  );
}

async function pdfFrom(download: Download) {
  const bytes = new Uint8Array(readFileSync(await download.path()));
  expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
  const doc = await PDFDocument.load(bytes);
  return { doc, text: (await extractPdfText(bytes)).replace(/\s+/g, ' ') };
}

async function download(page: Page, name: string | RegExp) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
  return file;
}

/** Rejects the case's proposed resolution through the API, as the customer would on the case page. */
async function rejectProposal(page: Page, provider: ProviderId, reference: string) {
  const status = await page.evaluate(
    async ({ provider, reference }) => {
      const r = await fetch(`/api/cases/${reference}/resolution`, {
        method: 'POST',
        headers: { 'X-Redress-Provider': provider, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
        body: JSON.stringify({ decision: 'reject', reason: 'Still not fixed' }),
      });
      return r.status;
    },
    { provider, reference },
  );
  expect(status).toBe(200);
}

test('issue 22 point 9 — Miso: attempts 2 and 3 are Miso\'s to undertake; the deadlock letter comes after attempt 3, as a PDF', async ({ page }) => {
  await signIn(page, 'en', 'miso');
  const ref = await caseWithSummary(page, 'miso', 'Broadband drops every evening');
  await page.goto(url(`/cases/${ref}`, { now: NOW }));
  await expect(page.getByText('Your complaint is at: Resolution attempt 1.')).toBeVisible();
  // Nothing to ask for: Miso moves the complaint itself, and its deadlock letter comes after the last attempt.
  await expect(page.getByRole('link', { name: /Ask to escalate/ })).toHaveCount(0);
  await expect(page.getByText('If this step does not resolve your complaint, Miso Communications Limited takes it to the next step itself: Resolution attempt 2.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Ask for a deadlock letter' })).toHaveCount(0);
  await expect(page.getByText('Miso Communications Limited issues its deadlock letter after the last step of its procedure (Resolution attempt 3)', { exact: false })).toBeVisible();
  await page.goto(url(`/cases/${ref}/escalate`, { now: NOW }));
  await expect(page.getByRole('heading', { level: 1, name: 'This complaint cannot be escalated any further' })).toBeVisible();
  await expect(page.getByText(/takes your complaint to the next step itself \(Resolution attempt 2\)/)).toBeVisible();

  // Miso proposes a remedy at each attempt; the customer rejects it; Miso undertakes the next attempt.
  for (const [now, to] of [
    ['2026-12-14T10:00:00Z', 'attempt2'],
    ['2026-12-29T10:00:00Z', 'attempt3'],
  ] as const) {
    await page.goto(url(`/cases/${ref}`, { now }));
    await expect(page.getByTestId('case-status')).toHaveText('Response issued');
    await rejectProposal(page, 'miso', ref);
    const events = await timelineTypes(page, 'miso', ref);
    expect(events.filter((e) => e.type === 'escalated').at(-1)?.data?.toStage).toBe(to);
  }
  const events = await timelineTypes(page, 'miso', ref);
  expect(events.some((e) => e.type === 'escalationRequested')).toBe(false);

  await page.goto(url(`/cases/${ref}`, { now: '2026-12-29T10:00:00Z' }));
  await expect(page.getByText('Your complaint is at: Resolution attempt 3.')).toBeVisible();
  await expect(page.getByText("This is the last step of Miso Communications Limited's own complaints procedure.")).toBeVisible();
  await expectAccessible(page, 'case at attempt 3 en');
  await page.getByRole('button', { name: 'Ask for a deadlock letter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Deadlock letter' })).toBeVisible();
  await expect(page.getByText('You can now ask the Communications Ombudsman to look at your complaint.', { exact: false })).toBeVisible();
  await expect(page.getByText(/You have 12 months from the date of this letter to go to the Communications Ombudsman: until 29 December 2027\./)).toBeVisible();
  // Issue 22 point 5: the scheme's details as Miso's own procedure publishes them, not another provider's.
  await expect(page.getByText('0330 440 1600')).toBeVisible();
  await expect(page.getByText('osenquiries@os-communications.org')).toHaveCount(0);
  await expectAccessible(page, 'letter en');

  const pdf = await pdfFrom(await download(page, 'Download PDF'));
  expect(pdf.doc.getTitle()).toBe('Deadlock letter');
  expect(pdf.text).toContain(ref);
  expect(pdf.text).toContain('Communications Ombudsman');
  expect(pdf.text).toContain('Priya Shah');
  await expect(page.getByRole('status').filter({ hasText: 'Your PDF has been downloaded.' })).toBeVisible();

  await page.getByRole('link', { name: 'Back to your case' }).click();
  await expect(page.getByText('You can refer your complaint to the Communications Ombudsman now: a deadlock letter has been issued.')).toBeVisible();
  await expect(page.getByRole('link', { name: /Read your deadlock letter of 29 December 2026/ })).toBeVisible();
});

test('Nasstar: escalate to the Customer Services Manager, with the error summary first', async ({ page }) => {
  await signIn(page, 'en', 'nasstar');
  const ref = await caseWithSummary(page, 'nasstar', 'Broadband drops every evening');
  await page.goto(url(`/cases/${ref}`, { now: NOW }));
  await page.getByRole('link', { name: 'Ask to escalate to Customer Services Manager' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ask to escalate to Customer Services Manager' })).toBeVisible();
  await expect(page).toHaveTitle(/Escalate your complaint/);
  await expectAccessible(page, 'escalate en');
  await page.getByRole('button', { name: 'Send my request' }).click();
  // The error summary takes focus (GOV.UK pattern, as on the complaint form), and links to the field.
  await expect(page.locator('.error-summary')).toBeFocused();
  await expect(page.getByRole('link', { name: 'Choose why you want to escalate' })).toBeVisible();
  await expectAccessible(page, 'escalate errors en');
  await page.getByLabel('Another reason').check();
  await page.getByLabel('What is your reason?').fill('Le directeur doit regarder — 私の問題 🙏');
  await page.getByRole('button', { name: 'Send my request' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Your request to escalate to Customer Services Manager has been recorded on your case.' })).toBeVisible();
  await expect(page.getByText('Your complaint is at: Customer Services Manager.')).toBeVisible();
  const events = await timelineTypes(page, 'nasstar', ref);
  expect(events.filter((e) => e.type === 'escalationRequested').map((e) => e.data?.toStage)).toEqual(['customerServicesManager']);
});

test('Nasstar: after 8 weeks, refer to CISAS with a pack that respects its file rules, then the case is marked referred', async ({ page }) => {
  await signIn(page, 'en', 'nasstar');
  const ref = await caseWithSummary(page, 'nasstar', 'Early termination fee after moving');
  // Two files on the case: a PDF (CISAS takes it) and a text file (it does not).
  await page.evaluate(
    async ({ ref }) => {
      const files = [
        new File(['%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF'], 'letter-from-nasstar.pdf', { type: 'application/pdf' }),
        new File(['Called on Monday, nobody answered.'], 'call-notes.txt', { type: 'text/plain' }),
      ];
      for (const file of files) {
        const form = new FormData();
        form.set('file', file);
        const r = await fetch(`/api/cases/${ref}/attachments`, {
          method: 'POST',
          body: form,
          headers: { 'X-Redress-Provider': 'nasstar', 'Idempotency-Key': crypto.randomUUID().replace(/-/g, '') },
        });
        if (!r.ok) throw new Error(`upload ${r.status} ${await r.text()}`);
      }
    },
    { ref },
  );

  await page.goto(url(`/cases/${ref}`, { now: NOW }));
  await expect(page.getByText(/You can refer your complaint to CISAS from \d+ \w+ 2026/)).toBeVisible();
  await expect(page.getByRole('link', { name: 'Refer your complaint to CISAS' })).toHaveCount(0);

  await page.goto(url(`/cases/${ref}`, { now: LATER }));
  // Eligible once the wait in force (6 weeks since 8 April 2026) has passed; Nasstar also sent its ADR letter on time.
  await expect(page.getByText('You can refer your complaint to CISAS now: 6 weeks have passed since you first complained.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Nasstar has not sent you an ADR letter' })).toHaveCount(0);
  await expectAccessible(page, 'case panel eligible en');
  await page.getByRole('link', { name: /Read your ADR letter of/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your right to independent dispute resolution' })).toBeVisible();
  await expect(page.getByText('www.cedr.com/cisas/')).toBeVisible();
  await expectAccessible(page, 'ADR letter en');
  await page.getByRole('link', { name: 'Back to your case' }).click();
  await page.getByRole('link', { name: 'Refer your complaint to CISAS' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Refer your complaint to CISAS' })).toBeVisible();
  await expect(page.getByText('letter-from-nasstar.pdf')).toBeVisible();
  await expect(page.getByText('call-notes.txt: CISAS does not accept TXT files. It accepts docx, doc, pdf, png, jpg, jpeg, msg.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'https://www.cedr.com/cisas/' })).toBeVisible();
  await expectAccessible(page, 'refer en');

  const pdf = await pdfFrom(await download(page, 'Download the referral pack (PDF)'));
  expect(pdf.doc.getTitle()).toBe('Referral to CISAS');
  expect(pdf.text).toContain(ref);
  expect(pdf.text).toContain('CISAS');
  expect(pdf.text).toContain('1. Date of first complaint');
  expect(pdf.text).toContain('Early termination fee after moving');
  expect(pdf.text).toContain('Not attached: CISAS does not accept this type of file');

  await page.getByRole('button', { name: 'Mark my complaint as referred' }).click();
  await expect(page.getByRole('link', { name: 'Confirm that you have downloaded your pack and will send it' })).toBeVisible();
  await expectAccessible(page, 'refer errors en');
  await page.getByLabel(/I have downloaded my pack and will send it to CISAS/).check();
  await page.getByRole('button', { name: 'Mark my complaint as referred' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Referred to CISAS' })).toBeFocused();
  await expectAccessible(page, 'referred en');

  expect((await timelineTypes(page, 'nasstar', ref)).find((e) => e.type === 'referred')?.data?.schemeId).toBe('cisas');
  await page.getByRole('link', { name: 'Back to your case' }).first().click();
  await expect(page.getByText(/You referred this complaint to CISAS on 26 January 2027\./)).toBeVisible();
  // The case page's timeline marks it referred to CISAS.
  await expect(page.getByText('Referred to an independent scheme').first()).toBeVisible();
  await expect(page.getByText('Scheme: CISAS').first()).toBeVisible();
});

test('ASK4 in Italian: ask for the missing ADR letter, then the referral pack is in English', async ({ page }) => {
  await signIn(page, 'it', 'ask4');
  const ref = await caseWithSummary(page, 'ask4', 'Broadband drops every evening');
  // A case opened 63 days ago without any letter: Italian panel, missing-letter flag.
  const old = await caseWithSummary(page, 'ask4', 'Promised call-backs never came');
  expect(ref).toBeTruthy();
  await page.goto(url(`/cases/${old}`, { now: NOW }));
  await expect(page.getByRole('heading', { name: 'ASK4 non Le ha inviato la lettera ADR' })).toBeVisible();
  await expect(page.getByText('Può già rivolgersi al Communications Ombudsman: sono trascorse 6 settimane dal Suo primo reclamo.')).toBeVisible();
  await expectAccessible(page, 'case panel it');

  // The missing letter is the ADR letter: the case stays open (not a deadlock).
  await page.getByRole('button', { name: 'Chieda la lettera ADR' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Il Suo diritto alla risoluzione indipendente delle controversie' })).toBeVisible();
  await expect(page.getByText(/Da allora sono trascorse almeno 6 settimane e il reclamo non è ancora risolto/)).toBeVisible();
  // The 12-month limit runs only from a deadlock letter: the ADR letter sets none.
  await expect(page.getByText(/Ha 12 mesi dalla data di questa lettera/)).toHaveCount(0);
  await expectAccessible(page, 'letter it');

  await page.goto(url(`/cases/${old}/refer`));
  await expect(page.getByRole('heading', { level: 1, name: 'Sottoponga il reclamo al Communications Ombudsman' })).toBeVisible();
  await expectAccessible(page, 'refer it');
  const pdf = await pdfFrom(await download(page, 'Scarichi il fascicolo (PDF)'));
  expect(pdf.doc.getTitle()).toBe('Referral to the Communications Ombudsman');
  expect(pdf.text).toContain(old);
  expect(pdf.text).toContain('1. Date of first complaint');
  expect(pdf.text).toContain('Letter ADR letter');
  expect(pdf.text).toContain('Three call-backs were promised and none happened.');
  expect(pdf.text).not.toMatch(/Reclamo|Fascicolo|dicembre|Lettera di chiusura/);

  await page.getByLabel(/Ho scaricato il fascicolo/).check();
  await page.getByRole('button', { name: "Segni il reclamo come sottoposto all'organismo" }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Reclamo sottoposto al Communications Ombudsman' })).toBeFocused();
  await expectAccessible(page, 'referred it');
  expect((await timelineTypes(page, 'ask4', old)).some((e) => e.type === 'referred' && e.data?.schemeId === 'osc')).toBe(true);
});

for (const lng of ['en', 'it'] as const) {
  test(`Netservers (${lng}): the Customer Services Manager step is a prepared letter, and the request is recorded`, async ({ page }) => {
    await signIn(page, lng, 'netservers');
    const ref = await caseWithSummary(page, 'netservers', 'Broadband drops every evening');
    await page.goto(url(`/cases/${ref}/escalate`, { now: NOW }));
    const heading = lng === 'en' ? 'Ask to escalate to Customer Services Manager' : 'Chieda il passaggio a: Responsabile del servizio clienti';
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(lng === 'en' ? heading : /Chieda il passaggio a: /);
    // The letter goes to Netservers in English (its procedure's language), whatever the portal's language.
    const letter = page.locator('#escalation-letter');
    await expect(letter).toContainText('Attn: Complaints Manager');
    await expect(letter).toContainText(`Complaint reference ${ref}: request for escalation`);
    await expect(letter).toContainText('Unit 3, Harbour Lane');
    await expect(letter).toContainText('Please reply by');
    await page.getByLabel(lng === 'en' ? 'A deadline was missed' : 'Una scadenza non è stata rispettata').check();
    await expect(letter).toContainText('My reason: A deadline was missed.');
    await expectAccessible(page, `escalate by letter ${lng}`);
    const pdf = await pdfFrom(await download(page, lng === 'en' ? 'Download PDF' : 'Scarichi il PDF'));
    expect(pdf.text).toContain(ref);
    expect(pdf.text).toContain('Attn: Complaints Manager');
    await page.getByRole('button', { name: lng === 'en' ? 'I have posted my letter' : 'Ho spedito la lettera' }).click();
    // Issue 22 point 6: the customer posts the letter; the portal says so, never that it was sent or that Netservers moved the case.
    const flash = page.getByRole('status').filter({ hasText: lng === 'en' ? /We have recorded that you posted your letter asking for Customer Services Manager/ : /Abbiamo registrato che ha spedito la lettera/ });
    await expect(flash).toBeVisible();
    await expect(flash).not.toContainText(lng === 'en' ? /has been sent|has moved/ : /è stata inviata|ha portato/);
    const events = await timelineTypes(page, 'netservers', ref);
    expect(events.find((e) => e.type === 'escalationRequested')?.data).toMatchObject({ toStage: 'customerServicesManager', method: 'letter', reason: 'missedDeadline' });
  });
}
