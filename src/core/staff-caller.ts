import type { StaffMember } from '@/api/schemas';
import type { ProviderId } from '@/domain/profile-schema';
import type { BackOfficeTx, Caller } from './ports';
import { Refusal } from './problem';

/** A signed-in member of the provider's staff (docs/decisions/0130-staff-workspace.md). */
export type StaffCaller = Extract<Caller, { kind: 'staff' }>;

export function requireStaff(caller: Caller): StaffCaller {
  if (caller.kind === 'staff') return caller;
  if (caller.kind === 'anonymous') throw new Refusal(401, 'signInRequired');
  throw new Refusal(403, 'staffOnly');
}

/** A current member of the provider's staff (not removed) by id, or null: who may sign in, act, be removed or be given a case. */
export async function currentStaffMember(tx: BackOfficeTx, providerId: ProviderId, id: string): Promise<StaffMember | null> {
  const member = await tx.findStaffMember(providerId, id);
  return member && member.removedAt === null ? member : null;
}
