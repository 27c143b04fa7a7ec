import type { Page } from '@playwright/test';
import { aboutYou, complaintDetails } from '../complaint-form';
import { expect, expectAccessible, signOut, test } from '../fixtures';
import { codeFromMailbox, onAFreshServer, PROVIDER, signInWithCode } from './server-test';

/**
 * Sign-in, organisations and guests (issue 12) on the PRODUCTION build served by the server: codes are read
 * on the demo server's mailbox page (/dev/mailbox, rendered from the outbox); the session is the server's
 * HttpOnly cookie. After sign-out, no personal datum is left in any storage the browser offers a page.
 */

onAFreshServer();

const PRIYA = 'priya@harbourlane.example';
const TOM = 'tom@harbourlane.example';

test('a customer signs in with the code from the mailbox page; the page and the mailbox pass axe', async ({ page }) => {
  await page.goto('/sign-in?lng=en');
  await expectAccessible(page, 'sign-in');
  const mailbox = await page.context().newPage();
  await mailbox.goto('/dev/mailbox?lng=it');
  await expect(mailbox.getByRole('heading', { level: 1, name: 'Casella di posta della demo' })).toBeVisible();
  await expectAccessible(mailbox, 'mailbox it');
  await mailbox.close();
  await signInWithCode(page, 'sam.taylor@example.com');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
});

