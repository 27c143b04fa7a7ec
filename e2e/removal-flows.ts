import { expect, type Locator, type Page } from '@playwright/test';
import { expectAccessible, type Lng } from './fixtures';

/**
 * Taking someone away, after a confirmation that says what it does (ConfirmAction, decision 0137), driven as a
 * person would in either language, shared by the demo build's tests (staff-team.spec.ts, organisation.spec.ts) and
 * the production build's on the server (server/removals.spec.ts):
 * - a provider's manager removes a member of staff on the Team page;
 * - an organisation's administrator withdraws the invitations waiting for an answer and removes a member.
 * Each time: No keeps the row and gives the focus back to the button that asked; Yes takes the row away and the focus
 * lands on the heading of the list it was in (or the page's h1 when that heading went with it), never on the page's
 * body; the row stays gone after a reload (the back office kept the change, not only the page); axe at each step.
 */

const t = {
  en: {
    team: 'Team',
    staffNav: 'Staff workspace',
    removeStaff: (name: string) => `Remove ${name}`,
    confirmRemoveStaff: (name: string) => `Remove ${name}? They are signed out at once.`,
    staffRemoved: (name: string) => `${name} has been removed.`,
    no: 'Cancel',
    yesRemove: 'Yes, remove',
    organisation: 'Your organisation',
    name: 'Name',
    email: 'Email address',
    invite: 'Send invitation',
    invited: (name: string) => `We have emailed an invitation to ${name}. They join only if they accept it.`,
    invitations: 'Invitations waiting for an answer',
    members: 'Members',
    withdraw: (name: string) => `Withdraw the invitation to ${name}`,
    confirmWithdraw: (name: string, email: string) => `Withdraw the invitation to ${name} (${email})? They will no longer be able to accept it.`,
    yesWithdraw: 'Yes, withdraw',
    withdrawn: (name: string) => `The invitation to ${name} has been withdrawn.`,
    removeMember: (name: string) => `Remove ${name}`,
    confirmRemoveMember: (name: string, organisation: string) => `Remove ${name} from ${organisation}? They will be signed out at once and will no longer see the organisation’s cases.`,
    memberRemoved: (name: string) => `${name} has been removed.`,
  },
  it: {
    team: 'Team',
    staffNav: 'Area del personale',
    removeStaff: (name: string) => `Rimuova ${name}`,
    confirmRemoveStaff: (name: string) => `Rimuovere ${name}? La sua sessione termina subito.`,
    staffRemoved: (name: string) => `${name} è stato rimosso.`,
    no: 'Annulli',
    yesRemove: 'Sì, rimuova',
    organisation: 'La Sua organizzazione',
    name: 'Nome',
    email: 'Indirizzo email',
    invite: 'Invii l’invito',
    invited: (name: string) => `Abbiamo inviato un invito via email a ${name}. Entrerà a far parte dell’organizzazione solo se lo accetta.`,
    invitations: 'Inviti in attesa di risposta',
    members: 'Membri',
    withdraw: (name: string) => `Ritiri l’invito a ${name}`,
    confirmWithdraw: (name: string, email: string) => `Ritirare l’invito a ${name} (${email})? Non potrà più accettarlo.`,
    yesWithdraw: 'Sì, ritiri l’invito',
    withdrawn: (name: string) => `L’invito a ${name} è stato ritirato.`,
    removeMember: (name: string) => `Rimuova ${name}`,
    confirmRemoveMember: (name: string, organisation: string) => `Rimuovere ${name} da ${organisation}? La sua sessione terminerà subito e non vedrà più i reclami dell’organizzazione.`,
    memberRemoved: (name: string) => `${name} non fa più parte dell'organizzazione.`,
  },
} as const;

/**
 * Asks, answers No (the row stays, the focus is back on the button that asked), asks again and answers Yes by
 * keyboard; then the row is gone and `focused` has the focus. `ask` is the button, `row` the row it is in.
 */
export async function confirmAway(page: Page, lng: Lng, what: { ask: Locator; label: string; question: string; yes: string; row: Locator; focused: Locator; context: string }) {
  const { ask, row } = what;
  await expect(row).toHaveCount(1);
  await ask.click();
  const question = page.getByRole('group', { name: what.label, exact: true });
  await expect(question).toContainText(what.question);
  await expect(question.getByRole('button', { name: t[lng].no })).toBeFocused();
  await expectAccessible(page, `${what.context} asked`);
  await question.getByRole('button', { name: t[lng].no }).click();
  await expect(question).toHaveCount(0);
  await expect(ask).toBeFocused();
  await expect(row).toHaveCount(1);

  await ask.click();
  await question.getByRole('button', { name: what.yes }).focus();
  await page.keyboard.press('Enter');
  await expect(row).toHaveCount(0);
  await expect(what.focused).toBeFocused();
}

