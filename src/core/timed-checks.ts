import type { TimelineEvent } from '@/api/schemas';
import { adrLetterDue, caseClocks } from '@/domain/case-clocks';
import { isOpen } from '@/domain/cases';
import type { ProviderId } from '@/domain/profile-schema';
import { getProfile } from '@/domain/profiles';
import { AUTOMATIC_LETTER_GRACE_MS, issueDueAdrLetter } from './adr-letter';
import { record, type CaseChange } from './case-ops';
import type { BackOfficeStore, StoredCase } from './ports';
import { saveChange } from './use-cases';

/**
 * Timed transitions (docs/decisions/0091-timed-case-checks.md): what a case check records when a promised time
 * passes unmet. A clock of the current stage that passes its due date without being met gets one
 * `clockOverdue` system event (its `strength` says whether a commitment was broken or an aim — a target — was
 * missed: the portal never calls a missed aim a broken promise); a complaint whose ADR letter (Ofcom GC C4) falls due without one gets one
 * `adrLetterDue` system event — or, on the day it falls due, the ADR letter itself (./adr-letter.ts). Each exactly once: a check looks at the events already recorded, in the same
 * unit of work (and the server's store has a unique index as the last word). The server runs a check as a job
 * at `nextCheckAt`; the rules are here.
 */

export type DueCheck =
  | { type: 'clockOverdue'; stageId: string; clockId: string; strength: 'commitment' | 'aim'; dueAt: Date; triggerAt: Date }
  | { type: 'adrLetterDue'; dueAt: Date; triggerAt: Date };

function recorded(events: readonly TimelineEvent[], check: DueCheck): boolean {
  return events.some((e) => {
    if (e.type !== check.type || e.actor !== 'system') return false;
    if (check.type === 'adrLetterDue') return true;
    return e.stageId === check.stageId && e.data?.overdueClockId === check.clockId && e.data.dueAt === check.dueAt.toISOString();
  });
}

/** Every timed fact of the case not yet recorded, whenever it falls due (past or future). */
export function pendingChecks(c: StoredCase, events: readonly TimelineEvent[]): DueCheck[] {
  if (!isOpen(c.status) || c.referral) return [];
  const profile = getProfile(c.providerId);
  const checks: DueCheck[] = [];
  // A clock is overdue once the instant is past its due date (domain caseClocks: now > dueAt).
  for (const s of caseClocks(profile, c, new Date(c.stageStartedAt))) {
    if (s.metAt || !s.dueAt) continue;
    checks.push({ type: 'clockOverdue', stageId: s.stageId, clockId: s.clockId, strength: s.strength, dueAt: s.dueAt, triggerAt: new Date(s.dueAt.getTime() + 1) });
  }
  if (c.kind === 'complaint' && !c.letters.some((l) => l.kind === 'deadlock' || l.kind === 'adr')) {
    const due = adrLetterDue(c, profile);
    if (due) checks.push({ type: 'adrLetterDue', dueAt: due, triggerAt: due });
  }
  return checks.filter((check) => !recorded(events, check));
}

/** When the case next needs a check, or null when nothing timed is pending. */
export function nextCheckAt(c: StoredCase, events: readonly TimelineEvent[]): Date | null {
  let next: Date | null = null;
  for (const check of pendingChecks(c, events)) if (!next || check.triggerAt < next) next = check.triggerAt;
  return next;
}

/** Records, on `change`, every check due at `now`; returns how many. */
export function recordDueChecks(change: CaseChange, events: readonly TimelineEvent[], now: Date): number {
  let count = 0;
  const profile = getProfile(change.c.providerId);
  for (const check of pendingChecks(change.c, [...events, ...change.events])) {
    if (check.triggerAt.getTime() > now.getTime()) continue;
    // The ADR letter goes out by itself on the day it falls due (./adr-letter.ts); found owed for longer, or with the
    // provider's setting off, staff are alerted by the adrLetterDue event instead.
    if (check.type === 'adrLetterDue' && issueDueAdrLetter(profile, change, now, new Date(now.getTime() - AUTOMATIC_LETTER_GRACE_MS))) {
      count += 1;
      continue;
    }
    const data: Record<string, string> = { dueAt: check.dueAt.toISOString() };
    if (check.type === 'clockOverdue') {
      data.overdueClockId = check.clockId;
      // An aim ("we aim to", "ideally within") passed is a target missed, never a broken promise: the event says which.
      data.strength = check.strength;
    }
    record(change, now, check.type, 'system', { data });
    count += 1;
  }
  return count;
}

/**
 * One case check, as the provider's own system: loads the case, records what has fallen due and returns when
 * the next check is needed (null: none). A late, early or repeated check is harmless.
 */
export async function runCaseCheck(store: BackOfficeStore, providerId: ProviderId, reference: string, now: Date): Promise<Date | null> {
  return store.transaction(async (tx) => {
    // Locked: a staff action committing meanwhile is waited for and read, not overwritten by this check's older copy.
    const c = await tx.findCase({ providerId, kind: 'provider' }, reference, { lock: true });
    if (!c) return null;
    const timeline = await tx.timeline(reference);
    const change: CaseChange = { c, events: [] };
    recordDueChecks(change, timeline, now);
    await saveChange(tx, change);
    return nextCheckAt(c, [...timeline, ...change.events]);
  });
}

/**
 * Every open case of the provider checked at `now` (`runCaseCheck` each): what the jobs would record on them, at once.
 * The demo server runs it once its seeded cases are written (`seedOnce`'s `afterSeed`), so that what had fallen due
 * on them by the demo's clock is on their timelines before anyone acts on them: recorded later by the jobs, it
 * changed a case under a staff member's next action, which was then refused as made on a stale case.
 */
export async function runDueCaseChecks(store: BackOfficeStore, providerId: ProviderId, now: Date): Promise<void> {
  const open = await store.transaction((tx) => tx.openCases({ providerId, kind: 'provider' }));
  for (const c of open) await runCaseCheck(store, providerId, c.reference, now);
}
