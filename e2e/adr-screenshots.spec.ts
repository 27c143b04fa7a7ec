import type { Page } from '@playwright/test';
import { expect, test, url, type Lng, type ProviderId } from './fixtures';

/**
 * Screenshots of the ADR pages in both languages, and the PDFs they make, for a person to look at:
 * `ADR_SHOTS=/tmp/adr-shots npx playwright test e2e/adr-screenshots`. Skipped otherwise.
 */
const dir = process.env.ADR_SHOTS;
const NOW = '2026-12-01T10:00:00Z';
const signInAs = { en: 'Sign in as Priya Shah', it: 'Acceda come Priya Shah' };

test.skip(!dir, 'set ADR_SHOTS=<folder> to take screenshots');

async function open(page: Page, lng: Lng, provider: ProviderId, summary: string) {
  await page.goto(url('/sign-in', { lng, provider, now: NOW }));
  await page.getByRole('button', { name: signInAs[lng] }).click();
  await page.waitForURL(/\/cases/);
  return page.evaluate(
    async ({ provider, summary }) => {
      // The session cookie the back office set at sign-in goes with the request.
      const r = await fetch('/api/cases', { headers: { 'X-Redress-Provider': provider } });
      return ((await r.json()) as { cases: { reference: string; summary: string }[] }).cases.find((c) => c.summary === summary)!.reference;
    },
    { provider, summary },
  );
}

for (const lng of ['en', 'it'] as const) {
  test(`screenshots ${lng}`, async ({ page }) => {
    const shot = (name: string) => page.screenshot({ path: `${dir}/${lng}-${name}.png`, fullPage: true });
    const ref = await open(page, lng, 'netservers', 'Broadband drops every evening');
    await page.goto(url(`/cases/${ref}`));
    await page.locator('.adr-panel').scrollIntoViewIfNeeded();
    await page.locator('.adr-panel').screenshot({ path: `${dir}/${lng}-panel-netservers.png` });
    await page.goto(url(`/cases/${ref}/escalate`));
    await page.locator('#escalation-letter').waitFor();
    await shot('escalate-netservers');
    await page.getByRole('button', { name: lng === 'en' ? 'I have posted my letter' : 'Ho spedito la lettera' }).click();
    await page.locator('.error-summary').waitFor();
    await shot('escalate-errors');

    const old = await open(page, lng, 'nasstar', 'Promised call-backs never came');
    await page.goto(url(`/cases/${old}`));
    await page.locator('.adr-panel').screenshot({ path: `${dir}/${lng}-panel-nasstar-missing.png` });
    await page.getByRole('button', { name: lng === 'en' ? 'Ask for the ADR letter' : 'Chieda la lettera ADR' }).click();
    await expect(page.locator('.adr-paper')).toBeVisible();
    await shot('letter');
    const [letterPdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: lng === 'en' ? 'Download PDF' : 'Scarichi il PDF' }).click()]);
    await letterPdf.saveAs(`${dir}/${lng}-letter.pdf`);
    await page.emulateMedia({ media: 'print' });
    await shot('letter-print');
    await page.emulateMedia({ media: 'screen' });
    await page.goto(url(`/cases/${old}/refer`));
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.locator('.summary-list').first().waitFor();
    await shot('refer');
    const [packPdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: lng === 'en' ? 'Download the referral pack (PDF)' : 'Scarichi il fascicolo (PDF)' }).click()]);
    await packPdf.saveAs(`${dir}/${lng}-pack.pdf`);
    await page.goto(url(`/cases/${old}`));
    await page.locator('.adr-panel').screenshot({ path: `${dir}/${lng}-panel-nasstar-letter.png` });
  });
}
