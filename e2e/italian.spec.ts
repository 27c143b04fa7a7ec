import type { Page } from '@playwright/test';
import { expect, test, url, type ProviderId } from './fixtures';

/**
 * The Italian pages as an Italian reader sees them (issue 22, FIDELITY D; docs/decisions/0120-italian-name-and-date-forms.md):
 * for every provider, the home page, the form's first step, and the small business's cases (every state the demo
 * seeds) with their letters and referral pages. Fails on a placeholder left in the page, a name that takes an
 * article written bare after a preposition ("a Communications Ombudsman", "presso Communications Ombudsman"),
 * "a" before a vowel-initial name ("a ASK4"), a date after "dal/il/al" with the wrong article ("dal 8 aprile"),
 * and the calques a native reader stumbled on. Text in another language (`lang="en"`: the provider's own words, a
 * letter to a provider that works in English) is left out.
 */

const NOW = '2026-12-18T10:00:00Z';
const providers: ProviderId[] = ['nasstar', 'netservers', 'commsombudsman', 'ask4', 'miso'];

const articled = '(Communications Ombudsman|Independent Assessor|ISPA|CISAS)';
const wrong: [string, RegExp][] = [
  ['placeholder', /\{\{|\}\}/],
  ['bare articled name after a preposition', new RegExp(`(^|[^\\p{L}'’])(a|di|da|in|su|presso|verso|con|per|tra|contro) ${articled}\\b`, 'u')],
  ['"a" before a vowel-initial name', /(^|[^\p{L}'’])[Aa] (ASK4|abuse@|Independent|ISPA|Harbour|Acme)/u],
  ['date with the wrong article', /(^|[^\p{L}'’])(il|dal|al|del|nel|sul|entro il|fino al) (1|8|11) /iu],
  ['calque', /Come siamo andati|Che cosa Le deve|Che cosa garantisce|Segua i miei reclami|ogni ora|far salire|far proseguire|Non sono soddisfatt|Presenti ricorso|Impegno|\be-mail\b|\bPasso \d|alla fase: /u],
];

/** The page's Italian text: the whole document's, without the parts written in another language. */
async function italianText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const body = document.body.cloneNode(true) as HTMLElement;
    for (const el of body.querySelectorAll('[lang]:not([lang^="it"]), script, style, noscript')) el.remove();
    return (body.innerText || body.textContent || '').replace(/\s+/g, ' ');
  });
}

async function expectItalian(page: Page, where: string) {
  await expect(page.locator('html')).toHaveAttribute('lang', 'it');
  const text = await italianText(page);
  for (const [what, pattern] of wrong) {
    const m = pattern.exec(text);
    expect(m ? text.slice(Math.max(0, m.index - 60), m.index + 80) : null, `${what} on ${where}`).toBeNull();
  }
}

async function casesOf(page: Page, provider: ProviderId) {
  return page.evaluate(async (p) => {
    const r = await fetch('/api/cases?limit=500', { headers: { 'X-Redress-Provider': p } });
    type Row = { reference: string; status: string; kind: string; letters: { id: string }[]; referral?: unknown };
    return ((await r.json()) as { cases: Row[] }).cases;
  }, provider);
}

for (const provider of providers) {
  test(`${provider} (it): home, form and every seeded case read as Italian writes them`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto(url('/', { lng: 'it', provider, now: NOW }));
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectItalian(page, `home ${provider}`);

    await page.goto(url('/complaints/new', { lng: 'it', provider, now: NOW }));
    await expect(page.locator('#f-name')).toBeEnabled();
    await expectItalian(page, `form ${provider}`);

    await page.goto(url('/sign-in', { lng: 'it', provider, now: NOW }));
    await page.getByRole('button', { name: 'Acceda come Priya Shah' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'I miei reclami' })).toBeVisible();
    await expect(page.getByRole('main').getByRole('link').first()).toBeVisible();
    await expectItalian(page, `case list ${provider}`);

    const cases = (await casesOf(page, provider)).filter((c) => c.kind === 'complaint');
    // One case of each status the demo seeds, with its letters, its referral and its escalation pages.
    const byStatus = new Map(cases.map((c) => [c.status, c]));
    expect(byStatus.size).toBeGreaterThan(1);
    for (const c of byStatus.values()) {
      await page.goto(url(`/cases/${c.reference}`, { lng: 'it', provider }));
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.locator('#clocks-heading, .timeline, ol').first()).toBeVisible();
      await expectItalian(page, `case ${c.reference} (${c.status})`);
      for (const letter of c.letters) {
        await page.goto(url(`/cases/${c.reference}/letters/${letter.id}`, { lng: 'it', provider }));
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await expectItalian(page, `letter of ${c.reference}`);
      }
      for (const step of ['refer', 'escalate']) {
        await page.goto(url(`/cases/${c.reference}/${step}`, { lng: 'it', provider }));
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await expectItalian(page, `${step} page of ${c.reference}`);
      }
    }
  });
}
