import { expect, test, url } from './fixtures';

/** Screenshots of the case-tracking pages for review: SCREENSHOTS=1 npx playwright test e2e/cases-screenshots */
test.skip(!process.env.SCREENSHOTS, 'screenshots only on request (SCREENSHOTS=1)');

const NOW = '2026-12-01T10:00:00Z';
const dir = process.env.SCREENSHOTS_DIR ?? 'test-results/screenshots';

for (const lng of ['en', 'it'] as const) {
  for (const [device, width] of [['desktop', 1280], ['mobile', 390]] as const) {
    test(`${lng} ${device}`, async ({ page }) => {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(url('/sign-in', { lng, provider: 'nasstar', now: NOW }));
      await expect(page.getByText('Harbour Lane Bakery Ltd').first()).toBeVisible();
      await page.screenshot({ path: `${dir}/${lng}-${device}-sign-in.png`, fullPage: true });
      await page.getByRole('button', { name: lng === 'en' ? 'Sign in as Priya Shah' : 'Acceda come Priya Shah' }).click();
      await expect(page.locator('.case-list-item').first()).toBeVisible();
      await page.screenshot({ path: `${dir}/${lng}-${device}-cases.png`, fullPage: true });
      await page.getByRole('searchbox').fill('early termination');
      // The list has narrowed to the one case before its first link is followed.
      await expect(page.getByText(lng === 'en' ? /1 case of \d+ matches/ : /1 reclamo su \d+ corrisponde/)).toBeVisible();
      await page.locator('.case-list a').first().click();
      await expect(page.locator('.clock-card').first()).toBeVisible();
      await expect(page.locator('.timeline-event').first()).toBeVisible();
      await page.screenshot({ path: `${dir}/${lng}-${device}-case.png`, fullPage: true });
      await page.goto(url('/track', { lng }));
      // A page that needs no API starts the simulated back office when the visitor reaches for its controls.
      await page.locator('.demo-banner').hover();
      await expect(page.getByTestId('mock-now')).toHaveAttribute('datetime', /\d{4}-/);
      // Sent empty: the messages next to the fields.
      await page.getByRole('button', { name: lng === 'en' ? 'Send me a code' : 'Mi invii un codice' }).click();
      await page.screenshot({ path: `${dir}/${lng}-${device}-track.png`, fullPage: true });
    });
  }
}
