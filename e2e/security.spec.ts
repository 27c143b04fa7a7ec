import type { Page } from '@playwright/test';
import { expect, signOut, test, url } from './fixtures';
import { api, NOW, openCase, record, signInAs } from './faults-helpers';

/**
 * Hostile input renders as text, and sign-out leaves no personal data in browser storage
 * (issue 7, decision 0050). The demo build: the simulated back office runs in the page.
 */

const PAYLOADS = {
  script: '<script data-x>window.__xss=1</script>',
  img: '<img src=x onerror="window.__xss=2">',
  svg: '"><svg onload=alert(1)>',
  iframe: '<iframe srcdoc="<script>parent.__xss=3</script>"></iframe>',
};

async function watchForInjection(page: Page) {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return async () => {
    const found = await page.evaluate(() => ({
      flag: (window as unknown as { __xss?: number }).__xss ?? null,
      scripts: document.querySelectorAll('script[data-x]').length,
      imgs: document.querySelectorAll('img[src="x"]').length,
      svgs: document.querySelectorAll('main svg[onload]').length,
      iframes: document.querySelectorAll('iframe[srcdoc]').length,
    }));
    return { ...found, dialogs };
  };
}


/** A guest comes back to a case: a code by email (read from the demo mailbox), then the case page. */
async function openAsGuest(page: Page, reference: string, email: string) {
  const asked = await api(page, 'POST', '/session/code', { body: { purpose: 'guest', reference, email } });
  expect(asked.status).toBe(202);
  const mailbox = await api<{ mails: { to: string; text: string }[] }>(page, 'GET', '/demo/mailbox');
  const code = /\b(\d{6})\b/.exec(mailbox.body.mails.find((m) => m.to === email)?.text ?? '')?.[1];
  expect(code).toBeTruthy();
  const session = await api(page, 'POST', '/session', { body: { email, code } });
  expect(session.status).toBe(201);
  await page.evaluate(() => localStorage.setItem('redress.session-hint', 'guest'));
  await page.goto(url(`/cases/${reference}`, { lng: 'en' }));
}

test('script and HTML typed by a customer render as text on the case page and in the letter', async ({ page }) => {
  const check = await watchForInjection(page);
  await page.goto(url('/', { lng: 'en', provider: 'nasstar', now: NOW }));
  const submission = {
    kind: 'complaint',
    aboutYou: {
      customerKind: 'business',
      employees: 4,
      name: `Zoë ${PAYLOADS.script}`,
      organisation: PAYLOADS.img,
      email: 'zoe.hostile@example.com',
      phone: '07911 654321',
      replyBy: 'letter',
      address: { line1: PAYLOADS.svg, town: PAYLOADS.iframe, postcode: '<b>AB1</b>' },
    },
    complaint: {
      category: 'billing',
      summary: `Bill ${PAYLOADS.svg}`,
      whatHappened: `${PAYLOADS.script}\n${PAYLOADS.img}\n${PAYLOADS.iframe}`,
      startedOn: '2026-10-01',
      outcomeWanted: PAYLOADS.img,
    },
    evidence: {
      references: [{ reference: '<i>TCK-1</i>', note: PAYLOADS.script }],
      staff: [{ name: PAYLOADS.img, team: PAYLOADS.svg }],
      calls: [{ at: '2026-10-02T09:30:00Z', fromNumber: '07911 654321', spokeTo: PAYLOADS.iframe, whatWasSaid: PAYLOADS.script }],
      emails: [{ sentAt: '2026-10-03T09:30:00Z', toAddress: 'support@nasstar.example', subject: PAYLOADS.svg }],
      attachmentIds: [],
    },
  };
  const created = await api<{ case: { reference: string } }>(page, 'POST', '/cases', { body: submission, session: false, key: `hostile_${Date.now()}_0000` });
  expect(created.status).toBe(201);
  const reference = created.body.case.reference;

  // The customer follows the case as a guest.
  await openAsGuest(page, reference, 'zoe.hostile@example.com');
  await expect(page).toHaveURL(new RegExp(`/cases/${reference}`));
  await expect(page.getByText(`Bill ${PAYLOADS.svg}`).first()).toBeVisible();
  await page.getByLabel('Your comment').fill(`${PAYLOADS.script} ${PAYLOADS.img}`);
  await page.getByRole('button', { name: 'Add comment' }).click();
  await expect(page.getByText('Your comment has been added.')).toBeVisible();
  await expect(page.locator('.timeline-event[data-type="comment"]').first()).toContainText(PAYLOADS.script);
  await page.reload();
  await expect(page.getByText(`Bill ${PAYLOADS.svg}`).first()).toBeVisible();
  const onCasePage = await check();

  // The deadlock letter carries the customer's name and address.
  const letter = await api<{ id: string }>(page, 'POST', `/cases/${reference}/deadlock-letter`);
  expect(letter.status).toBe(201);
  await page.goto(url(`/cases/${reference}/letters/${letter.body.id}`, { lng: 'en' }));
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText(PAYLOADS.script).first()).toBeVisible();
  const onLetter = await check();

  const injected = [onCasePage, onLetter].reduce((n, f) => n + (f.flag ? 1 : 0) + f.scripts + f.imgs + f.svgs + f.iframes + f.dialogs.length, 0);
  record('hostile text renders as text', { runs: 2, injected });
  expect({ onCasePage, onLetter }).toEqual({
    onCasePage: { flag: null, scripts: 0, imgs: 0, svgs: 0, iframes: 0, dialogs: [] },
    onLetter: { flag: null, scripts: 0, imgs: 0, svgs: 0, iframes: 0, dialogs: [] },
  });
});

