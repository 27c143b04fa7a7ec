import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { getProfile } from '../src/domain/profiles';
import { getScheme, schemeRulesAt } from '../src/domain/schemes';
import { dateInText, nameInText } from '../src/domain/running-text';
import { expect, expectAccessible, test, url, type Lng, type ProviderId } from './fixtures';

/**
 * Each provider's pages say what its profile (the seed's words) and its scheme's data say, in both languages
 * (issue 13): every stage and every clock of the procedure on the home page, with the clock's own unit and no
 * unit the procedure does not use; "not by phone" only where the seed says so; the regulator's wait in force;
 * the case page's deadlines; and the Communications Ombudsman never offers the Independent Assessor before its
 * final response. The expected words are read from the profiles and the locales, not typed here.
 */

const NOW = '2026-12-18T10:00:00Z';
const providers: ProviderId[] = ['nasstar', 'netservers', 'commsombudsman', 'ask4', 'miso'];
type Json = { [key: string]: string | Json };
const locales = (lng: Lng, ns: string) => JSON.parse(readFileSync(`locales/${lng}/${ns}.json`, 'utf8')) as Json;
function word(lng: Lng, ns: string, path: string, values: Record<string, string | number> = {}): string {
  const found = path.split('.').reduce<string | Json | undefined>((at, key) => (typeof at === 'object' ? at[key] : undefined), locales(lng, ns));
  if (typeof found !== 'string') throw new Error(`no ${lng}/${ns}:${path}`);
  // {{provider, inText}}, {{scheme, inText(prep: a)}}, {{date, dateWith(prep: dal)}}: as the portal's formatters write them.
  const inText = (locales(lng, 'providers').inText ?? {}) as Record<string, string>;
  return found.replace(/\{\{(\w+)(?:, (inText|inTextStart|dateWith)(?:\(prep: ([^)]*)\))?)?\}\}/g, (_m, name: string, format?: string, prep?: string) => {
    const value = String(values[name] ?? '');
    if (!format) return value;
    if (format === 'dateWith') return dateInText(lng, value, prep);
    return nameInText(lng, value, inText, prep, format === 'inTextStart');
  });
}
const plural = (lng: Lng, unit: string, count: number) => word(lng, 'common', `clockUnits.${unit}_${count === 1 ? 'one' : 'other'}`, { count });
/** A unit's words without the number: "working day", "working days". */
const unitWords = (lng: Lng, unit: string) => [plural(lng, unit, 1), plural(lng, unit, 2)].map((w) => w.replace(/^\S+\s/, ''));

async function mainText(page: Page) {
  return (await page.locator('main').innerText()).replace(/\s+/g, ' ');
}