test('a member sees the business’s cases; the administrator removes him and he sees nothing more', async ({ page, browser }) => {
  // Tom, a member, in a browser of his own.
  const tomsBrowser = await browser.newContext({ baseURL: test.info().project.use.baseURL, locale: 'en-GB' });
  const tom = await tomsBrowser.newPage();
  try {
    await signInWithCode(tom, TOM);
    await expect(tom.getByText('Raised by Priya Shah').first()).toBeVisible();
    const priyasCase = await tom.evaluate(async (headers) => {
      const list = (await (await fetch('/api/cases?limit=500', { headers })).json()) as { cases: { reference: string; raisedBy: { name: string } | null }[] };
      return list.cases.find((c) => c.raisedBy?.name === 'Priya Shah')!.reference;
    }, PROVIDER);

    // Priya, the administrator, removes him.
    await signInWithCode(page, PRIYA);
    await page.getByRole('link', { name: 'Your organisation' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Your organisation' })).toBeVisible();
    await expectAccessible(page, 'organisation');
    await page.getByRole('button', { name: 'Remove Tom Reed' }).click();
    await page.getByRole('button', { name: 'Yes, remove' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Tom Reed has been removed.' })).toBeVisible();
    // His row has gone with the button that asked: the focus is on the list's heading (decision 0137).
    await expect(page.getByRole('heading', { level: 2, name: 'Members' })).toBeFocused();

    // At once: Tom's session is gone; his old address for Priya's case shows him nothing of it.
    await tom.goto(`/cases/${priyasCase}?lng=en`);
    await expect(tom.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(tom.getByText('Priya Shah')).toHaveCount(0);
    const status = await tom.evaluate(async ([reference, headers]) => (await fetch(`/api/cases/${reference}`, { headers })).status, [priyasCase, PROVIDER] as const);
    expect(status).toBe(401);
    // Signing in again, he is a customer of his own, with none of the business's cases.
    await signInWithCode(tom, TOM);
    await expect(tom.getByText('Raised by Priya Shah')).toHaveCount(0);
  } finally {
    await tomsBrowser.close();
  }
});

test('an administrator invites a new address; it signs in with a code, accepts the invitation and sees the business’s cases (issue 20.1)', async ({ page }) => {
  await signInWithCode(page, PRIYA);
  await page.getByRole('link', { name: 'Your organisation' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Ana Ruiz');
  await page.getByLabel('Email address').fill('ana@harbourlane.example');
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'We have emailed an invitation to Ana Ruiz. They join only if they accept it.' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Invitations waiting for an answer' })).toBeVisible();
  await expectAccessible(page, 'organisation with an invitation');
  const mailbox = await page.context().newPage();
  await mailbox.goto('/dev/mailbox?lng=en');
  await expect(mailbox.getByRole('article').filter({ hasText: 'ana@harbourlane.example' }).first()).toContainText('Priya Shah has invited you to join');
  await mailbox.close();
  await signOut(page);
  // Nothing is joined before she answers: signed in, she sees none of the business's cases.
  await signInWithCode(page, 'ana@harbourlane.example');
  await expect(page.getByText('Raised by Priya Shah')).toHaveCount(0);
  const offer = page.getByRole('region', { name: 'Invitation to join Harbour Lane Bakery Ltd' });
  await expectAccessible(page, 'invitation offer');
  await offer.getByRole('button', { name: 'Accept and join Harbour Lane Bakery Ltd' }).click();
  await expect(page.getByText('Raised by Priya Shah').first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'Your organisation' })).toBeVisible();
});

/** A complaint made as a guest on another day: its answer's session is not kept (an API request context). */
async function guestComplaint(page: Page, email: string): Promise<string> {
  const answer = await page.request.post('/api/cases', {
    headers: { ...PROVIDER, 'Idempotency-Key': `e2e_server_guest_${Date.now()}` },
    data: {
      kind: 'complaint',
      aboutYou: { customerKind: 'residential', name: 'Giulia Bianchi', email, phone: '07911 654321', replyBy: 'email' },
      complaint: { category: 'billing', summary: 'Addebito dopo la disdetta', whatHappened: 'Ho disdetto a ottobre e mi è stato addebitato.', startedOn: '2026-10-01', outcomeWanted: 'Un rimborso' },
      evidence: { references: [], staff: [], calls: [], emails: [], attachmentIds: [] },
    },
  });
  expect(answer.status()).toBe(201);
  return ((await answer.json()) as { case: { reference: string } }).case.reference;
}

test('it: a guest comes back with reference, email and the emailed code', async ({ page, context }) => {
  const reference = await guestComplaint(page, 'giulia@example.com');
  await context.clearCookies();
  await page.goto('/track?lng=it');
  // The reference alone is not a key: the case is not shown before the code.
  await page.getByLabel('Numero di pratica').fill(reference.toLowerCase());
  await page.getByLabel('Indirizzo email').fill('giulia@example.com');
  await page.getByRole('button', { name: 'Mi invii un codice' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Controlli la Sua email' })).toBeVisible();
  await expectAccessible(page, 'guest code it');
  await page.getByLabel('Codice ricevuto via email').fill(await codeFromMailbox(page, 'giulia@example.com', 'it'));
  await page.getByRole('button', { name: 'Continui' }).click();
  await expect(page).toHaveURL(new RegExp(`/cases/${reference}`));
  await expect(page.getByRole('heading', { level: 1, name: 'Addebito dopo la disdetta' })).toBeVisible();
});

/** Every value the page can reach in localStorage, sessionStorage, IndexedDB and Cache Storage, as text. */
async function everythingStored(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const found: string[] = [];
    for (const [name, store] of [['local', localStorage], ['session', sessionStorage]] as const) {
      for (let i = 0; i < store.length; i++) found.push(`${name}:${store.key(i)}=${store.getItem(store.key(i)!)}`);
    }
    for (const info of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(info.name!);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(new Error(String(open.error)));
      });
      for (const storeName of Array.from(db.objectStoreNames)) {
        const all = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction(storeName).objectStore(storeName).getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(new Error(String(request.error)));
        });
        found.push(`indexedDB:${info.name}/${storeName}=${JSON.stringify(all)}`);
      }
      db.close();
    }
    for (const cacheName of await caches.keys()) {
      const cache = await caches.open(cacheName);
      for (const request of await cache.keys()) found.push(`cache:${cacheName}:${request.url}=${(await (await cache.match(request))?.text()) ?? ''}`);
    }
    found.push(`cookie:${document.cookie}`);
    return found;
  });
}

test('sign-out leaves no personal data in any browser storage after the whole form was filled and sent', async ({ page, context }) => {
  const personal = {
    name: 'Priya Shah',
    email: PRIYA,
    phone: '07911 123456',
    accountNumber: 'ACC-99887766',
    address: { line1: '12 Quay Street', town: 'Bristol', postcode: 'BS1 4XY' },
    supportNeeds: 'Please call after 4pm, I have a hearing aid',
  };
  const summary = 'Router drops every evening at the harbour office';
  const whatHappened = 'Since the engineer visit the connection drops nightly';
  await signInWithCode(page, PRIYA);
  await page.goto('/complaints/new?lng=en');
  await aboutYou(page, 'en', personal);
  await complaintDetails(page, 'en', summary, { whatHappened });
  await expect(page.locator('h1')).toHaveText('Evidence');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.locator('h1')).toHaveText('Check your answers before sending');
  await page.getByRole('button', { name: 'Send complaint' }).click();
  await expect(page.locator('h1')).toHaveText('Complaint received');
  await page.getByRole('link', { name: 'Go to your case' }).click();
  await expect(page.getByRole('heading', { level: 1, name: summary })).toBeVisible();
  // A comment half-written when signing out.
  await page.getByLabel('Your comment').fill('Half-written: my line is 07911 123456');

  // The search reaches what the portal keeps while signed in (the confirmation keeps the created case).
  expect((await everythingStored(page)).join('\n')).toContain(summary);

  await signOut(page);
  expect((await context.cookies()).map((c) => c.name)).not.toContain('redress_session');

  const stored = (await everythingStored(page)).join('\n');
  const leaks = [personal.name, 'Priya', personal.email, personal.phone, personal.accountNumber, personal.address.line1, personal.address.postcode, personal.supportNeeds, summary, whatHappened, 'Half-written'].filter((value) =>
    stored.toLowerCase().includes(value.toLowerCase()),
  );
  expect(leaks, stored.slice(0, 2000)).toEqual([]);
});
