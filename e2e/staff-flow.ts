import { expect, type Locator, type Page } from '@playwright/test';
import { expectAccessible, type Lng } from './fixtures';

/**
 * The staff workspace's Done-when flow, driven as a person would, in either language: shared by the demo build's
 * test (staff.spec.ts) and the production build's on the server (server/staff.spec.ts). Every staff page passes axe.
 */

export const words = {
  en: {
    signInAs: (name: string) => `Sign in as ${name}`,
    myCases: 'My cases',
    sendCode: 'Send me a code',
    code: 'Code from the email',
    continue: 'Continue',
    mailbox: 'Demo mailbox',
    team: 'Team',
    queue: 'Complaints queue',
    log: 'Log a complaint',
    invited: (name: string) => `${name} has been invited: they sign in with this address.`,
    acknowledge: 'Acknowledge',
    requestInfo: 'Ask for information',
    propose: 'Propose a resolution',
    adrLetter: 'Issue the ADR letter',
    done: (action: string) => `Done: ${action}.`,
    message: 'Message to the customer',
    acknowledgedMet: /Acknowledgement met/,
    adrOwed: 'The ADR letter is owed now and has not been sent.',
    meetsAdr: 'Meets: the ADR letter, owed now',
    accept: 'Accept this resolution',
    accepted: 'You accepted the resolution. Your case is resolved.',
    adrFilter: /^ADR letter due \(\d+\)$/,
    logged: 'Log the complaint',
  },
  it: {
    signInAs: (name: string) => `Acceda come ${name}`,
    myCases: 'I miei reclami',
    sendCode: 'Mi invii un codice',
    code: 'Codice ricevuto via email',
    continue: 'Continui',
    mailbox: 'Casella di posta della demo',
    team: 'Team',
    queue: 'Coda dei reclami',
    log: 'Registrazione di un reclamo',
    invited: (name: string) => `${name} è stato invitato: accede con questo indirizzo.`,
    acknowledge: 'Confermi la ricezione',
    requestInfo: 'Chieda informazioni',
    propose: 'Proponga una soluzione',
    adrLetter: 'Emetta la lettera ADR',
    done: (action: string) => `Fatto: ${action}.`,
    message: 'Messaggio al cliente',
    acknowledgedMet: /Conferma di ricezione: rispettat/,
    adrOwed: 'La lettera ADR è dovuta ora e non è stata inviata.',
    meetsAdr: 'Rispetta: la lettera ADR, dovuta ora',
    accept: 'Accetti la soluzione',
    accepted: 'Ha accettato la soluzione. Il Suo reclamo è risolto.',
    adrFilter: /^Lettera ADR dovuta \(\d+\)$/,
    logged: 'Registri il reclamo',
  },
} as const;

/** The code mailed to `email`, read on the mailbox page (the demo's or the server's) in a tab of its own. */
export async function codeFromMailbox(page: Page, mailboxUrl: string, email: string, lng: Lng): Promise<string> {
  const mailbox = await page.context().newPage();
  try {
    await mailbox.goto(mailboxUrl);
    await expect(mailbox.getByRole('heading', { level: 1 })).toHaveText(words[lng].mailbox);
    // The newest mail to that address whose subject carries a code (messages about their cases may be newer).
    const mail = mailbox.getByRole('article').filter({ hasText: email }).filter({ has: mailbox.getByRole('heading', { name: /\b\d{6}\b/ }) }).first();
    await expect(mail).toBeVisible();
    const code = /\b(\d{6})\b/.exec((await mail.textContent()) ?? '')?.[1] ?? '';
    expect(code, `a code in the mail to ${email}`).toMatch(/^\d{6}$/);
    return code;
  } finally {
    await mailbox.close();
  }
}

/** Signs in on the sign-in page with the emailed code; staff land on the queue. */
export async function signInWithCode(page: Page, lng: Lng, email: string, signInUrl: string, mailboxUrl: string) {
  const w = words[lng];
  await page.goto(signInUrl);
  await page.locator('input[type="email"]').first().fill(email);
  await page.getByRole('button', { name: w.sendCode }).first().click();
  const field = page.getByLabel(w.code);
  await expect(field).toBeVisible();
  await field.fill(await codeFromMailbox(page, mailboxUrl, email, lng));
  await page.getByRole('button', { name: w.continue }).click();
}

