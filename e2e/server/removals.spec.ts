import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { removeStaffMember, withdrawInvitationsAndRemoveMember } from '../removal-flows';
import { signInWithCode, words } from '../staff-flow';
import { onAFreshServer } from './server-test';

/**
 * Taking someone away on the PRODUCTION build served by the server, both languages, with the same flows as the demo
 * build's (e2e/removal-flows.ts): a manager removes a member of staff on the Team page; an organisation's
 * administrator withdraws the invitations waiting for an answer and removes a member. Asked first, No keeps the row,
 * Yes takes it away and the focus lands on the list's heading or, when that went too, the page's h1 (decision 0137);
 * axe at each step; after a reload the page shows what the server kept, so the row is gone from it.
 */

onAFreshServer();

for (const lng of ['en', 'it'] as const) {
  const signIn = (page: Page, email: string) => signInWithCode(page, lng, email, `/sign-in?lng=${lng}`, `/dev/mailbox?lng=${lng}&provider=nasstar`);

  test(`${lng}: a manager removes a member of staff after confirming, on the server; the focus lands on the Team heading; gone after a reload; axe`, async ({ page }) => {
    await signIn(page, 'alex.morgan@staff.nasstar.example');
    await expect(page.getByRole('heading', { level: 1, name: words[lng].queue })).toBeVisible();
    await removeStaffMember(page, lng, { name: 'Jordan Lee', email: 'jordan.lee@staff.nasstar.example' }, { email: 'alex.morgan@staff.nasstar.example' });
  });

  test(`${lng}: an administrator withdraws two invitations and removes a member after confirming, on the server; gone after a reload; axe`, async ({ page }) => {
    test.slow();
    await signIn(page, 'priya@harbourlane.example');
    await expect(page.getByRole('heading', { level: 1, name: words[lng].myCases })).toBeVisible();
    await withdrawInvitationsAndRemoveMember(page, lng, 'Harbour Lane Bakery Ltd', { name: 'Tom Reed', email: 'tom@harbourlane.example' });
  });
}
