import { expect, type Page } from '@playwright/test';
import { expectAccessible, type Lng } from './fixtures';
import { confirmAway } from './removal-flows';

/**
 * A manager removes a webhook endpoint on the integrations page (decision 0142), driven as a person would, in either
 * language: shared by the demo build's test (staff-integrations.spec.ts) and the production build's on the server
 * (server/staff-integrations.spec.ts). The removal is asked first with what it means; No keeps the endpoint and gives
 * the focus back to its Remove button; Yes removes it, and the focus, gone with its row, is on the Webhooks heading
 * (decision 0137). The page is reloaded after each change: what it shows is what the back office kept (the demo's in
 * IndexedDB, the server's in its database), not what the page remembers. axe at each step.
 */

const t = {
  en: {
    integrations: 'Integrations',
    webhooks: 'Webhooks',
    url: 'Endpoint address',
    add: 'Add the endpoint',
    secret: 'Copy the endpoint’s signing secret now: it is shown only this once.',
    remove: (address: string) => `Remove ${address}`,
    question: 'Remove this endpoint? Deliveries to it stop.',
    yes: 'Yes, remove',
    none: 'No webhook endpoints yet.',
  },
  it: {
    integrations: 'Integrazioni',
    webhooks: 'Webhook',
    url: 'Indirizzo dell’endpoint',
    add: 'Aggiunga l’endpoint',
    secret: 'Copi ora la chiave di firma dell’endpoint: viene mostrata solo questa volta.',
    remove: (address: string) => `Rimuova ${address}`,
    question: 'Rimuovere questo endpoint? Le consegne verso di esso si interrompono.',
    yes: 'Sì, rimuova',
    none: 'Ancora nessun endpoint webhook.',
  },
} as const;

/**
 * From any staff page of a signed-in manager: adds two endpoints, then removes them one by one after confirming.
 * `endpoint` gives the address of each: one the back office accepts (the server resolves the name and refuses an
 * address it cannot, so its test gives a loopback address it is allowed to take in tests).
 */
export async function removeWebhooks(page: Page, lng: Lng, endpoint: (path: string) => string) {
  const w = t[lng];
  const kept = endpoint(`redress-kept-${lng}`);
  const removed = endpoint(`redress-${lng}`);
  await page.getByRole('link', { name: w.integrations, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: w.integrations })).toBeVisible();
  const heading = page.getByRole('heading', { level: 2, name: w.webhooks, exact: true });
  await expect(heading).toBeVisible();
  // The endpoints' rows (a failed delivery's row in the section after names its endpoint too).
  const webhooks = page.getByRole('region', { name: w.webhooks, exact: true });
  const rowOf = (address: string) => webhooks.getByRole('row', { name: new RegExp(`${address.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`) });

  // Two endpoints, so that the one removed is not the only row (the table stays; the rule is the same).
  for (const address of [kept, removed]) {
    await page.getByRole('textbox', { name: w.url }).fill(address);
    await page.getByRole('button', { name: w.add }).click();
    await expect(rowOf(address)).toBeVisible();
  }
  await expect(page.getByRole('status').filter({ hasText: w.secret })).toBeVisible();
  // Kept by the back office: both are there after a reload.
  await page.reload();
  await expect(heading).toBeVisible();
  await expect(rowOf(kept)).toHaveCount(1);
  const row = rowOf(removed);
  await expect(row).toHaveCount(1);

  // Asked first, with what it means; No keeps it and gives the focus back to the button that asked. Then Yes, by
  // keyboard: the endpoint goes, the other stays, and the focus is on the Webhooks heading, not the page's body.
  await confirmAway(page, lng, {
    ask: page.getByRole('button', { name: w.remove(removed), exact: true }),
    label: w.remove(removed),
    question: w.question,
    yes: w.yes,
    row,
    focused: heading,
    context: `webhook removal ${lng}`,
  });
  await expect(rowOf(kept)).toBeVisible();
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('webhooks-heading');
  await expectAccessible(page, `webhook removed ${lng}`);
  // Gone from the back office, not only from the page; the other is still there.
  await page.reload();
  await expect(rowOf(kept)).toBeVisible();
  await expect(row).toHaveCount(0);

  // The last one too: the table gives way to the "none yet" line, under the same heading, which has the focus.
  await page.getByRole('button', { name: w.remove(kept), exact: true }).click();
  await page.getByRole('button', { name: w.yes }).click();
  await expect(page.getByText(w.none)).toBeVisible();
  await expect(heading).toBeFocused();
  await expectAccessible(page, `no webhooks ${lng}`);
  await page.reload();
  await expect(page.getByText(w.none)).toBeVisible();
  await expect(rowOf(kept)).toHaveCount(0);
}
