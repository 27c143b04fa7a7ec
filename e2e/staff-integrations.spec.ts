import { test, expect, url, expectAccessible } from './fixtures';
import { words } from './staff-flow';

/**
 * A manager removes a webhook endpoint on the integrations page (decision 0142), in the demo build, both languages:
 * the removal is asked first with what it means; No keeps the endpoint and gives the focus back to its Remove button;
 * Yes removes it, and the focus, gone with its row, is on the Webhooks heading (decision 0137). axe at each step.
 */

const NOW = '2026-12-01T10:00:00Z';

const t = {
  en: {
    integrations: 'Integrations',
    webhooks: 'Webhooks',
    url: 'Endpoint address',
    add: 'Add the endpoint',
    secret: 'Copy the endpoint’s signing secret now: it is shown only this once.',
    remove: (address: string) => `Remove ${address}`,
    question: 'Remove this endpoint? Deliveries to it stop.',
    no: 'Cancel',
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
    no: 'Annulli',
    yes: 'Sì, rimuova',
    none: 'Ancora nessun endpoint webhook.',
  },
} as const;

for (const lng of ['en', 'it'] as const) {
  test(`${lng}: a manager removes a webhook endpoint after confirming; No keeps it; the focus lands on the Webhooks heading; axe`, async ({ page }) => {
    const w = t[lng];
    const kept = `https://crm.example.com/redress-kept-${lng}`;
    const removed = `https://crm.example.com/redress-${lng}`;
    await page.goto(url('/sign-in', { lng, provider: 'nasstar', now: NOW }));
    await page.getByRole('button', { name: words[lng].signInAs('Alex Morgan') }).click();
    await expect(page.getByRole('heading', { level: 1, name: words[lng].queue })).toBeVisible();
    await page.getByRole('link', { name: w.integrations, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: w.integrations })).toBeVisible();
    const heading = page.getByRole('heading', { level: 2, name: w.webhooks, exact: true });
    await expect(heading).toBeVisible();

    // Two endpoints, so that the one removed is not the only row (the table stays; the rule is the same).
    for (const address of [kept, removed]) {
      await page.getByRole('textbox', { name: w.url }).fill(address);
      await page.getByRole('button', { name: w.add }).click();
      await expect(page.getByRole('row', { name: new RegExp(address) })).toBeVisible();
    }
    await expect(page.getByRole('status').filter({ hasText: w.secret })).toBeVisible();
    const row = page.getByRole('row', { name: new RegExp(`${removed}\\b`) });
    await expect(row).toHaveCount(1);

    // Asked first, with what it means; No keeps it and gives the focus back to the button that asked.
    const ask = page.getByRole('button', { name: w.remove(removed), exact: true });
    await ask.click();
    const question = page.getByRole('group', { name: w.remove(removed), exact: true });
    await expect(question).toContainText(w.question);
    await expect(question.getByRole('button', { name: w.no })).toBeFocused();
    await expectAccessible(page, `webhook removal asked ${lng}`);
    await question.getByRole('button', { name: w.no }).click();
    await expect(question).toHaveCount(0);
    await expect(ask).toBeFocused();
    await expect(row).toHaveCount(1);

    // Yes, by keyboard: the endpoint goes, the other stays, and the focus is on the Webhooks heading, not the page's body.
    await ask.click();
    await question.getByRole('button', { name: w.yes }).focus();
    await page.keyboard.press('Enter');
    await expect(row).toHaveCount(0);
    await expect(page.getByRole('row', { name: new RegExp(kept) })).toBeVisible();
    await expect(heading).toBeFocused();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('webhooks-heading');
    await expectAccessible(page, `webhook removed ${lng}`);

    // The last one too: the table gives way to the "none yet" line, under the same heading, which has the focus.
    await page.getByRole('button', { name: w.remove(kept), exact: true }).click();
    await page.getByRole('button', { name: w.yes }).click();
    await expect(page.getByText(w.none)).toBeVisible();
    await expect(heading).toBeFocused();
    await expectAccessible(page, `no webhooks ${lng}`);
  });
}
