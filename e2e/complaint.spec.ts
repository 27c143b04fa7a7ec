import type { Page } from '@playwright/test';
import { aboutYou, complaintDetails, evidence, pdf, text } from './complaint-form';
import { test, expect, url, expectAccessible, type ProviderId } from './fixtures';

/**
 * Guided complaint submission (issue 3): start to confirmation in English (Nasstar) and Italian
 * (ASK4) with every kind of evidence, validation and the error summary, the draft across a
 * reload, exactly-once submission under faults, refused files, and axe on every step.
 */

/** A call to the simulated back office from the page: the session is the cookie the back office set. */
async function api<T>(page: Page, provider: ProviderId, path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ provider, path, init }) => {
      const headers: Record<string, string> = { 'X-Redress-Provider': provider, 'Content-Type': 'application/json' };
      const response = await fetch(`/api${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
      return { status: response.status, body: (await response.json()) as T };
    },
    { provider, path, init },
  );
}

interface CaseBody {
  case: {
    reference: string;
    kind: string;
    aboutYou: { name: string; email: string };
    complaint: { summary: string; startedOn: string };
    evidence: { references: unknown[]; staff: unknown[]; calls: { at: string; fromNumber: string }[]; emails: { sentAt: string }[] };
    attachments: { name: string; kind: string }[];
  };
}

/** The case as its guest would see it: a guest code by email (read from the demo mailbox), then GET /cases/:ref. */
async function caseAsGuest(page: Page, provider: ProviderId, reference: string, email: string) {
  const asked = await api(page, provider, '/session/code', { method: 'POST', body: { purpose: 'guest', reference, email } });
  expect(asked.status).toBe(202);
  const mailbox = await api<{ mails: { to: string; text: string }[] }>(page, provider, '/demo/mailbox');
  const code = /\b(\d{6})\b/.exec(mailbox.body.mails.find((m) => m.to === email)?.text ?? '')?.[1];
  expect(code).toBeTruthy();
  const session = await api(page, provider, '/session', { method: 'POST', body: { email, code } });
  expect(session.status).toBe(201);
  const c = await api<CaseBody>(page, provider, `/cases/${encodeURIComponent(reference)}`);
  expect(c.status).toBe(200);
  return c.body.case;
}

// Any year in the due date: the back office's clock is the real one here, and a complaint sent in the last days of
// December is due in January of the next year.
for (const { lng, provider, phone, time, heading, due } of [
  { lng: 'en' as const, provider: 'nasstar' as const, phone: '01632 960 001', time: '2:30pm', heading: 'Complaint received', due: /Nasstar will acknowledge your complaint by \w+day \d+ \w+ \d{4}/ },
  { lng: 'it' as const, provider: 'ask4' as const, phone: '+39 06 1234 5678', time: '14.30', heading: 'Reclamo ricevuto', due: /La politica di ASK4 prevede di confermare la ricezione del Suo reclamo entro/ },
]) {
  test(`a residential complaint to ${provider} in ${lng}, start to confirmation with every kind of evidence`, async ({ page }) => {
    const email = `guest.${lng}@example.com`;
    const summary = `Double charge ${lng} ${Date.now()}`;
    await page.goto(url('/complaints/new', { lng, provider }));
    await aboutYou(page, lng, { name: lng === 'en' ? 'Jo Bloggs' : 'Maria Rossi', email, phone }, { axe: true });
    await complaintDetails(page, lng, summary, { axe: true });
    await evidence(page, lng, phone, time, { axe: true });

    await expect(page.locator('h1')).toHaveText(lng === 'en' ? 'Check your answers before sending' : "Controlli le risposte prima dell'invio");
    await expect(page.locator('.summary-list')).toContainText(['TCK-12345']);
    await expect(page.locator('.summary-list').last()).toContainText('bill.pdf');
    await expectAccessible(page, `check ${lng}`);

    // Change an answer from the check page: it returns here afterwards.
    await page.locator('a[href*="about-you?return=check#f-name"]').click();
    await expect(page.locator('#f-name')).toBeFocused();
    await page.locator('#f-name').fill(lng === 'en' ? 'Jo Q. Bloggs' : 'Maria R. Rossi');
    await page.getByRole('button', { name: text[lng].continue }).click();
    await expect(page).toHaveURL(/\/complaints\/new\/check/);
    await expect(page.locator('.summary-list').first()).toContainText(lng === 'en' ? 'Jo Q. Bloggs' : 'Maria R. Rossi');

    await page.getByRole('button', { name: text[lng].send }).dblclick();
    await expect(page.locator('h1')).toHaveText(heading);
    const reference = (await page.getByTestId('case-reference').textContent())!.trim();
    await expect(page.locator('.due-list')).toContainText(due);
    await expectAccessible(page, `confirmation ${lng}`);
    // the draft is gone once the case exists
    expect(await page.evaluate((p) => localStorage.getItem(`redress.draft.${p}`), provider)).toBeNull();

    const c = await caseAsGuest(page, provider, reference, email);
    expect(c.kind).toBe('complaint');
    expect(c.complaint.summary).toBe(summary);
    expect(c.complaint.startedOn).toBe('2026-11-03');
    expect(c.evidence.references).toHaveLength(1);
    expect(c.evidence.staff).toHaveLength(1);
    expect(c.evidence.calls).toHaveLength(1);
    expect(new Date(c.evidence.calls[0]!.at).toISOString()).toBe('2026-11-05T14:30:00.000Z');
    expect(c.evidence.emails).toHaveLength(1);
    expect(new Date(c.evidence.emails[0]!.sentAt).toISOString()).toBe('2026-11-06T09:15:00.000Z');
    expect(c.attachments.map((a) => a.kind).sort()).toEqual(['pdf', 'txt']);
  });
}

for (const lng of ['en', 'it'] as const) {
  test(`validation errors and the focused error summary (${lng}); nothing typed is cleared`, async ({ page }) => {
    await page.goto(url('/complaints/new/about-you', { lng, provider: 'ask4' }));
    await page.locator('#f-email').fill('not-an-email');
    await page.locator('#f-phone').fill('12345');
    await page.locator('#f-replyBy-letter').check();
    await page.getByRole('button', { name: text[lng].continue }).click();
    const summary = page.locator('.error-summary');
    await expect(summary).toBeFocused();
    await expect(summary.locator('h2')).toHaveText(text[lng].problem);
    await expect(summary.locator('li')).toHaveCount(5);
    await expect(page.locator('#f-email')).toHaveValue('not-an-email');
    await expect(page.locator('#f-email')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#f-email-error')).toContainText(lng === 'en' ? 'Error: Enter an email address' : 'Errore: Inserisca un indirizzo email');
    await expect(page.locator('#f-address-line1-error')).toBeVisible();
    await expectAccessible(page, `about-you errors ${lng}`);
    await summary.getByRole('link').filter({ hasText: lng === 'en' ? 'Email address' : 'Indirizzo email' }).click();
    await expect(page.locator('#f-email')).toBeFocused();

    // the other steps' error states
    await page.goto(url('/complaints/new/complaint', { lng, provider: 'ask4' }));
    await page.locator('#f-startedOn-day').fill('31');
    await page.locator('#f-startedOn-month').fill('2');
    await page.locator('#f-startedOn-year').fill('2026');
    await page.getByRole('button', { name: text[lng].continue }).click();
    await expect(summary).toBeFocused();
    await expect(page.locator('#f-startedOn-error')).toBeVisible();
    await expect(page.locator('#f-startedOn-day')).toHaveValue('31');
    await expectAccessible(page, `complaint errors ${lng}`);

    await page.goto(url('/complaints/new/evidence', { lng, provider: 'ask4' }));
    await page.getByRole('button', { name: text[lng].addCall }).click();
    await page.locator('#f-calls-0-at-time').fill('25:99');
    await page.locator('#f-calls-0-fromNumber').fill('123');
    await page.getByRole('button', { name: text[lng].continue }).click();
    await expect(summary).toBeFocused();
    await expect(page.locator('#f-calls-0-at-error')).toBeVisible();
    await expect(page.locator('#f-calls-0-fromNumber-error')).toBeVisible();
    await expectAccessible(page, `evidence errors ${lng}`);

    await page.goto(url('/complaints/new/check', { lng, provider: 'ask4' }));
    await expect(summary).toBeVisible();
    await expectAccessible(page, `check incomplete ${lng}`);
  });
}

test('a reload mid-form keeps the draft and the step; discard starts again', async ({ page }) => {
  await page.goto(url('/complaints/new', { lng: 'en', provider: 'nasstar' }));
  await aboutYou(page, 'en', { name: 'Reload Person', email: 'reload@example.com', phone: '020 7946 0018' });
  await page.locator('#f-summary').fill('Typed before the reload');
  await page.locator('#f-startedOn-day').fill('2');
  // The draft is saved shortly after the change (debounced): wait for it, not for a fixed time.
  await expect
    .poll(() =>
      page.evaluate(() => {
        const draft = JSON.parse(localStorage.getItem('redress.draft.nasstar') ?? 'null') as { complaint?: { summary?: string; startedOn?: { day?: string } } } | null;
        return { summary: draft?.complaint?.summary, day: draft?.complaint?.startedOn?.day };
      }),
    )
    .toEqual({ summary: 'Typed before the reload', day: '2' });
  await page.reload();
  await expect(page).toHaveURL(/\/complaints\/new\/complaint/);
  await expect(page.locator('#f-summary')).toHaveValue('Typed before the reload');
  await expect(page.locator('#f-startedOn-day')).toHaveValue('2');
  // a closed tab: a new page opening /complaints/new resumes at the saved step
  const again = await page.context().newPage();
  await again.goto(url('/complaints/new'));
  await expect(again).toHaveURL(/\/complaints\/new\/complaint/);
  await again.close();
  await page.getByRole('link', { name: 'Back' }).click();
  await expect(page.locator('#f-name')).toHaveValue('Reload Person');
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Discard this draft and start again' }).click();
  await expect(page.locator('#f-name')).toHaveValue('');
  expect(await page.evaluate(() => localStorage.getItem('redress.draft.nasstar'))).toBeNull();
});

test('a network failure, a dropped answer and a 500 during submission, then retry: exactly one case', async ({ page }) => {
  test.setTimeout(90_000);
  const provider = 'nasstar';
  await page.goto(url('/', { lng: 'en', provider }));
  const customers = await api<{ customers: { email: string; kind: string; name: string }[] }>(page, provider, '/demo/customers');
  const resident = customers.body.customers.find((c) => c.kind === 'residential')!;
  const session = await api<{ scope: { kind: string } }>(page, provider, '/demo/session', { method: 'POST', body: { email: resident.email } });
  expect(session.body.scope.kind).toBe('customer');
  await page.evaluate(() => localStorage.setItem('redress.session-hint', 'customer'));

  await page.goto(url('/complaints/new', { lng: 'en', provider }));
  // signed-in: details are filled in
  await expect(page.locator('#f-name')).toHaveValue(resident.name);
  await expect(page.locator('#f-email')).toHaveValue(resident.email);
  await page.locator('#f-replyBy').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  const summary = `Exactly once ${Date.now()}`;
  await complaintDetails(page, 'en', summary);
  // On the next step before pressing its Continue (the last step's button is there until the form has moved on).
  await expect(page.locator('h1')).toHaveText('Evidence');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.locator('h1')).toHaveText('Check your answers before sending');

  const fail = (faults: string[]) => page.evaluate((f) => sessionStorage.setItem('redress.mock.faults', JSON.stringify({ submitComplaint: f })), faults);
  // 1 attempt + 3 automatic retries all fail: the user is told, and nothing is lost
  await fail(['dropAfterStore', 'network', 'network', 'network']);
  await page.getByRole('button', { name: 'Send complaint' }).click();
  await expect(page.locator('#submit-error')).toContainText('We could not reach the complaints service', { timeout: 20_000 });
  await expectAccessible(page, 'submit failed');
  await fail(['500', '500', '500', '500']);
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.locator('#submit-error')).toContainText('Something went wrong on our side', { timeout: 20_000 });
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.locator('h1')).toHaveText('Complaint received');

  const list = await api<{ cases: { summary: string }[] }>(page, provider, '/cases');
  expect(list.body.cases.filter((c) => c.summary === summary)).toHaveLength(1);
});

for (const { lng, provider, choose, none, chosen } of [
  { lng: 'en' as const, provider: 'nasstar' as const, choose: 'Choose files', none: 'No file chosen', chosen: '2 files chosen' },
  { lng: 'it' as const, provider: 'ask4' as const, choose: 'Scelga i file', none: 'Nessun file scelto', chosen: '2 file scelti' },
]) {
  test(`the file control speaks the page's language (${lng}), not the browser's, and shows keyboard focus`, async ({ page }, testInfo) => {
    await page.goto(url('/complaints/new/evidence', { lng, provider }));
    const input = page.locator('#f-files');
    const button = page.locator('label.file-picker-button[for="f-files"]');
    const status = page.locator('#f-files-status');
    await expect(button).toHaveText(choose);
    await expect(status).toHaveText(none);
    await expect(status).toHaveAttribute('role', 'status');
    // The native control stays in the page, hidden but reachable, described by the hint and the status.
    await expect(input).toHaveAttribute('type', 'file');
    await expect(input).toHaveAttribute('aria-describedby', 'f-files-hint f-files-status');
    await expect(input).toHaveClass(/visually-hidden/);
    await input.focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    await expect(input).toBeFocused();
    await expect(button).toHaveCSS('background-color', 'rgb(255, 221, 0)');
    await page.locator('.evidence-group').filter({ has: input }).screenshot({ path: testInfo.outputPath(`file-picker-${lng}-focus.png`) });
    await input.setInputFiles([pdf(), { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Call notes.\n') }]);
    await expect(page.locator('.file-list li')).toHaveCount(2);
    await expect(status).toHaveText(chosen);
    await input.blur();
    await page.locator('main').screenshot({ path: testInfo.outputPath(`evidence-step-${lng}.png`) });
    await expectAccessible(page, `file control ${lng}`);
  });
}

test('a renamed executable and an 11 MB file are refused with reasons; the others stay', async ({ page }) => {
  await page.goto(url('/complaints/new/evidence', { lng: 'en', provider: 'nasstar' }));
  const exe = Buffer.alloc(2048);
  exe.write('MZ', 0, 'latin1');
  exe.writeUInt32LE(0x80, 0x3c);
  exe.write('PE\0\0', 0x80, 'latin1');
  await page.locator('#f-files').setInputFiles([
    pdf('letter.pdf'),
    { name: 'invoice.pdf', mimeType: 'application/pdf', buffer: exe },
    { name: 'huge.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(11 * 1024 * 1024, 0x20) },
  ]);
  const errors = page.locator('#f-files-error');
  await expect(errors).toContainText('invoice.pdf was not added');
  await expect(errors).toContainText('huge.pdf was not added: it is larger than 10 MB');
  await expect(page.locator('.file-list li')).toHaveCount(1);
  await expect(page.locator('.file-list')).toContainText('letter.pdf');
  await expectAccessible(page, 'refused files');
});

test('Nasstar abuse reports run the 3-working-day clock', async ({ page }) => {
  await page.goto(url('/', { lng: 'en', provider: 'nasstar' }));
  const clock = await api<{ now: string }>(page, 'nasstar', '/demo/clock', { method: 'PUT', body: { now: '2026-12-18T10:00:00Z' } });
  expect(clock.body.now).toContain('2026-12-18');
  await page.goto(url('/complaints/new?kind=abuseReport'));
  await aboutYou(page, 'en', { name: 'Abuse Reporter', email: 'abuse.reporter@example.com', phone: '020 7946 0018' });
  await expect(page.locator('h1')).toHaveText('What you are reporting');
  await page.locator('#f-summary').fill('Phishing email pretending to be Nasstar');
  await page.locator('#f-whatHappened').fill('From billing@nasstar-pay.example asking for card details.');
  await page.locator('#f-startedOn-day').fill('17');
  await page.locator('#f-startedOn-month').fill('12');
  await page.locator('#f-startedOn-year').fill('2026');
  await page.locator('#f-outcomeWanted').fill('Block the sender.');
  await page.getByRole('button', { name: 'Continue' }).click();
  // Each step's own Continue: the step before keeps its button until the form has moved on.
  await expect(page.locator('h1')).toHaveText('Evidence');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.locator('h1')).toHaveText('Check your answers before sending');
  await page.getByRole('button', { name: 'Send report' }).click();
  await expect(page.locator('h1')).toHaveText('Report received');
  // Friday 18 December + 3 working days, skipping the weekend and Christmas/Boxing Day bank holidays
  await expect(page.locator('.due-list')).toContainText('Nasstar will deal with your report by Wednesday 23 December 2026');
});

test('before its JavaScript arrives, the pre-rendered first step reads in Italian with its controls disabled', async ({ page }) => {
  // A page of its own, outside the fixture that waits for the app: here the app never arrives.
  const early = await page.context().newPage();
  await early.route(/\/assets\/index-[\w-]+\.js$/, (route) => route.abort());
  await early.goto(url('/complaints/new', { lng: 'it', provider: 'nasstar' }));
  await expect(early.getByRole('heading', { level: 1, name: 'I Suoi dati' })).toBeVisible();
  // Nothing can be typed and then lost, or submitted by the browser with the answers in the address.
  await expect(early.getByLabel('Nome e cognome', { exact: true })).toBeDisabled();
  await expect(early.getByLabel('Indirizzo email')).toBeDisabled();
  await expect(early.getByRole('button', { name: 'Continui' })).toBeDisabled();
  await early.close();
  // With its JavaScript, the same page is usable.
  await page.goto(url('/complaints/new', { lng: 'it', provider: 'nasstar' }));
  await expect(page.getByLabel('Nome e cognome', { exact: true })).toBeEnabled();
});