/** A manager invites an agent on the Team page. */
export async function inviteAgent(page: Page, lng: Lng, agent: { name: string; email: string }) {
  const w = words[lng];
  await page.getByRole('navigation', { name: lng === 'en' ? 'Staff workspace' : 'Area del personale' }).getByRole('link', { name: w.team }).click();
  await expect(page.getByRole('heading', { level: 1, name: w.team })).toBeVisible();
  await expectAccessible(page, `team ${lng}`);
  await page.locator('#staff-name').fill(agent.name);
  await page.locator('#staff-email').fill(agent.email);
  await page.locator('#staff-lng').selectOption(lng);
  await page.getByRole('button', { name: lng === 'en' ? 'Invite' : 'Inviti' }).click();
  await expect(page.getByRole('status').filter({ hasText: w.invited(agent.name) })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: agent.email })).toBeVisible();
  await expectAccessible(page, `team after invitation ${lng}`);
}

/** The queue's first row (the case due first); opens it and returns its reference. */
export async function takeFirstCase(page: Page, lng: Lng): Promise<string> {
  await expect(page.getByRole('heading', { level: 1, name: words[lng].queue })).toBeVisible();
  const first = page.locator('.queue-table tbody tr').first();
  await expect(first).toBeVisible();
  await expectAccessible(page, `queue ${lng}`);
  const reference = (await first.getAttribute('data-reference'))!;
  await first.getByRole('link', { name: reference }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(reference);
  await expectAccessible(page, `case ${lng}`);
  return reference;
}

/** Presses one of the case's action buttons and waits for the page to say it is done. */
export async function act(page: Page, lng: Lng, action: 'acknowledge' | 'requestInfo' | 'propose', text?: string) {
  const w = words[lng];
  const actions = page.getByRole('region', { name: lng === 'en' ? 'Actions' : 'Azioni' });
  if (action !== 'acknowledge') {
    // Start from the action's template, then edit it.
    await actions.getByRole('radio', { name: w[action] }).check();
    const box = actions.getByRole('textbox', { name: w.message });
    await expect(box).toHaveValue(/\S/);
    if (text) await box.fill(`${await box.inputValue()}\n\n${text}`);
  }
  await actions.getByRole('button', { name: w[action], exact: true }).click();
  await expect(actions.getByRole('status')).toHaveText(w.done(w[action]));
}

/** Presses Tab until `target` has the focus (at most `limit` times): it is reachable by keyboard alone. */
export async function tabTo(page: Page, target: Locator, limit = 80) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`not reached by Tab in ${limit} presses: ${target.toString()}`);
}

/** Logs a phone complaint first made `daysAgo` days before `today` (YYYY-MM-DD); lands on the new case. */
export async function logPhoneComplaint(page: Page, lng: Lng, firstMadeOn: string, who: { name: string; email: string }) {
  const w = words[lng];
  await page.getByRole('link', { name: w.log }).click();
  await expect(page.getByRole('heading', { level: 1, name: w.log })).toBeVisible();
  await expectAccessible(page, `log ${lng}`);
  await page.locator('#log-first').fill(firstMadeOn);
  await page.locator('#log-channel').selectOption('phone');
  await page.locator('#log-name').fill(who.name);
  await page.locator('#log-email').fill(who.email);
  await page.locator('#log-phone').fill('07911 123456');
  await page.locator('#log-lng').selectOption(lng);
  await page.locator('#log-summary').fill('Broadband down for a week');
  await page.locator('#log-what').fill('The line dropped every evening; the customer phoned three times.');
  await page.locator('#log-started').fill(firstMadeOn);
  await page.locator('#log-outcome').fill('A refund for the days without service.');
  await page.getByRole('button', { name: w.logged }).click();
  await expect(page.getByText(w.adrOwed)).toBeVisible();
  await expect(page.getByRole('button', { name: w.adrLetter })).toBeEnabled();
  // The button says which obligation it meets: the ADR letter the regulator's wait makes owed (not "no clock").
  await expect(page.locator('#meets-adrLetter')).toHaveText(w.meetsAdr);
  await expectAccessible(page, `logged case ${lng}`);
}
