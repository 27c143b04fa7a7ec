import type { Customer, InviteMember, Member, MembersResponse } from '@/api/schemas';
import { getProfile } from '@/domain/profiles';
import { composeMail, type ComposedMail } from './mail';
import type { Caller } from './ports';
import { Refusal } from './problem';
import { newId } from './references';
import type { UseCaseContext } from './use-cases';

/**
 * A small business is an organisation whose members all see its cases (docs/decisions/0082-organisations.md).
 * Its administrator adds members by email — they are told by mail, then sign in with a code — and removes them; a removed
 * member's sessions end in the same unit of work, so they lose the organisation's cases at once.
 */

type Admin = Extract<Caller, { kind: 'customer' }> & { organisationId: string };

function requireAdmin(caller: Caller): Admin {
  if (caller.kind === 'anonymous' || caller.kind === 'provider') throw new Refusal(401, 'signInRequired');
  if (caller.kind !== 'customer' || !caller.organisationId || caller.customer.role !== 'admin') throw new Refusal(403, 'notAdmin');
  return caller as Admin;
}

const memberOf = (c: Customer): Member => ({ id: c.id, name: c.name, email: c.email, role: c.role === 'admin' ? 'admin' : 'member' });

export async function listMembers(ctx: UseCaseContext): Promise<MembersResponse> {
  const admin = requireAdmin(ctx.caller);
  const members = await ctx.tx.organisationMembers(admin.providerId, admin.organisationId);
  return { organisation: admin.customer.organisation ?? '', members: members.map(memberOf) };
}

/**
 * Adds a member and writes the invitation mail (in `input.lng`, English when not given); the caller sends it
 * once the unit of work has committed. `origin` is the portal's address, for the link to its sign-in page.
 */
export async function inviteMember(ctx: UseCaseContext, input: InviteMember, origin: string): Promise<{ member: Member; mail: ComposedMail }> {
  const admin = requireAdmin(ctx.caller);
  const lng = input.lng ?? 'en';
  const invitation = (member: Member) =>
    composeMail(
      'invitation',
      { providerId: admin.providerId, address: member.email, lng },
      {
        name: member.name,
        admin: admin.customer.name,
        organisation: admin.customer.organisation ?? '',
        provider: getProfile(admin.providerId).name,
        link: `${origin}/sign-in?lng=${lng}`,
      },
    );
  const existing = await ctx.tx.findCustomerByEmail(admin.providerId, input.email);
  const link = {
    organisationId: admin.organisationId,
    role: 'member' as const,
    ...(admin.customer.organisation ? { organisation: admin.customer.organisation } : {}),
  };
  if (existing) {
    // Someone in an organisation already (this one or another) is not moved by an invitation.
    if (existing.organisationId) throw new Refusal(409, 'alreadyMember', [{ path: 'email', code: 'alreadyMember' }]);
    const joined: Customer = { ...existing, ...link };
    await ctx.tx.updateCustomer(joined);
    const member = memberOf(joined);
    return { member, mail: invitation(member) };
  }
  const customer: Customer = {
    id: newId('cus'),
    providerId: admin.providerId,
    kind: 'business',
    ...(admin.customer.employees !== undefined ? { employees: admin.customer.employees } : {}),
    name: input.name,
    email: input.email.trim(),
    phone: '',
    ...link,
  };
  await ctx.tx.insertCustomer(customer);
  const member = memberOf(customer);
  return { member, mail: invitation(member) };
}

export async function removeMember(ctx: UseCaseContext, id: string): Promise<void> {
  const admin = requireAdmin(ctx.caller);
  const found = await ctx.tx.findCustomer(admin.providerId, id);
  const member = found?.organisationId === admin.organisationId ? found : null;
  if (!member) throw new Refusal(404, 'memberNotFound');
  if (member.id === admin.customer.id) throw new Refusal(409, 'cannotRemoveSelf');
  const { organisationId: _organisationId, role: _role, organisation: _organisation, ...own } = member;
  await ctx.tx.updateCustomer(own);
  await ctx.tx.deleteCustomerSessions(admin.providerId, member.id);
}
