import type { APIRequestContext } from '@playwright/test';
import { aboutYou, complaintDetails, evidence, text } from '../complaint-form';
import { expect, expectAccessible, test } from '../fixtures';
import { messageWords } from '../message-words';
import { onAFreshServer, PROVIDER, setClock } from './server-test';

/**
 * Messages and letters on the real server (issue 24, decisions 0140 and 0141), on the production build, in both
 * languages. A guest who chose email is told of each step and comes back by the link in the mail, which signs them
 * in to that case alone; a guest who chose letters gets the ADR letter by itself once the regulator's wait has
 * passed, the manager finds it in the letters to post and records it posted, and the guest's case says "posted on …".
 */

onAFreshServer();

const MANAGER = 'alex.morgan@staff.nasstar.example';
/** Seven weeks after the server tests' NOW (1 December 2026): past the regulator's 6-week wait. */
const LATER = '2027-01-19T10:00:00.000Z';

const words = {
  en: {
    ...messageWords.en,
    markPosted: 'Record as posted',
    pdf: 'Download the letter (PDF)',
    postedOn: /posted on \d{1,2} \w+ 2027/,
  },
  it: {
    ...messageWords.it,
    markPosted: 'Registri come spedita',
    pdf: 'Scarichi la lettera (PDF)',
    postedOn: /spedita il \d{1,2} \w+ 2027/,
  },
} as const;

/** The provider's manager acting on a case through the staff API, as the workspace's buttons do. */
async function staffAct(request: APIRequestContext, origin: string, reference: string, body: Record<string, unknown>) {
  const current = await request.get(`/api/staff/cases/${reference}`, { headers: PROVIDER });
  expect(current.status()).toBe(200);
  const { version } = (await current.json()) as { version: number };
  const acted = await request.post(`/api/staff/cases/${reference}/actions`, {
    headers: { ...PROVIDER, Origin: origin, 'Idempotency-Key': `e2e-${crypto.randomUUID()}` },
    data: { ...body, version },
  });
  expect(acted.status(), await acted.text()).toBe(200);
}