for (const provider of providers) {
  const profile = getProfile(provider);
  const scheme = getScheme(profile.adr.schemeId);
  const clocks = profile.stages.flatMap((s) => s.clocks);
  const units = new Set(clocks.map((c) => c.unit));

  for (const lng of ['en', 'it'] as const) {
    test(`${provider} (${lng}): the home page states the procedure the profile holds, and nothing it does not`, async ({ page }) => {
      await page.goto(url('/', { lng, provider, now: NOW }));
      await expect(page.getByRole('heading', { level: 1 })).toContainText(profile.name);
      const text = await mainText(page);
      for (const stage of profile.stages) expect(text, `stage ${stage.id}`).toContain(word(lng, 'providers', `${provider}.stages.${stage.id}.name`));
      for (const clock of clocks) expect(text, `clock ${clock.id}`).toContain(plural(lng, clock.unit, clock.amount));
      // No unit of time the procedure does not count in (ASK4's hours are clock hours; the Ombudsman's are working hours).
      for (const unit of ['workingDays', 'workingHours'] as const) {
        if (units.has(unit)) continue;
        for (const w of unitWords(lng, unit)) expect(text, `"${w}" on ${provider}'s page`).not.toContain(w);
      }
      expect(text).toContain(word(lng, 'providers', `schemes.${scheme.id}.name`));
      const rules = schemeRulesAt(scheme, new Date(NOW), profile.timeZone);
      if (rules.waitWeeks !== null) expect(text, 'the wait in force').toContain(plural(lng, 'weeks', rules.waitWeeks));
      if (scheme.kind !== 'ofcomAdr') {
        // No deadlock letter and no wait in the Communications Ombudsman's own procedure.
        expect(text).not.toContain(word(lng, 'adr', 'letterKinds.deadlock'));
        expect(text).not.toContain(plural(lng, 'weeks', 6));
      }
      await expectAccessible(page, `home ${provider} ${lng}`);
    });

    test(`${provider} (${lng}): the form says "not by phone" only where the seed does, and offers the categories the provider takes`, async ({ page }) => {
      await page.goto(url('/complaints/new', { lng, provider, now: NOW }));
      await expect(page.locator('#f-name')).toBeEnabled();
      const notByPhone = word(lng, 'complaint', 'channels.notByPhone', { provider: profile.name });
      await expect(page.getByText(notByPhone)).toHaveCount(profile.refusedChannels?.includes('phone') ? 1 : 0);
      await expect(page.locator('#f-accountNumber')).toHaveCount(profile.complaintsAbout === 'communicationsService' ? 1 : 0);
    });
  }
}

/** The demo's one-click sign-in as Sam Taylor, then the cases the page's session sees. */
async function signInAsSam(page: Page, provider: ProviderId, lng: Lng) {
  await page.goto(url('/sign-in', { lng, provider, now: NOW }));
  await page.getByRole('button', { name: word(lng, 'cases', 'signIn.signInAs', { name: 'Sam Taylor' }) }).click();
  await expect(page.getByRole('heading', { level: 1, name: word(lng, 'cases', 'list.title') })).toBeVisible();
  return page.evaluate(async (p) => {
    const r = await fetch('/api/cases?limit=500', { headers: { 'X-Redress-Provider': p } });
    return ((await r.json()) as { cases: { reference: string; stageId: string; status: string; letters: { kind: string }[] }[] }).cases;
  }, provider);
}

for (const provider of providers) {
  const profile = getProfile(provider);
  for (const lng of ['en', 'it'] as const) {
    test(`${provider} (${lng}): the case page shows what the provider owes at its stage, and only the steps its procedure has`, async ({ page }) => {
      const cases = await signInAsSam(page, provider, lng);
      expect(cases.length).toBeGreaterThan(0);
      const scheme = word(lng, 'providers', `schemes.${profile.adr.schemeId}.name`);
      const refer = word(lng, 'adr', 'panel.referAction', { scheme });
      for (const c of cases.slice(0, 4)) {
        await page.goto(url(`/cases/${c.reference}`, { lng, provider }));
        await expect(page.getByRole('heading', { level: 2, name: word(lng, 'cases', 'clock.heading', { provider: profile.name }) })).toBeVisible();
        if (profile.complaintsAbout === 'ombudsmanService') {
          // The panel the absent buttons would be in is there: their absence is seen, not raced.
          await expect(page.getByRole('heading', { level: 2, name: word(lng, 'adr', 'panel.title') })).toBeVisible();
          const finalResponse = c.letters.some((l) => l.kind === 'deadlock');
          // The Independent Assessor only after the final response; the final response only at the last stage.
          if (!finalResponse) await expect(page.getByRole('link', { name: refer })).toHaveCount(0);
          if (c.stageId !== profile.stages.at(-1)!.id) await expect(page.getByRole('button', { name: word(lng, 'adr', 'panel.finalResponseAction') })).toHaveCount(0);
          await expect(page.getByText(word(lng, 'adr', 'panel.letterAction'))).toHaveCount(0);
        }
      }
      await expectAccessible(page, `case ${provider} ${lng}`);
    });
  }
}
