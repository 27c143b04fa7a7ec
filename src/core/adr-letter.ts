import type { Letter } from '@/api/schemas';
import { adrLetterDue } from '@/domain/case-clocks';
import { letterRequestRefusal } from '@/domain/case-actions';
import { isOpen } from '@/domain/cases';
import type { ProviderProfile } from '@/domain/profile-schema';
import { issueLetter, type CaseChange } from './case-ops';

/**
 * The ADR letter on time, by itself (Ofcom GC C4; docs/decisions/0140-notifications.md): when the regulator's wait
 * passes with no deadlock or ADR letter, the back office issues the ADR letter, dated the instant it fell due —
 * unless the provider's setting `adr.automaticLetter` is false. The server's case check (./timed-checks.ts) runs at
 * that instant; the simulated back office as its clock moves past it (./use-cases.ts).
 */

/**
 * How late a check may still issue the letter itself. A letter owed for longer — the back office was not running
 * then, or the case's history comes from before it — is left to staff, who are alerted (an `adrLetterDue` event).
 */
export const AUTOMATIC_LETTER_GRACE_MS = 86_400_000;

export function automaticLetterOn(profile: Pick<ProviderProfile, 'adr'>): boolean {
  return profile.adr.automaticLetter !== false;
}

/** When the case's ADR letter falls due and none has been issued (and the case still needs one), else null. */
export function adrLetterOwed(c: CaseChange['c'], profile: ProviderProfile): Date | null {
  if (c.kind !== 'complaint' || !isOpen(c.status) || c.referral) return null;
  if (c.letters.some((l) => l.kind === 'deadlock' || l.kind === 'adr')) return null;
  return adrLetterDue(c, profile);
}

/**
 * Issues the ADR letter on `change` if it fell due by `now` and no earlier than `since` (when the back office was
 * running to issue it), and the provider has not turned this off. Returns the letter, or null.
 */
export function issueDueAdrLetter(profile: ProviderProfile, change: CaseChange, now: Date, since: Date): Letter | null {
  if (!automaticLetterOn(profile)) return null;
  const due = adrLetterOwed(change.c, profile);
  if (!due || due.getTime() > now.getTime() || due.getTime() <= since.getTime()) return null;
  // A letter the procedure does not allow now is left to staff (alerted), never a failing job.
  if (letterRequestRefusal(profile, change.c, 'adr', due)) return null;
  const updatedAt = change.c.updatedAt;
  const letter = issueLetter(profile, change, due, 'adr', 'system');
  // Dated when it fell due; the case's last change stays the latest one.
  if (Date.parse(updatedAt) > due.getTime()) change.c.updatedAt = updatedAt;
  return letter;
}