for (const lng of ['en', 'it'] as const) {
  test(`${lng}: a guest is told of each step by email and accepts from the link in the mail`, async ({ page, browser, baseURL }) => {
    const w = words[lng];
    const email = `notify.server.${lng}@example.com`;
    await page.goto(`/complaints/new?lng=${lng}`);
    await aboutYou(page, lng, { name: lng === 'en' ? 'Jo Bloggs' : 'Maria Rossi', email, phone: '01632 960 001' });
    await complaintDetails(page, lng, `Double charge ${lng}`);
    await evidence(page, lng, '01632 960 001', lng === 'en' ? '2:30pm' : '14.30');
    await page.getByRole('button', { name: text[lng].send }).click();
    const reference = (await page.getByTestId('case-reference').textContent())!.trim();

    // The manager, in a browser of their own.
    const staff = await browser.newContext({ baseURL });
    try {
      expect((await staff.request.post('/api/demo/session', { headers: { ...PROVIDER, Origin: baseURL! }, data: { email: MANAGER } })).status()).toBe(201);
      await staffAct(staff.request, baseURL!, reference, { action: 'acknowledge' });
      await staffAct(staff.request, baseURL!, reference, { action: 'propose', text: w.proposal });
    } finally {
      await staff.close();
    }

    // Signed out: only the mail can bring the guest back. The server's mailbox page (not the portal) shows the outbox,
    // which the mail job fills after each step's unit of work commits: read it again until the third mail is there.
    await page.context().clearCookies();
    const mailbox = await page.context().newPage();
    await mailbox.goto(`/dev/mailbox?lng=${lng}&provider=nasstar`);
    const mine = mailbox.getByRole('article').filter({ hasText: email });
    await expect(async () => {
      await mailbox.reload();
      await expect(mine).toHaveCount(3, { timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    await expect(mailbox.getByRole('heading', { name: w.received(reference) })).toBeVisible();
    await expect(mailbox.getByRole('heading', { name: w.acknowledged(reference) })).toBeVisible();
    const proposed = mine.filter({ has: mailbox.getByRole('heading', { name: w.proposed(reference) }) });
    await expect(proposed).toContainText(w.proposal);
    await expectAccessible(mailbox, `server: mailbox ${lng}`);
    const link = /https?:\/\/[^\s]+\/sign-in\?token=[A-Za-z0-9]+&lng=(en|it)/.exec((await proposed.textContent()) ?? '')?.[0];
    expect(link, 'a sign-in link in the mail').toBeTruthy();
    await mailbox.close();

    await page.goto(new URL(link!).pathname + new URL(link!).search);
    await expect(page).toHaveURL(new RegExp(`/cases/${reference}`));
    await expect(page.getByText(w.proposal).first()).toBeVisible();
    await page.getByRole('button', { name: w.accept }).click();
    await expect(page.getByText(w.accepted)).toBeVisible();
    await expectAccessible(page, `server: accepted from the mail ${lng}`);
    // The link was single use.
    await page.context().clearCookies();
    await page.goto(new URL(link!).pathname + new URL(link!).search);
    await expect(page).not.toHaveURL(new RegExp(`/cases/${reference}`));
  });

  test(`${lng}: a letter-preferring guest's ADR letter is issued by itself, posted by staff, and the case says so`, async ({ page, browser, baseURL, request }) => {
    const w = words[lng];
    await page.goto(`/complaints/new?lng=${lng}`);
    await aboutYou(page, lng, {
      name: lng === 'en' ? 'Pat Post' : 'Niccolò Bellà',
      email: `letters.server.${lng}@example.com`,
      phone: '01632 960 003',
      address: { line1: lng === 'en' ? '1 High Street' : 'Via Roma 1', town: lng === 'en' ? 'Leeds' : 'Città di Castello', postcode: lng === 'en' ? 'LS1 1AA' : '06012' },
    });
    await complaintDetails(page, lng, `Letters on the server ${lng}`);
    await evidence(page, lng, '01632 960 003', lng === 'en' ? '2:30pm' : '14.30');
    await page.getByRole('button', { name: text[lng].send }).click();
    const reference = (await page.getByTestId('case-reference').textContent())!.trim();

    // Seven weeks on, with no deadlock letter: the server issues the ADR letter, by letter.
    await setClock(request, LATER);
    await page.goto(`/cases/${reference}?lng=${lng}`);
    await expect(page.locator('.case-messages li[data-channel="letter"][data-kind="adrLetter"]')).toBeVisible();

    // The manager, in a browser of their own (signing in here would end the guest's session).
    const staff = await browser.newContext({ baseURL, locale: lng === 'en' ? 'en-GB' : 'it-IT' });
    try {
      // Signed in as the demo's one-click staff are; the page then knows to ask who is signed in.
      await staff.addInitScript(() => localStorage.setItem('redress.session-hint', 'staff'));
      const desk = await staff.newPage();
      expect((await desk.request.post('/api/demo/session', { headers: { ...PROVIDER, Origin: baseURL! }, data: { email: MANAGER } })).status()).toBe(201);
      await desk.goto(`/staff/letters?lng=${lng}`);
      const item = desk.locator('li.letter-item[data-channel="letter"][data-kind="adrLetter"]').filter({ hasText: reference });
      await expect(item).toHaveCount(1);
      await expectAccessible(desk, `server: letters to post ${lng}`);
      const [download] = await Promise.all([desk.waitForEvent('download'), item.getByRole('button', { name: w.pdf }).click()]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`^${reference}-adrLetter-\\d{4}-\\d{2}-\\d{2}\\.pdf$`));
      await item.getByRole('button', { name: w.markPosted }).click();
      await expect(item).toHaveCount(0);
    } finally {
      await staff.close();
    }

    await page.reload();
    await expect(page.locator('.case-messages li[data-channel="letter"][data-kind="adrLetter"][data-status="posted"]')).toContainText(w.postedOn);
    await expectAccessible(page, `server: case with its letter posted ${lng}`);
  });
}
