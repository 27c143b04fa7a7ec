import type { Customer, InviteMember, InvitationsResponse, Member, MembersResponse, ReceivedInvitation, SentInvitation, Session } from '@/api/schemas';
import { getProfile } from '@/domain/profiles';
import { composeMail, type ComposedMail } from './mail';
import type { BackOfficeTx, Caller, InvitationScope, StoredCase, StoredInvitation } from './ports';
import { Refusal } from './problem';
import { newId } from './references';
import type { UseCaseContext } from './use-cases';

/**
 * A small business is an organisation whose members all see its cases (docs/decisions/0082-organisations.md).
 * Membership is by consent (docs/decisions/0105-membership-by-consent.md): an administrator's invitation is an
 * offer stored beside the organisation, mailed to the address; it changes nobody. The invitee, once signed in,
 * accepts or declines it. The administrator's answer to an invitation is the same whether or not the address
 * belongs to a customer. Cases raised before joining stay the customer's own until they share one; a member can
 * leave; an administrator removes a member, whose sessions end in the same unit of work.
 */

/** How long an invitation stands. */
export const INVITATION_TTL_MS = 14 * 86_400_000;

type SignedInCustomer = Extract<Caller, { kind: 'customer' }>;
type Admin = SignedInCustomer & { organisationId: string };

function requireCustomer(caller: Caller): SignedInCustomer {
  if (caller.kind !== 'customer') throw new Refusal(401, 'signInRequired');
  return caller;
}

function requireAdmin(caller: Caller): Admin {
  if (caller.kind === 'anonymous' || caller.kind === 'provider') throw new Refusal(401, 'signInRequired');
  if (caller.kind !== 'customer' || !caller.organisationId || caller.customer.role !== 'admin') throw new Refusal(403, 'notAdmin');
  return caller as Admin;
}

const lower = (email: string) => email.trim().toLowerCase();

/** What a customer may see of invitations: their organisation's and those sent to their own address. */
export function invitationScopeOf(caller: SignedInCustomer): InvitationScope {
  return { providerId: caller.providerId, kind: 'customer', customerId: caller.customer.id, email: lower(caller.customer.email), organisationId: caller.organisationId };
}

/**
 * Who may see an invitation: the provider's scope every one; a customer their organisation's and those sent to
 * their own address. The simulated back office applies this; the server's `invitations` policy says the same.
 */
export function invitationAdmits(scope: InvitationScope, i: StoredInvitation): boolean {
  if (i.providerId !== scope.providerId) return false;
  if (scope.kind === 'provider') return true;
  return (scope.organisationId !== null && i.organisationId === scope.organisationId) || i.email === scope.email;
}

/** Whether an invitation can still be answered at `now` (the real clock). */
export const isOpenInvitation = (i: StoredInvitation, now: Date) => i.status === 'pending' && Date.parse(i.expiresAt) > now.getTime();

const memberOf = (c: Customer): Member => ({ id: c.id, name: c.name, email: c.email, role: c.role === 'admin' ? 'admin' : 'member' });
const sentOf = (i: StoredInvitation): SentInvitation => ({ id: i.id, name: i.name, email: i.email, status: 'invited', invitedAt: i.createdAt, expiresAt: i.expiresAt });
export const receivedOf = (i: StoredInvitation): ReceivedInvitation => ({ id: i.id, organisation: i.organisation, invitedBy: i.invitedByName, invitedAt: i.createdAt, expiresAt: i.expiresAt });

/** A customer's record without any organisation. */
function withoutOrganisation(c: Customer): Customer {
  const { organisationId: _organisationId, role: _role, organisation: _organisation, ...own } = c;
  return own;
}

export async function listMembers(ctx: UseCaseContext, now: Date): Promise<MembersResponse> {
  const admin = requireAdmin(ctx.caller);
  const members = await ctx.tx.organisationMembers(admin.providerId, admin.organisationId);
  const invitations = await ctx.tx.organisationInvitations(invitationScopeOf(admin), admin.organisationId);
  return {
    organisation: admin.customer.organisation ?? '',
    members: members.map(memberOf),
    invitations: invitations.filter((i) => isOpenInvitation(i, now)).map(sentOf),
  };
}

