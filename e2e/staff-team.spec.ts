import { test, expect, url } from './fixtures';
import { removeStaffMember } from './removal-flows';
import { words } from './staff-flow';

/**
 * A manager removes a member of staff on the Team page, in the demo build, both languages: asked first, No keeps
 * them, Yes removes them and the focus lands on the page's heading (decision 0137); still gone after a reload; axe
 * at each step (e2e/removal-flows.ts; the server's build: server/removals.spec.ts).
 */

const NOW = '2026-12-01T10:00:00Z';

for (const lng of ['en', 'it'] as const) {
  test(`${lng}: a manager removes a member of staff after confirming; No keeps them; the focus lands on the Team heading; gone after a reload; axe`, async ({ page }) => {
    await page.goto(url('/sign-in', { lng, provider: 'nasstar', now: NOW }));
    await page.getByRole('button', { name: words[lng].signInAs('Alex Morgan') }).click();
    await expect(page.getByRole('heading', { level: 1, name: words[lng].queue })).toBeVisible();
    await removeStaffMember(page, lng, { name: 'Jordan Lee', email: 'jordan.lee@staff.nasstar.example' }, { email: 'alex.morgan@staff.nasstar.example' });
  });
}
