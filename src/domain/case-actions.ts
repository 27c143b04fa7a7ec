import type { CaseStatus } from './case-model';
import { tooEarlyForAdrLetter } from './case-clocks';
import { isOpen, letterRefusal, nextStageId, providerMovesTo } from './cases';
import type { ProviderProfile } from './profile-schema';

/**
 * What a customer may do next on a case, each as the reason it is refused (null: allowed). The back office
 * refuses with these (src/core/case-ops.ts) and the portal shows or explains with the same ones
 * (src/features/adr/components/adr-panel.tsx), so the two cannot differ.
 */

export type LetterKind = 'deadlock' | 'adr';

/** What the rules read of a case. */
export interface CaseState {
  kind: string;
  status: CaseStatus;
  stageId: string;
  /** Set once the case was referred to the scheme. */
  referral: object | null;
  firstComplainedAt: string;
  letters: readonly { kind: LetterKind }[];
}

/** A case still open to the customer's comments and evidence: not resolved, closed or referred. */
export function changeRefusal(c: Pick<CaseState, 'status' | 'referral'>): 'caseClosed' | null {
  return c.status === 'resolved' || c.status === 'closed' || c.referral ? 'caseClosed' : null;
}

export type EscalationRefusal = 'referred' | 'closed' | 'deadlock' | 'lastStage' | 'providerMoves';

/** Why the customer may not ask to move the case to the next stage, or null when they may. */
export function escalationRefusal(profile: ProviderProfile, c: Pick<CaseState, 'status' | 'stageId' | 'referral'>): EscalationRefusal | null {
  if (c.referral) return 'referred';
  if (c.status === 'resolved' || c.status === 'closed') return 'closed';
  if (c.status === 'deadlock') return 'deadlock';
  const next = nextStageId(profile, c.stageId);
  if (!next) return 'lastStage';
  // The provider takes the complaint to the next stage itself (Miso: "we shall undertake…"): nothing to ask for.
  if (providerMovesTo(profile, next)) return 'providerMoves';
  return null;
}

export type LetterRequestRefusal = 'notAComplaint' | 'noLetterInProcedure' | 'finalResponseLater' | 'deadlockLater' | 'alreadyReferred' | 'tooEarlyForAdrLetter' | 'caseClosed';

/**
 * Why a letter of this kind may not be issued on the case now, or null when it may (asking again for one
 * already issued is allowed: the same letter is answered).
 */
export function letterRequestRefusal(profile: ProviderProfile, c: CaseState, kind: LetterKind, now: Date): LetterRequestRefusal | null {
  if (c.kind !== 'complaint') return 'notAComplaint';
  const refused = letterRefusal(profile, c, kind);
  if (refused) return refused;
  if (c.referral) return 'alreadyReferred';
  if (c.letters.some((l) => l.kind === kind)) return null;
  // Ofcom GC C4: the ADR letter is owed once the regulator's wait in force has passed since the first complaint.
  if (kind === 'adr' && tooEarlyForAdrLetter(c, profile, now)) return 'tooEarlyForAdrLetter';
  if (kind === 'deadlock' && !isOpen(c.status)) return 'caseClosed';
  return null;
}
