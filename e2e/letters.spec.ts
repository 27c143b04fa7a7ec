import type { Page } from '@playwright/test';
import { aboutYou, complaintDetails, evidence, text } from './complaint-form';
import { test, expect, url, expectAccessible } from './fixtures';

/**
 * Letters to post (issue 24, decision 0141), in the demo build, in both languages: a guest who asked for replies by
 * letter complains; the demo clock moves past the regulator's wait, so the ADR letter is issued by itself and queued
 * for posting; the customer adds email updates; the provider's manager finds the letter in the staff list of letters
 * to post, records it posted, and the customer's case then says "posted on …". axe on every new page, and
 * screenshots of them for review (SCREENSHOTS=1).
 */

const NOW = '2026-12-07T10:00:00Z';
/** 7 weeks on: past the regulator's 6-week wait. */
const LATER = '2027-01-25T10:00:00Z';
const MANAGER = 'alex.morgan@staff.nasstar.example';
const shots = process.env.SCREENSHOTS ? (process.env.SCREENSHOTS_DIR ?? 'test-results/screenshots') : null;

const words = {
  en: {
    adrLetter: 'ADR letter',
    toPost: 'to be posted',
    postedOn: /posted on \d{1,2} \w+ 2027/,
    emailUpdatesStart: 'Also email me updates',
    emailUpdatesStarted: 'From now on, every update is also emailed to you.',
    lettersTitle: 'Letters and calls',
    markPosted: 'Record as posted',
    done: 'Done',
    integrations: 'Integrations',
    noConnectors: 'No connector has run for this workspace yet.',
    beforeLetter: 'Enter a day on or after the day the letter was written',
    addEndpoint: 'Add the endpoint',
    allEvents: 'All events',
    required: 'Enter this information',
    atLeastOne: 'Select at least one of the options',
  },
  it: {
    adrLetter: 'Lettera ADR',
    toPost: 'da spedire',
    postedOn: /spedita il \d{1,2} \w+ 2027/,
    emailUpdatesStart: 'Voglio ricevere gli aggiornamenti anche per email',
    emailUpdatesStarted: 'D’ora in poi ogni aggiornamento Le sarà inviato anche per email.',
    lettersTitle: 'Lettere e telefonate',
    markPosted: 'Registri come spedita',
    done: 'Fatte',
    integrations: 'Integrazioni',
    noConnectors: 'Per questo spazio di lavoro non è ancora stato eseguito alcun connettore.',
    beforeLetter: 'Indichi un giorno uguale o successivo a quello in cui la lettera è stata scritta',
    addEndpoint: 'Aggiunga l’endpoint',
    allEvents: 'Tutti gli eventi',
    required: 'Inserisca questa informazione',
    atLeastOne: 'Selezioni almeno una delle opzioni',
  },
} as const;

