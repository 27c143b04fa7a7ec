import { readFileSync } from 'node:fs';
import { test, expect, url, expectAccessible, signOut } from './fixtures';
import { act, inviteAgent, logPhoneComplaint, signInWithCode, tabTo, takeFirstCase, words } from './staff-flow';

/**
 * The provider's staff workspace in the demo build (issue 23's Done-when, decision 0130): a manager invites an
 * agent, who signs in with the emailed code, takes the case due first from the queue, acknowledges it, asks for
 * information and proposes a resolution from a template; the customer sees each step and accepts. A phone
 * complaint first made 7 weeks ago owes its ADR letter at once. axe on every staff page, both languages.
 *
 * The demo's back office lives in the browser (one per browser context), so here the customer signs in after
 * the agent in the same browser; the server's test (server/staff.spec.ts) gives the customer a browser of their own.
 */

const NOW = '2026-12-01T10:00:00Z';
const SEVEN_WEEKS_AGO = '2026-10-13';

for (const lng of ['en', 'it'] as const) {
  test(`${lng}: a manager invites an agent, who works the case due first; the customer sees each step and accepts`, async ({ page }) => {
    test.slow();
    const w = words[lng];
    const agent = { name: lng === 'en' ? 'Nia Shaw' : 'Nia Rossi', email: `nia.${lng}@staff.nasstar.example` };
    await page.goto(url('/sign-in', { lng, provider: 'nasstar', now: NOW }));
    await expect(page.getByTestId('mock-now')).toHaveAttribute('datetime', /\d{4}-/);
    await expectAccessible(page, `sign-in with demo staff ${lng}`);
    await page.getByRole('button', { name: w.signInAs('Alex Morgan') }).click();
    await expect(page.getByRole('heading', { level: 1, name: w.queue })).toBeVisible();
    await inviteAgent(page, lng, agent);
    await signOut(page, lng);

    await signInWithCode(page, lng, agent.email, url('/sign-in', { lng }), url('/dev/mailbox', { lng }));
    await expect(page.getByText(lng === 'en' ? `Signed in as ${agent.name} (Agent)` : `Accesso come ${agent.name} (Operatore)`)).toBeVisible();
    const reference = await takeFirstCase(page, lng);
    const acknowledgement = page.locator('.clock-card[data-clock="acknowledge"]');
    await expect(acknowledgement).toHaveAttribute('data-state', 'overdue');
    await act(page, lng, 'acknowledge');
    await expect(acknowledgement).toHaveAttribute('data-state', /^met/);
    await expect(acknowledgement).toContainText(w.acknowledgedMet);
    await act(page, lng, 'requestInfo', 'Please send the invoice of October.');
    await act(page, lng, 'propose', 'A refund of £40 for the duplicate charge.');
    await expectAccessible(page, `case after the actions ${lng}`);
    await signOut(page, lng);

    // The customer (the seeded large organisation's contact) sees every step and accepts.
    await page.goto(url('/sign-in', { lng }));
    await page.getByRole('button', { name: w.signInAs('Daniel Okafor') }).click();
    // Signed in (the demo's back office has stored the session) before the page is reloaded on the case.
    await expect(page.getByRole('heading', { level: 1, name: w.myCases })).toBeVisible();
    await page.goto(url(`/cases/${reference}`, { lng }));
    await expect(page.locator('.timeline-event[data-type="acknowledged"]')).toHaveCount(1);
    await expect(page.locator('.timeline-event[data-type="update"]')).toContainText('Please send the invoice of October.');
    await expect(page.locator('.timeline-event[data-type="resolutionProposed"]')).toBeVisible();
    await expect(page.getByText('A refund of £40 for the duplicate charge.').first()).toBeVisible();
    await page.getByRole('button', { name: w.accept }).click();
    await expect(page.getByText(w.accepted)).toBeVisible();
  });

  test(`${lng}: a complaint logged with mistakes is told beside each field, nothing is lost; axe`, async ({ page }) => {
    const w = words[lng];
    await page.goto(url('/sign-in', { lng, provider: 'nasstar', now: NOW }));
    await page.getByRole('button', { name: w.signInAs('Jordan Lee') }).click();
    await page.getByRole('link', { name: w.log }).click();
    await page.locator('#log-name').fill('Rosa Bell');
    await page.locator('#log-email').fill('rosa.bell-at-example.com');
    await page.getByRole('button', { name: w.logged }).click();
    await expect(page.locator('#log-email')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#log-email-error')).toContainText(lng === 'en' ? 'correct format' : 'formato corretto');
    await expect(page.locator('#log-summary')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#log-name')).not.toHaveAttribute('aria-invalid');
    await expect(page.locator('#log-email')).toHaveValue('rosa.bell-at-example.com');
    await page.screenshot({ path: test.info().outputPath(`log-errors-${lng}.png`), fullPage: true });
    await expectAccessible(page, `log with errors ${lng}`);
  });

  test(`${lng}: an empty reply or note is told beside its field, nothing is sent; axe`, async ({ page }) => {
    const w = words[lng];
    const required = lng === 'en' ? 'Enter this information' : 'Inserisca questa informazione';
    await page.goto(url('/sign-in', { lng, provider: 'nasstar', now: NOW }));
    await page.getByRole('button', { name: w.signInAs('Jordan Lee') }).click();
    await takeFirstCase(page, lng);
    const actions = page.getByRole('region', { name: lng === 'en' ? 'Actions' : 'Azioni' });
    await actions.getByRole('radio', { name: w.requestInfo }).check();
    const box = actions.getByRole('textbox', { name: w.message });
    await box.fill('   ');
    await actions.getByRole('button', { name: w.requestInfo, exact: true }).click();
    await expect(box).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#reply-text-error')).toContainText(required);
    await expect(page.locator('#actions-summary')).toBeFocused();
    await expect(page.locator('.timeline-event[data-type="update"]')).toHaveCount(0);
    // The note: nothing typed is not sent, and said so beside the field.
    const notes = page.getByRole('region', { name: lng === 'en' ? 'Internal notes' : 'Note interne' });
    await notes.getByRole('button', { name: lng === 'en' ? 'Add note' : 'Aggiunga la nota' }).click();
    await expect(page.locator('#note-text')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#note-text-error')).toContainText(required);
    await page.screenshot({ path: test.info().outputPath(`case-form-errors-${lng}.png`), fullPage: true });
    await expectAccessible(page, `case with form errors ${lng}`);
    // Once there is text, the reply goes and its problem is gone.
    await box.fill('Please send the invoice of October.');
    await actions.getByRole('button', { name: w.requestInfo, exact: true }).click();
    await expect(actions.getByRole('status')).toHaveText(w.done(w.requestInfo));
    await expect(box).not.toHaveAttribute('aria-invalid');
  });

  test(`${lng}: a phone complaint first made 7 weeks ago owes its ADR letter at once`, async ({ page }) => {
    const w = words[lng];
    await page.goto(url('/sign-in', { lng, provider: 'nasstar', now: NOW }));
    await page.getByRole('button', { name: w.signInAs('Jordan Lee') }).click();
    await expect(page.getByRole('heading', { level: 1, name: w.queue })).toBeVisible();
    await logPhoneComplaint(page, lng, SEVEN_WEEKS_AGO, { name: 'Rosa Bell', email: 'rosa.bell@example.com' });
    const reference = (await page.getByRole('heading', { level: 1 }).textContent())!.match(/NAS-\S+/)![0];
    // In the queue under "ADR letter due" at once.
    await page.getByRole('link', { name: w.queue === 'Complaints queue' ? 'Queue' : 'Coda', exact: true }).click();
    await page.getByRole('link', { name: w.adrFilter }).click();
    await expect(page.locator(`.queue-table tr[data-reference="${reference}"]`)).toBeVisible();
    await expectAccessible(page, `queue filtered ${lng}`);
  });
}

test('keyboard only: the queue is filtered and a case opened and acknowledged without a mouse', async ({ page }) => {
  await page.goto(url('/sign-in', { lng: 'en', provider: 'nasstar', now: NOW }));
  await page.getByRole('button', { name: 'Sign in as Jordan Lee' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Complaints queue' })).toBeVisible();
  await page.locator('body').focus();
  const overdue = page.getByRole('link', { name: /^Overdue \(\d+\)$/ });
  await tabTo(page, overdue);
  await page.keyboard.press('Enter');
  await expect(overdue).toHaveAttribute('aria-current', 'true');
  const first = page.locator('.queue-table tbody tr').first();
  const reference = (await first.getAttribute('data-reference'))!;
  await tabTo(page, first.getByRole('link', { name: reference }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toContainText(reference);
  // Take it, then acknowledge it, by keyboard.
  const assign = page.getByRole('button', { name: 'Assign to me' });
  await tabTo(page, assign);
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-assignee]')).toHaveText('Jordan Lee');
  const acknowledge = page.getByRole('button', { name: 'Acknowledge', exact: true });
  await tabTo(page, acknowledge);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Done: Acknowledge.' })).toBeVisible();
  await expect(page.locator('.clock-card[data-clock="acknowledge"]')).toHaveAttribute('data-state', /^met/);
  // A template chosen with the arrow keys fills the message.
  const radio = page.getByRole('radio', { name: 'Acknowledge' });
  await tabTo(page, radio);
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('radio', { name: 'Send an update' })).toBeChecked();
  await expect(page.getByRole('textbox', { name: 'Message to the customer' })).toHaveValue(/An update on your complaint/);
});

for (const lng of ['en', 'it'] as const) {
  test(`${lng}: the register and compliance report, with its CSV; axe`, async ({ page }) => {
    const w = words[lng];
    await page.goto(url('/sign-in', { lng, provider: 'nasstar', now: NOW }));
    await page.getByRole('button', { name: w.signInAs('Alex Morgan') }).click();
    await expect(page.getByRole('heading', { level: 1, name: w.queue })).toBeVisible();
    await page.goto(url('/staff/proof?from=2026-01-01&to=2026-12-01', { lng }));
    await expect(page.getByRole('heading', { level: 1, name: lng === 'en' ? 'Register and compliance' : 'Registro e conformità' })).toBeVisible();
    await expect(page.getByTestId('compliance-clocks').locator('tbody tr').first()).toBeVisible();
    await expect(page.locator('.register-table tbody tr').first()).toBeVisible();
    await expect(page.getByRole('img', { name: lng === 'en' ? 'Share of each clock met on time' : 'Quota di ciascun termine rispettata' })).toBeVisible();
    await expectAccessible(page, `register and compliance ${lng}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: lng === 'en' ? 'Download the register (CSV)' : 'Scarichi il registro (CSV)' }).click()]);
    expect(download.suggestedFilename()).toBe('register-2026-01-01-2026-12-01.csv');
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [header, ...lines] = csv.slice(1).trimEnd().split('\r\n');
    expect(header).toBe(
      lng === 'en'
        ? 'Reference,Received,Channel,Category,Customer type,Support needs recorded,Stages,Clocks,Letters,Referral,Outcome'
        : 'Numero di pratica,Ricevuto,Canale,Categoria,Tipo di cliente,Esigenze di supporto indicate,Fasi,Termini,Lettere,Organismo ADR,Esito',
    );
    expect(lines.length).toBe(await page.locator('.register-table tbody tr').count());

    // A period whose last day is before its first: told beside "to", the page's address and the report unchanged.
    const beforeFrom = lng === 'en' ? 'Enter a day on or after the first day of the period' : 'Indichi un giorno uguale o successivo al primo giorno del periodo';
    await page.locator('#period-to').fill('2025-12-31');
    await page.getByRole('button', { name: lng === 'en' ? 'Show' : 'Mostri', exact: true }).click();
    await expect(page.locator('#period-to')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#period-to-error')).toContainText(beforeFrom);
    await expect(page.locator('#period-summary')).toBeFocused();
    await expect(page).toHaveURL(/to=2026-12-01/);
    await page.screenshot({ path: test.info().outputPath(`period-refused-${lng}.png`) });
    await expectAccessible(page, `register, period refused ${lng}`);
    // The same period from the address: the back office refuses it, and the page says so beside the field.
    await page.goto(url('/staff/proof?from=2026-06-01&to=2026-01-01', { lng }));
    await expect(page.locator('#period-to-error')).toContainText(beforeFrom);
    await expect(page.locator('.proof .notice-error')).toHaveCount(0);
  });
}

for (const lng of ['en', 'it'] as const) {
  test(`${lng}: staff find a customer and their cases; a manager creates a business customer whose administrator is invited; axe`, async ({ page }) => {
    const w = words[lng];
    const t = lng === 'en'
      ? { customers: 'Customers', find: 'Find a customer', search: 'Search', org: 'Organisation', adminName: "Administrator's name", adminEmail: "Administrator's email", create: 'Create and invite', pending: 'Business customers waiting for their administrator', cases: /\d+ cases?/ }
      : { customers: 'Clienti', find: 'Trova un cliente', search: 'Ricerca', org: 'Organizzazione', adminName: 'Nome dell’amministratore', adminEmail: 'Email dell’amministratore', create: 'Crea e invita', pending: 'Clienti business in attesa del loro amministratore', cases: /\d+ pratiche?/ };
    await page.goto(url('/sign-in', { lng, provider: 'nasstar', now: NOW }));
    await page.getByRole('button', { name: w.signInAs('Alex Morgan') }).click();
    await expect(page.getByRole('heading', { level: 1, name: w.queue })).toBeVisible();
    await page.getByRole('link', { name: t.customers, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: t.customers })).toBeVisible();
    await page.getByRole('searchbox', { name: t.find }).fill('harbour lane');
    await page.getByRole('button', { name: t.search, exact: true }).click();
    await expect(page).toHaveURL(/q=harbour/);
    await expect(page.getByRole('link', { name: 'Priya Shah' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Tom Reed' })).toBeVisible();
    await expectAccessible(page, `customers ${lng}`);
    await page.getByRole('link', { name: 'Priya Shah' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Priya Shah' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: t.cases })).toBeVisible();
    const first = page.locator('table tbody tr th a').first();
    await expect(first).toHaveText(/NAS-/);
    await expectAccessible(page, `customer ${lng}`);

    await page.getByRole('link', { name: t.customers, exact: true }).click();
    await page.getByRole('textbox', { name: t.org }).fill(`Acme ${lng}`);
    await page.getByRole('textbox', { name: t.adminName }).fill('Ada Admin');
    await page.getByRole('textbox', { name: t.adminEmail }).fill(`ada.${lng}@acme.example`);
    await page.getByRole('button', { name: t.create }).click();
    await expect(page.getByRole('status')).toContainText(`Acme ${lng}`);
    await expect(page.getByRole('heading', { level: 2, name: t.pending })).toBeVisible();
    await expect(page.getByRole('row', { name: new RegExp(`Acme ${lng}`) })).toBeVisible();
    await expectAccessible(page, `customers with a pending business ${lng}`);
  });
}
