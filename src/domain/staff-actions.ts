import { clocksForCase, missingAdrLetter, tooEarlyForAdrLetter, type CaseClockInput } from './case-clocks';
import type { CaseStatus } from './case-model';
import { isOpen, letterRefusal } from './cases';
import type { ClockAction, ProviderProfile } from './profile-schema';

/**
 * What the provider's staff may do to a case at its stage, and which clock each action meets — one rule, used by
 * the back office to refuse an action (with the reason) and to say which buttons the staff page shows
 * (docs/decisions/0130-staff-workspace.md). The page never works this out itself: it shows what the case
 * answer carries.
 */

export const staffActionIds = ['acknowledge', 'update', 'requestInfo', 'propose', 'moveStage', 'deadlockLetter', 'adrLetter', 'close'] as const;
export type StaffAction = (typeof staffActionIds)[number];

/** The promises of a procedure each action keeps (the clock's `action` in the profile). */
export const clockActionsOf: Record<StaffAction, readonly ClockAction[]> = {
  acknowledge: ['acknowledge'],
  update: ['update', 'assign', 'handleAbuse'],
  requestInfo: ['update', 'assign', 'handleAbuse'],
  propose: ['respond', 'resolve'],
  moveStage: [],
  deadlockLetter: [],
  adrLetter: [],
  close: [],
};

export interface StaffCaseInput extends CaseClockInput {
  status: CaseStatus;
  referral: unknown;
}

/**
 * The clock of the case's current stage an action fulfils: the first running (its start is known), unmet clock
 * whose action is one of `actions`. None: the action meets no clock.
 */
export function clockMetBy(profile: ProviderProfile, c: Pick<CaseClockInput, 'kind' | 'stageId' | 'clocksMet'>, actions: readonly ClockAction[]): string | undefined {
  const met = (clockId: string) => c.clocksMet.some((m) => m.stageId === c.stageId && m.clockId === clockId);
  return clocksForCase(profile, c).find((clock) => actions.includes(clock.action) && !met(clock.id) && (clock.from === 'stageStart' || met(clock.from)))?.id;
}

/** Why staff may not take `action` on the case now, or null when they may. */
export function staffActionRefusal(profile: ProviderProfile, c: StaffCaseInput, action: StaffAction, now: Date): string | null {
  const active = isOpen(c.status) && !c.referral;
  switch (action) {
    case 'acknowledge':
    case 'update':
    case 'requestInfo':
    case 'propose':
      return active ? null : 'caseClosed';
    case 'moveStage':
      if (!active) return 'caseClosed';
      return c.kind === 'complaint' && profile.stages.length > 1 ? null : 'noOtherStage';
    case 'deadlockLetter':
    case 'adrLetter': {
      const kind = action === 'deadlockLetter' ? 'deadlock' : 'adr';
      const refused = letterRefusal(profile, c, kind);
      if (refused) return refused;
      if (c.referral) return 'alreadyReferred';
      if (c.letters.some((l) => l.kind === kind)) return 'letterAlreadyIssued';
      // Ofcom GC C4: the ADR letter is owed once the regulator's wait has passed since the complaint was first made.
      if (kind === 'adr' && tooEarlyForAdrLetter(c, profile, now)) return 'tooEarlyForAdrLetter';
      if (kind === 'deadlock' && !isOpen(c.status)) return 'caseClosed';
      return null;
    }
    case 'close':
      return c.status === 'closed' ? 'caseClosed' : null;
  }
}

export interface StaffActionState {
  action: StaffAction;
  allowed: boolean;
  reason?: string;
  /** The clock (of the current stage) this action would meet. */
  meetsClock?: string;
  /** The regulator's ADR letter, owed now (`missingAdrLetter`): a deadlock or ADR letter meets it. */
  meetsAdrLetter?: true;
}

/** A letter that ends the wait: the deadlock letter or the ADR letter (either one, as `missingAdrLetter` counts them). */
const lettersMeetingAdr: readonly StaffAction[] = ['deadlockLetter', 'adrLetter'];

/** Every action with whether the case's stage allows it now, and the clock (or the owed ADR letter) it would meet. */
export function staffActions(profile: ProviderProfile, c: StaffCaseInput, now: Date): StaffActionState[] {
  return staffActionIds.map((action) => {
    const reason = staffActionRefusal(profile, c, action, now);
    const meetsClock = reason ? undefined : clockMetBy(profile, c, clockActionsOf[action]);
    const meetsAdrLetter = reason === null && lettersMeetingAdr.includes(action) && missingAdrLetter(c, now, profile);
    return { action, allowed: reason === null, ...(reason ? { reason } : {}), ...(meetsClock ? { meetsClock } : {}), ...(meetsAdrLetter ? { meetsAdrLetter: true as const } : {}) };
  });
}