async function shot(page: Page, name: string) {
  if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

/** Signs this browser in as a seeded member of staff (demo only, one click on the sign-in page). */
async function asStaff(page: Page) {
  const status = await page.evaluate(async (email) => {
    const headers = { 'X-Redress-Provider': 'nasstar', 'Content-Type': 'application/json' };
    return (await fetch('/api/demo/session', { method: 'POST', headers, body: JSON.stringify({ email }) })).status;
  }, MANAGER);
  expect(status).toBe(201);
}

/** The guest comes back to their case as Track does: reference and email, then the code from the demo mailbox. */
async function asGuest(page: Page, reference: string, email: string) {
  const status = await page.evaluate(
    async ({ reference, email }) => {
      const headers = { 'X-Redress-Provider': 'nasstar', 'Content-Type': 'application/json' };
      await fetch('/api/session/code', { method: 'POST', headers, body: JSON.stringify({ purpose: 'guest', email, reference }) });
      const { mails } = (await (await fetch('/api/demo/mailbox', { headers })).json()) as { mails: { to: string; text: string }[] };
      const code = /\b(\d{6})\b/.exec(mails.find((m) => m.to === email)?.text ?? '')?.[1];
      return (await fetch('/api/session', { method: 'POST', headers, body: JSON.stringify({ email, code }) })).status;
    },
    { reference, email },
  );
  expect(status).toBe(201);
}

for (const lng of ['en', 'it'] as const) {
  test(`${lng}: a letter-preferring guest's ADR letter is queued to post, the manager records it posted, and the case says so`, async ({ page }) => {
    const w = words[lng];
    await page.goto(url('/complaints/new', { lng, provider: 'nasstar', now: NOW }));
    const email = `letters.${lng}.${Date.now()}@example.com`;
    await aboutYou(page, lng, {
      name: lng === 'en' ? 'Pat Post' : 'Niccolò Bellà',
      email,
      phone: '01632 960 002',
      address: { line1: lng === 'en' ? '1 High Street' : 'Via Roma 1', town: lng === 'en' ? 'Leeds' : 'Città di Castello', postcode: lng === 'en' ? 'LS1 1AA' : '06012' },
    });
    await complaintDetails(page, lng, `Letters ${lng}`);
    await evidence(page, lng, '01632 960 002', lng === 'en' ? '2:30pm' : '14.30');
    await page.getByRole('button', { name: text[lng].send }).click();
    const reference = (await page.getByTestId('case-reference').textContent())!.trim();

    // Seven weeks on, with no deadlock letter: reading the case issues the ADR letter, by letter.
    await page.goto(url(`/cases/${reference}`, { lng, now: LATER }));
    const log = page.locator('.case-messages');
    const adr = log.locator('li[data-channel="letter"][data-kind="adrLetter"]');
    await expect(adr).toBeVisible();
    await expect(adr).toContainText(w.toPost);
    await page.getByRole('button', { name: w.emailUpdatesStart }).click();
    await expect(page.getByRole('status').filter({ hasText: w.emailUpdatesStarted })).toBeVisible();
    await expectAccessible(page, `case with letters ${lng}`);
    await shot(page, `${lng}-case-letters`);

    await asStaff(page);
    await page.goto(url('/staff/letters', { lng, provider: 'nasstar', now: LATER }));
    await expect(page.getByRole('heading', { level: 1, name: w.lettersTitle })).toBeVisible();
    const item = page.locator('li.letter-item[data-channel="letter"][data-kind="adrLetter"]').filter({ hasText: reference });
    await expect(item).toContainText(w.adrLetter);
    await expect(item).toHaveCount(1);
    await expectAccessible(page, `letters to post ${lng}`);
    await shot(page, `${lng}-staff-letters`);
    // The PDF is there to download.
    const [download] = await Promise.all([page.waitForEvent('download'), item.getByRole('button', { name: lng === 'en' ? 'Download the letter (PDF)' : 'Scarichi la lettera (PDF)' }).click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^${reference}-adrLetter-\\d{4}-\\d{2}-\\d{2}\\.pdf$`));
    // A day before the letter was written is refused, and told beside the day; what was typed stays.
    const day = item.locator('input[name="on"]');
    const dayId = (await day.getAttribute('id'))!;
    const today = await day.inputValue();
    await day.fill('2026-11-02');
    await item.getByRole('button', { name: w.markPosted }).click();
    await expect(day).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator(`#${dayId}-error`)).toContainText(w.beforeLetter);
    await expect(day).toHaveValue('2026-11-02');
    await expectAccessible(page, `letters, a day refused ${lng}`);
    await shot(page, `${lng}-staff-letters-refused`);
    await day.fill(today);
    await item.getByRole('button', { name: w.markPosted }).click();
    await expect(item).toHaveCount(0);
    await page.getByRole('link', { name: w.done }).click();
    const posted = page.locator('li.letter-item[data-kind="adrLetter"][data-status="posted"]').filter({ hasText: reference });
    await expect(posted).toContainText(w.postedOn);
    await expectAccessible(page, `letters done ${lng}`);

    // The staff view of the case shows it posted too.
    await page.goto(url(`/staff/cases/${reference}`, { lng, now: LATER }));
    await expect(page.locator('#letters-heading')).toBeVisible();
    await expect(page.locator('.case-messages li[data-kind="adrLetter"][data-status="posted"]')).toContainText(w.postedOn);

    await page.goto(url('/staff/integrations', { lng, now: LATER }));
    await expect(page.getByRole('heading', { level: 1, name: w.integrations })).toBeVisible();
    await expect(page.getByText(w.noConnectors)).toBeVisible();
    await expectAccessible(page, `integrations ${lng}`);
    await shot(page, `${lng}-staff-integrations`);
    // An endpoint with no address, then with no event chosen: each problem beside its field, nothing added.
    await page.getByRole('button', { name: w.addEndpoint }).click();
    await expect(page.locator('#webhook-url')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#webhook-url-error')).toContainText(w.required);
    await expect(page.locator('#webhook-summary')).toBeFocused();
    await page.locator('#webhook-url').fill('https://hooks.example.com/redress');
    await page.getByRole('checkbox', { name: w.allEvents }).uncheck();
    await page.getByRole('button', { name: w.addEndpoint }).click();
    await expect(page.locator('#webhook-url')).not.toHaveAttribute('aria-invalid');
    await expect(page.locator('#webhook-events-error')).toContainText(w.atLeastOne);
    await expect(page.locator('#webhook-url')).toHaveValue('https://hooks.example.com/redress');
    await expect(page.locator('tr[data-webhook]')).toHaveCount(0);
    await expectAccessible(page, `integrations, endpoint refused ${lng}`);
    await shot(page, `${lng}-staff-integrations-errors`);

    // The customer's case: "posted on …".
    await asGuest(page, reference, email);
    await page.goto(url(`/cases/${reference}`, { lng, now: LATER }));
    await expect(page.locator('.case-messages li[data-channel="letter"][data-kind="adrLetter"][data-status="posted"]')).toContainText(w.postedOn);
    await expectAccessible(page, `case posted ${lng}`);
  });
}
