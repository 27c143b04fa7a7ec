import { expect, test, url } from './fixtures';

/** Screenshots of every staff page for review, both languages: SCREENSHOTS=1 npx playwright test e2e/staff-screenshots */
test.skip(!process.env.SCREENSHOTS, 'screenshots only on request (SCREENSHOTS=1)');

const NOW = '2026-12-01T10:00:00Z';
const dir = process.env.SCREENSHOTS_DIR ?? 'test-results/screenshots';

for (const lng of ['en', 'it'] as const) {
  for (const [device, width] of [['desktop', 1280], ['mobile', 390]] as const) {
    test(`staff ${lng} ${device}`, async ({ page }) => {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(url('/sign-in', { lng, provider: 'nasstar', now: NOW }));
      const manager = page.getByRole('button', { name: lng === 'en' ? 'Sign in as Alex Morgan' : 'Acceda come Alex Morgan' });
      await expect(manager).toBeVisible();
      await page.screenshot({ path: `${dir}/staff-${lng}-${device}-sign-in.png`, fullPage: true });
      await manager.click();
      await expect(page.locator('table tbody tr').first()).toBeVisible();
      await page.screenshot({ path: `${dir}/staff-${lng}-${device}-queue.png`, fullPage: true });
      await page.locator('table tbody tr th a').first().click();
      await expect(page.locator('.clock-card').first()).toBeVisible();
      await page.screenshot({ path: `${dir}/staff-${lng}-${device}-case.png`, fullPage: true });
      await page.goto(url('/staff/log', { lng }));
      await expect(page.locator('h1')).toBeVisible();
      await page.screenshot({ path: `${dir}/staff-${lng}-${device}-log.png`, fullPage: true });
      await page.goto(url('/staff/team', { lng }));
      await expect(page.locator('table tbody tr').first()).toBeVisible();
      await page.screenshot({ path: `${dir}/staff-${lng}-${device}-team.png`, fullPage: true });
    });
  }
}

for (const lng of ['en', 'it'] as const) {
  test(`staff proof ${lng}`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(url('/sign-in', { lng, provider: 'nasstar', now: NOW }));
    await page.getByRole('button', { name: lng === 'en' ? 'Sign in as Alex Morgan' : 'Acceda come Alex Morgan' }).click();
    await expect(page.locator('table tbody tr').first()).toBeVisible();
    await page.goto(url('/staff/proof?from=2026-01-01&to=2026-12-01', { lng }));
    await expect(page.locator('.register-table tbody tr').first()).toBeVisible();
    await page.screenshot({ path: `${dir}/staff-${lng}-desktop-proof.png`, fullPage: true });
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: `${dir}/staff-${lng}-print-proof.png`, fullPage: true });
  });
}