/**
 * Invites an address: stores the offer (or renews the one already open for it) and writes the mail (in
 * `input.lng`, English when not given), which the caller sends once the unit of work has committed. Nothing is
 * looked up about the address but this organisation's own members and invitations, so the answer cannot tell
 * whether it belongs to a customer. `origin` is the portal's address, for the link in the mail.
 */
export async function inviteMember(ctx: UseCaseContext, input: InviteMember, origin: string, now: Date): Promise<{ invitation: SentInvitation; mail: ComposedMail }> {
  const admin = requireAdmin(ctx.caller);
  const email = lower(input.email);
  // The administrator sees the members already: saying one is a member tells them nothing new.
  const members = await ctx.tx.organisationMembers(admin.providerId, admin.organisationId);
  if (members.some((c) => lower(c.email) === email)) throw new Refusal(409, 'alreadyMember', [{ path: 'email', code: 'alreadyMember' }]);
  const invitation = await offerInvitation(
    ctx.tx,
    invitationScopeOf(admin),
    { providerId: admin.providerId, organisationId: admin.organisationId, organisation: admin.customer.organisation ?? '', email, name: input.name, invitedBy: admin.customer.id, invitedByName: admin.customer.name, role: 'member' },
    now,
  );
  const lng = input.lng ?? 'en';
  const mail = composeMail(
    'invitation',
    { providerId: admin.providerId, address: input.email.trim(), lng },
    {
      name: input.name,
      admin: admin.customer.name,
      organisation: invitation.organisation,
      provider: getProfile(admin.providerId).name,
      days: String(INVITATION_TTL_MS / 86_400_000),
      link: `${origin}/sign-in?lng=${lng}`,
    },
  );
  return { invitation: sentOf(invitation), mail };
}

/**
 * Stores the offer to join an organisation (or renews the one already open for the address there): the one way an
 * invitation is made, by an organisation's administrator (`inviteMember`) or by the provider's staff creating a
 * business customer and inviting its administrator (./staff-customers.ts). `offer.email` lower-cased.
 */
export async function offerInvitation(
  tx: BackOfficeTx,
  scope: InvitationScope,
  offer: Pick<StoredInvitation, 'providerId' | 'organisationId' | 'organisation' | 'email' | 'name' | 'invitedBy' | 'invitedByName'> & { role: 'admin' | 'member' },
  now: Date,
): Promise<StoredInvitation> {
  const open = (await tx.organisationInvitations(scope, offer.organisationId)).find((i) => i.email === offer.email && i.status === 'pending');
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS).toISOString();
  if (open) {
    const renewed: StoredInvitation = { ...open, name: offer.name, role: offer.role, createdAt: now.toISOString(), expiresAt };
    await tx.updateInvitation(scope, renewed);
    return renewed;
  }
  const invitation: StoredInvitation = { id: newId('inv'), ...offer, createdAt: now.toISOString(), expiresAt, status: 'pending' };
  await tx.insertInvitation(scope, invitation);
  return invitation;
}

export async function revokeInvitation(ctx: UseCaseContext, id: string): Promise<void> {
  const admin = requireAdmin(ctx.caller);
  const scope = invitationScopeOf(admin);
  const found = await ctx.tx.findInvitation(scope, id);
  if (!found || found.organisationId !== admin.organisationId || found.status !== 'pending') throw new Refusal(404, 'invitationNotFound');
  await ctx.tx.updateInvitation(scope, { ...found, status: 'revoked' });
}

export async function removeMember(ctx: UseCaseContext, id: string): Promise<void> {
  const admin = requireAdmin(ctx.caller);
  const found = await ctx.tx.findCustomer(admin.providerId, id);
  const member = found?.organisationId === admin.organisationId ? found : null;
  if (!member) throw new Refusal(404, 'memberNotFound');
  if (member.id === admin.customer.id) throw new Refusal(409, 'cannotRemoveSelf');
  // Out of the organisation, the member's record leaves the administrator's sight, which the server's policy checks on
  // the changed row too (docs/decisions/0136-sign-in-scope.md): written as the provider's, the check above being the core's.
  ctx.tx.actFor({ providerId: admin.providerId, kind: 'provider' });
  await ctx.tx.updateCustomer(withoutOrganisation(member));
  ctx.tx.actFor({ providerId: admin.providerId, kind: 'customer', customerId: admin.customer.id, organisationId: admin.organisationId });
  await ctx.tx.deleteCustomerSessions(admin.providerId, member.id);
}

