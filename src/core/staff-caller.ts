import type { Caller } from './ports';
import { Refusal } from './problem';

/** A signed-in member of the provider's staff (docs/decisions/0130-staff-workspace.md). */
export type StaffCaller = Extract<Caller, { kind: 'staff' }>;

export function requireStaff(caller: Caller): StaffCaller {
  if (caller.kind === 'staff') return caller;
  if (caller.kind === 'anonymous') throw new Refusal(401, 'signInRequired');
  throw new Refusal(403, 'staffOnly');
}
