import { expect, expectAccessible, test, url } from './fixtures';

test.describe('the portal shell', () => {
  for (const lng of ['en', 'it'] as const) {
    test(`home page in ${lng}: provider, procedure, language and accessibility`, async ({ page }) => {
      await page.goto(url('/', { lng, provider: 'nasstar' }));
      const heading = lng === 'en' ? 'Complaints to Nasstar' : 'Reclami a Nasstar';
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('lang', lng);
      await expect(page).toHaveTitle(lng === 'en' ? /Complaints – Nasstar complaints/ : /Reclami – Reclami a Nasstar/);
      // The procedure is rendered from the profile: the Complaints Team acknowledges within 2 working days.
      await expect(page.getByText(lng === 'en' ? /within 2 working days/ : /entro 2 giorni lavorativi/).first()).toBeVisible();
      await expect(page.getByRole('contentinfo')).toContainText('complaints@nasstar.com');
      await expectAccessible(page, `home ${lng}`);
    });
  }

  test('switching language keeps the page and sets <html lang>', async ({ page }) => {
    await page.goto(url('/', { lng: 'en', provider: 'miso' }));
    await page.getByRole('button', { name: 'Italiano' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Reclami a Miso Communications Limited' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'it');
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', 'it');
  });

  test('the provider can be switched from the demo banner and the choice persists', async ({ page }) => {
    await page.goto(url('/', { lng: 'en', provider: 'nasstar' }));
    await page.getByLabel('Provider').selectOption('ask4');
    await expect(page.getByRole('heading', { level: 1, name: 'Complaints to ASK4' })).toBeVisible();
    await expect(page.getByText(/Send your complaint using the online form or by letter \(not by phone\)/).first()).toBeVisible();
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Complaints to ASK4' })).toBeVisible();
  });

  test('the mock clock is set with ?now= and moved from the demo panel', async ({ page }) => {
    await page.goto(url('/', { lng: 'en', provider: 'netservers', now: '2026-12-18T10:00:00Z' }));
    const clock = page.getByTestId('mock-now');
    await expect(clock).toHaveAttribute('datetime', '2026-12-18T10:00:00.000Z');
    await page.getByRole('button', { name: '+1 week' }).click();
    await expect(clock).toHaveAttribute('datetime', '2026-12-25T10:00:00.000Z');
    await page.getByRole('button', { name: '+6 weeks' }).click();
    await expect(clock).toHaveAttribute('datetime', '2027-02-05T10:00:00.000Z');
  });

  for (const lng of ['en', 'it'] as const) {
    test(`not-found page keeps the shell (${lng})`, async ({ page }) => {
      await page.goto(url('/no-such-page', { lng }));
      await expect(page.getByRole('heading', { level: 1, name: lng === 'en' ? 'Page not found' : 'Pagina non trovata' })).toBeVisible();
      await expect(page.getByRole('banner')).toBeVisible();
      await expect(page.getByRole('contentinfo')).toBeVisible();
      await expectAccessible(page, `not found ${lng}`);
    });
  }
});