// ---------- the invitee ----------

export async function listInvitations(ctx: UseCaseContext, now: Date): Promise<InvitationsResponse> {
  const caller = requireCustomer(ctx.caller);
  const mine = await ctx.tx.invitationsFor(invitationScopeOf(caller), lower(caller.customer.email));
  return { invitations: mine.filter((i) => isOpenInvitation(i, now) && i.organisationId !== caller.organisationId).map(receivedOf) };
}

/** An open invitation to the caller's own address; any other (someone else's, answered, expired) is "not found". */
async function myInvitation(ctx: UseCaseContext, id: string, now: Date): Promise<{ caller: SignedInCustomer; invitation: StoredInvitation; scope: InvitationScope }> {
  const caller = requireCustomer(ctx.caller);
  const scope = invitationScopeOf(caller);
  const invitation = await ctx.tx.findInvitation(scope, id);
  if (!invitation || invitation.providerId !== caller.providerId || invitation.email !== lower(caller.customer.email) || !isOpenInvitation(invitation, now)) {
    throw new Refusal(404, 'invitationNotFound');
  }
  return { caller, invitation, scope };
}

/**
 * Joins the organisation. Only the customer's record changes: cases raised before stay their own (the
 * organisation sees only those raised from now on, and any they share).
 */
export async function acceptInvitation(ctx: UseCaseContext, id: string, now: Date): Promise<Session> {
  const { caller, invitation, scope } = await myInvitation(ctx, id, now);
  if (caller.organisationId) throw new Refusal(409, 'alreadyMember');
  const joined: Customer = { ...caller.customer, organisationId: invitation.organisationId, role: invitation.role ?? 'member', organisation: invitation.organisation };
  await ctx.tx.updateCustomer(joined);
  await ctx.tx.updateInvitation(scope, { ...invitation, status: 'accepted' });
  return { scope: { kind: 'customer', customer: joined } };
}

export async function declineInvitation(ctx: UseCaseContext, id: string, now: Date): Promise<void> {
  const { invitation, scope } = await myInvitation(ctx, id, now);
  await ctx.tx.updateInvitation(scope, { ...invitation, status: 'declined' });
}

/**
 * A member leaves. The cases they raised as a member stay with the organisation (they were raised for it) and
 * stay visible to them as their own; an administrator cannot leave the organisation they run.
 */
export async function leaveOrganisation(ctx: UseCaseContext): Promise<void> {
  const caller = requireCustomer(ctx.caller);
  if (!caller.organisationId) throw new Refusal(409, 'notAMember');
  if (caller.customer.role === 'admin') throw new Refusal(409, 'adminCannotLeave');
  await ctx.tx.updateCustomer(withoutOrganisation(caller.customer));
}

/** Shares one of the caller's own cases with their organisation; sharing a shared case again changes nothing. */
export async function shareCase(ctx: UseCaseContext, c: StoredCase): Promise<StoredCase> {
  const caller = requireCustomer(ctx.caller);
  if (!caller.organisationId) throw new Refusal(409, 'notAMember');
  if (c.customerId !== caller.customer.id) throw new Refusal(409, 'notYourCase');
  if (c.organisationId === caller.organisationId) return c;
  const shared: StoredCase = { ...c, organisationId: caller.organisationId };
  await ctx.tx.updateCase(shared);
  return shared;
}

/**
 * Signing in with a code for an address that has no account but an open invitation: the account the invitation
 * offers to fill, with the name the administrator gave and no organisation until its owner accepts.
 */
export async function accountForInvitee(tx: BackOfficeTx, providerId: Customer['providerId'], email: string, now: Date): Promise<Customer | null> {
  const open = (await tx.invitationsFor({ providerId, kind: 'provider' }, lower(email))).find((i) => isOpenInvitation(i, now));
  if (!open) return null;
  const customer: Customer = { id: newId('cus'), providerId, kind: 'business', name: open.name, email: lower(email), phone: '' };
  await tx.insertCustomer(customer);
  return customer;
}

/** Whether an address has an open invitation (a code may be sent to it though it has no account yet). */
export async function hasOpenInvitation(tx: BackOfficeTx, providerId: Customer['providerId'], email: string, now: Date): Promise<boolean> {
  return (await tx.invitationsFor({ providerId, kind: 'provider' }, lower(email))).some((i) => isOpenInvitation(i, now));
}