/** Everything the page keeps in localStorage and sessionStorage. */
function dumpStorage(page: Page) {
  return page.evaluate(() => {
    const all: Record<string, string> = {};
    for (const [name, store] of [['local', localStorage], ['session', sessionStorage]] as const) {
      for (let i = 0; i < store.length; i++) {
        const key = store.key(i)!;
        all[`${name}:${key}`] = store.getItem(key) ?? '';
      }
    }
    return all;
  });
}

const PERSONAL = /priya|shah|harbour|sam\.taylor|taylor|@|NAS-\d{4}-|07\d{3}|bearer/i;

function leaksIn(storage: Record<string, string>): string[] {
  return Object.entries(storage)
    .filter(([key, value]) => /^(local|session):redress\.(session|draft|pending)/.test(key) || PERSONAL.test(value))
    .map(([key, value]) => `${key}=${value.slice(0, 80)}`);
}

test('after sign-out no personal data is left in localStorage or sessionStorage (customer and guest)', async ({ page }) => {
  // A signed-in customer who looked at a case and started a comment and a complaint draft.
  await signInAs(page, 'Priya Shah');
  const reference = await openCase(page, 'broadband drops');
  await page.getByLabel('Your comment').fill('Half-written comment about my account 12345678');
  await page.goto(url('/complaints/new', { lng: 'en' }));
  const name = page.getByLabel('Full name', { exact: true });
  await name.fill('Priya Shah draft');
  // The draft is saved shortly after a change.
  await expect.poll(async () => (await dumpStorage(page))['local:redress.draft.nasstar'] ?? '').toContain('Priya Shah draft');
  // A change made just before signing out, whose save is still waiting, must not be written back after.
  await name.fill('Priya Shah draft, changed');
  const before = await dumpStorage(page);
  expect(Object.keys(before).some((k) => k === 'local:redress.session-hint')).toBe(true);
  await signOut(page);
  const afterCustomer = await dumpStorage(page);

  // Nothing from the session is shown any more either.
  await page.goto(url(`/cases/${reference}`, { lng: 'en' }));
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText('Priya Shah')).toHaveCount(0);

  // A guest who tracked one case.
  const created = await api<{ case: { reference: string } }>(page, 'POST', '/cases', {
    session: false,
    key: `guestcase_${Date.now()}_00`,
    body: {
      kind: 'complaint',
      aboutYou: { customerKind: 'residential', name: 'Guest Person', email: 'guest.person@example.com', phone: '07911 654321', replyBy: 'email' },
      complaint: { category: 'billing', summary: 'Guest case', whatHappened: 'Something', startedOn: '2026-10-01', outcomeWanted: 'Refund' },
      evidence: { references: [], staff: [], calls: [], emails: [], attachmentIds: [] },
    },
  });
  await openAsGuest(page, created.body.case.reference, 'guest.person@example.com');
  await expect(page).toHaveURL(/\/cases\//);
  await signOut(page);
  const afterGuest = await dumpStorage(page);

  const leaks = [...leaksIn(afterCustomer), ...leaksIn(afterGuest)];
  record('sign-out leaves no personal data', { runs: 2, leaks: leaks.length });
  expect(leaks).toEqual([]);
});
