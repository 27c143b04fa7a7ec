import type { Customer, PendingOrganisation, StaffCreateOrganisation, StaffCustomer, StaffCustomerResponse, StaffCustomersQuery, StaffCustomersResponse } from '@/api/schemas';
import { staffCreateOrganisationSchema, staffCustomersQuerySchema } from '@/api/schemas';
import { getProfile } from '@/domain/profiles';
import { composeMail, type ComposedMail } from './mail';
import { INVITATION_TTL_MS, isOpenInvitation, offerInvitation } from './organisation';
import type { InvitationScope, StoredInvitation } from './ports';
import { Refusal } from './problem';
import { newId } from './references';
import { requireStaff, type StaffCaller } from './staff-caller';
import * as uc from './use-cases';

/**
 * Organisations and customers as the provider's staff see them (issue 23.5, docs/decisions/0132-staff-customers.md).
 * Staff find a customer of their provider — never another provider's: every read is by the caller's provider — and
 * see the cases that customer sees in the portal. A manager creates a business customer by inviting its
 * administrator: the invitation is the organisation's offer (./organisation.ts `offerInvitation`), accepted or
 * declined by the invitee once signed in, exactly as an administrator's own invitations; nothing joins before.
 */

/** How many customers a search lists. */
export const CUSTOMER_SEARCH_LIMIT = 50;

function requireManager(caller: Parameters<typeof requireStaff>[0]): StaffCaller {
  const me = requireStaff(caller);
  if (me.staff.role !== 'manager') throw new Refusal(403, 'managerOnly');
  return me;
}

const lower = (s: string) => s.trim().toLowerCase();

function customerAnswer(c: Customer): StaffCustomer {
  return {
    id: c.id,
    name: c.name,
    email: c.email,
    phone: c.phone,
    kind: c.kind,
    organisation: c.organisation ?? null,
    organisationId: c.organisationId ?? null,
    role: c.organisationId ? (c.role ?? 'member') : null,
  };
}

function pendingAnswer(i: StoredInvitation): PendingOrganisation {
  return { organisationId: i.organisationId, organisation: i.organisation, name: i.name, email: i.email, invitedBy: i.invitedByName, invitedAt: i.createdAt, expiresAt: i.expiresAt };
}

/** Whether a business customer created by staff matches a search (its name, its administrator's name or address). */
const pendingMatches = (i: StoredInvitation, q: string) => !q || [i.organisation, i.name, i.email].some((x) => lower(x).includes(q));

export async function findCustomers(ctx: uc.UseCaseContext, given: StaffCustomersQuery, realNow: Date): Promise<StaffCustomersResponse> {
  const me = requireStaff(ctx.caller);
  const q = lower(staffCustomersQuerySchema.parse(given).q ?? '');
  const found = await ctx.tx.searchCustomers(me.providerId, q, CUSTOMER_SEARCH_LIMIT + 1);
  const pending = (await ctx.tx.adminInvitations(me.providerId)).filter((i) => isOpenInvitation(i, realNow) && pendingMatches(i, q));
  return {
    customers: found.slice(0, CUSTOMER_SEARCH_LIMIT).map(customerAnswer),
    more: found.length > CUSTOMER_SEARCH_LIMIT,
    pendingOrganisations: pending.map(pendingAnswer),
  };
}

/** A customer of the caller's provider with every case they see in the portal (their own and their organisation's). */
export async function getCustomer(ctx: uc.UseCaseContext, id: string): Promise<StaffCustomerResponse> {
  const me = requireStaff(ctx.caller);
  const customer = await ctx.tx.findCustomer(me.providerId, id);
  if (!customer) throw new Refusal(404, 'customerNotFound');
  const organisationId = customer.organisationId ?? null;
  // The customer's own scope: exactly the cases the portal shows them, by the one visibility rule.
  const scope = { providerId: me.providerId, kind: 'customer' as const, customerId: customer.id, organisationId };
  const cases = [];
  let cursor: string | undefined;
  do {
    const page = await ctx.tx.listCases(scope, { sort: 'updated', limit: 100, ...(cursor ? { cursor } : {}) }, ctx.now);
    cases.push(...page.cases);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && cases.length < 1000);
  const raisers = new Map((await ctx.tx.findCustomers(me.providerId, cases.flatMap((c) => (c.customerId ? [c.customerId] : [])))).map((c) => [c.id, c.name]));
  const members = organisationId ? (await ctx.tx.organisationMembers(me.providerId, organisationId)).filter((m) => m.id !== customer.id) : [];
  return {
    asOf: ctx.now.toISOString(),
    customer: customerAnswer(customer),
    cases: cases.map((c) => {
      const name = c.customerId ? raisers.get(c.customerId) : undefined;
      return uc.summaryOf(c, name ? { name } : null);
    }),
    members: members.map((m) => ({ id: m.id, name: m.name, email: m.email, role: m.role === 'admin' ? 'admin' : 'member' })),
  };
}

/**
 * A manager creates a business customer: a new organisation whose administrator is invited by consent. The
 * invitee accepts after signing in (./organisation.ts `acceptInvitation`) and becomes its administrator; an address
 * whose customer already belongs to an organisation is refused (409: they would have to leave it first), as is an
 * organisation name a customer or an open invitation already has.
 */
export async function createOrganisation(ctx: uc.UseCaseContext, given: StaffCreateOrganisation, origin: string, realNow: Date): Promise<{ created: PendingOrganisation; mail: ComposedMail }> {
  const me = requireManager(ctx.caller);
  const input = staffCreateOrganisationSchema.parse(given);
  const email = lower(input.email);
  const organisation = input.organisation.trim();
  const existing = await ctx.tx.findCustomerByEmail(me.providerId, email);
  if (existing?.organisationId) throw new Refusal(409, 'inAnOrganisation', [{ path: 'email', code: 'inAnOrganisation' }]);
  const sameName = (name: string | undefined) => name !== undefined && lower(name) === lower(organisation);
  const named = (await ctx.tx.searchCustomers(me.providerId, lower(organisation), CUSTOMER_SEARCH_LIMIT)).some((c) => c.organisationId && sameName(c.organisation));
  const pending = (await ctx.tx.adminInvitations(me.providerId)).some((i) => isOpenInvitation(i, realNow) && sameName(i.organisation));
  if (named || pending) throw new Refusal(409, 'organisationExists', [{ path: 'organisation', code: 'organisationExists' }]);
  const scope: InvitationScope = { providerId: me.providerId, kind: 'provider' };
  const invitation = await offerInvitation(
    ctx.tx,
    scope,
    { providerId: me.providerId, organisationId: newId('org'), organisation, email, name: input.name.trim(), invitedBy: me.staff.id, invitedByName: me.staff.name, role: 'admin' },
    realNow,
  );
  const lng = input.lng ?? 'en';
  const mail = composeMail(
    'organisationInvitation',
    { providerId: me.providerId, address: input.email.trim(), lng },
    {
      name: invitation.name,
      staff: me.staff.name,
      organisation,
      provider: getProfile(me.providerId).name,
      days: String(INVITATION_TTL_MS / 86_400_000),
      link: `${origin}/sign-in?lng=${lng}`,
    },
  );
  return { created: pendingAnswer(invitation), mail };
}