/** From any staff page of a signed-in manager: removes `name` (another member of staff) on the Team page. */
export async function removeStaffMember(page: Page, lng: Lng, member: { name: string; email: string }, stays: { email: string }) {
  const w = t[lng];
  await page.getByRole('navigation', { name: w.staffNav }).getByRole('link', { name: w.team }).click();
  const heading = page.getByRole('heading', { level: 1, name: w.team });
  await expect(heading).toBeVisible();
  const rowOf = (email: string) => page.getByRole('row').filter({ hasText: email });
  await expect(rowOf(stays.email)).toHaveCount(1);
  await expectAccessible(page, `team ${lng}`);
  // The table has no heading of its own (its caption names it): the focus goes to the page's, "Team".
  await confirmAway(page, lng, {
    ask: page.getByRole('button', { name: w.removeStaff(member.name), exact: true }),
    label: w.removeStaff(member.name),
    question: w.confirmRemoveStaff(member.name),
    yes: w.yesRemove,
    row: rowOf(member.email),
    focused: heading,
    context: `staff removal ${lng}`,
  });
  await expect(page.getByRole('status').filter({ hasText: w.staffRemoved(member.name) })).toBeVisible();
  await expect(rowOf(stays.email)).toHaveCount(1);
  await expectAccessible(page, `staff removed ${lng}`);
  await page.reload();
  await expect(heading).toBeVisible();
  await expect(rowOf(stays.email)).toHaveCount(1);
  await expect(rowOf(member.email)).toHaveCount(0);
}

/**
 * From any page of a signed-in administrator of `organisation`: invites two people, withdraws both invitations (the
 * second takes the "Invitations" heading with it: the focus goes to the page's h1), and removes the member `member`.
 */
export async function withdrawInvitationsAndRemoveMember(page: Page, lng: Lng, organisation: string, member: { name: string; email: string }) {
  const w = t[lng];
  const invitees = [
    { name: 'Sam Taylor', email: `sam.taylor.${lng}@example.com` },
    { name: 'Nora Bianchi', email: `nora.bianchi.${lng}@example.com` },
  ];
  await page.getByRole('link', { name: w.organisation, exact: true }).click();
  const h1 = page.getByRole('heading', { level: 1, name: w.organisation });
  await expect(h1).toBeVisible();
  const members = page.getByRole('heading', { level: 2, name: w.members, exact: true });
  const invitations = page.getByRole('heading', { level: 2, name: w.invitations, exact: true });
  const itemOf = (email: string) => page.getByRole('listitem').filter({ hasText: email });
  for (const invitee of invitees) {
    await page.getByLabel(w.name, { exact: true }).fill(invitee.name);
    await page.getByLabel(w.email, { exact: true }).fill(invitee.email);
    await page.getByRole('button', { name: w.invite }).click();
    await expect(page.getByRole('status').filter({ hasText: w.invited(invitee.name) })).toBeVisible();
    await expect(itemOf(invitee.email)).toHaveCount(1);
  }
  // Kept by the back office: both invitations and the member are there after a reload.
  await page.reload();
  await expect(invitations).toBeVisible();
  for (const { email } of [...invitees, member]) await expect(itemOf(email)).toHaveCount(1);
  await expectAccessible(page, `organisation with invitations ${lng}`);

  // The first invitation withdrawn: the other stays, and so does its heading, which has the focus.
  const [first, second] = invitees as [(typeof invitees)[0], (typeof invitees)[0]];
  await confirmAway(page, lng, {
    ask: page.getByRole('button', { name: w.withdraw(first.name), exact: true }),
    label: w.withdraw(first.name),
    question: w.confirmWithdraw(first.name, first.email),
    yes: w.yesWithdraw,
    row: itemOf(first.email),
    focused: invitations,
    context: `invitation withdrawal ${lng}`,
  });
  await expect(page.getByRole('status').filter({ hasText: w.withdrawn(first.name) })).toBeVisible();
  await expect(itemOf(second.email)).toHaveCount(1);
  await expectAccessible(page, `invitation withdrawn ${lng}`);
  await page.reload();
  await expect(itemOf(second.email)).toHaveCount(1);
  await expect(itemOf(first.email)).toHaveCount(0);

  // The last one: the list and its heading go with it, and the focus is on the page's h1, not its body.
  await page.getByRole('button', { name: w.withdraw(second.name), exact: true }).click();
  await page.getByRole('button', { name: w.yesWithdraw }).click();
  await expect(page.getByRole('status').filter({ hasText: w.withdrawn(second.name) })).toBeVisible();
  await expect(invitations).toHaveCount(0);
  await expect(h1).toBeFocused();
  await expectAccessible(page, `no invitations ${lng}`);
  await page.reload();
  await expect(members).toBeVisible();
  await expect(invitations).toHaveCount(0);
  await expect(itemOf(second.email)).toHaveCount(0);

  // A member removed: the focus is on the Members heading; gone after a reload.
  await confirmAway(page, lng, {
    ask: page.getByRole('button', { name: w.removeMember(member.name), exact: true }),
    label: w.removeMember(member.name),
    question: w.confirmRemoveMember(member.name, organisation),
    yes: w.yesRemove,
    row: itemOf(member.email),
    focused: members,
    context: `member removal ${lng}`,
  });
  await expect(page.getByRole('status').filter({ hasText: w.memberRemoved(member.name) })).toBeVisible();
  await expectAccessible(page, `member removed ${lng}`);
  await page.reload();
  await expect(members).toBeVisible();
  await expect(itemOf(member.email)).toHaveCount(0);
}
