import { adrWait, type AdrWait } from './adr-rules';
import { isOpen, type CaseStatus } from './case-model';
import { createCalendar, type CalendarProfile } from './clocks';
import type { Clock, ClockAction, ClockUnit, ProviderProfile } from './profile-schema';
import { getScheme } from './schemes';

/** Instants may arrive as ISO strings (API) or Dates (mock back office). */
export type Instant = string | Date;
const toDate = (v: Instant): Date => (typeof v === 'string' ? new Date(v) : v);

export interface CaseClockInput {
  kind: 'complaint' | 'abuseReport';
  stageId: string;
  stageStartedAt: Instant;
  clocksMet: readonly { stageId: string; clockId: string; metAt: Instant }[];
  firstComplainedAt: Instant;
  letters: readonly { kind: 'deadlock' | 'adr'; issuedAt: Instant }[];
}

export type ClockStateName = 'met' | 'metLate' | 'due' | 'overdue' | 'waiting';

export interface ClockState {
  stageId: string;
  clockId: string;
  action: ClockAction;
  strength: Clock['strength'];
  amount: number;
  unit: ClockUnit;
  /** null while the clock it runs from has not been met (state 'waiting'). */
  dueAt: Date | null;
  metAt: Date | null;
  state: ClockStateName;
  /** 'due': working days from today (provider's local day) to the due day; 0 = due today. */
  workingDaysLeft?: number;
  /** 'overdue': working days after the due day up to today; 'metLate': up to the day it was met. Can be 0 (late the same day). */
  workingDaysOverdue?: number;
  /**
   * The same, in the clock's own unit (`unit`: working hours, clock hours, working days…): 'due' — whole units left
   * before the due time; 'overdue' / 'metLate' — whole units since it. A clock is always stated in its own unit.
   */
  unitsLeft?: number;
  unitsOverdue?: number;
}

/** The clocks running for a case: those of its current stage, or the abuse-report promise for abuse reports. */
export function clocksForCase(profile: ProviderProfile, c: Pick<CaseClockInput, 'kind' | 'stageId'>): readonly Clock[] {
  if (c.kind === 'abuseReport') return (profile.otherPromises ?? []).find((p) => p.kind === 'abuseReport')?.clocks ?? [];
  return profile.stages.find((s) => s.id === c.stageId)?.clocks ?? [];
}

/**
 * When a stage's clocks start. A stage reached by letter starts when the provider receives the letter, assumed to be
 * the opening of the stage's `assumedDeliveryWorkingDays`-th working day after the request was recorded.
 */
export function stageClockStart(profile: ProviderProfile, stageId: string, recordedAt: Date): Date {
  const days = profile.stages.find((s) => s.id === stageId)?.escalation?.assumedDeliveryWorkingDays;
  if (!days) return recordedAt;
  const cal = createCalendar(profile);
  return cal.atLocal(cal.localDay(cal.addWorkingDays(recordedAt, days)), profile.workingHours.start);
}

/** The state of every clock of the case's current stage at `now`, in the profile's order. */
export function caseClocks(profile: ProviderProfile, c: CaseClockInput, now: Date): ClockState[] {
  const clocks = clocksForCase(profile, c);
  if (clocks.length === 0) return [];
  const cal = createCalendar(profile);
  const stageStart = stageClockStart(profile, c.stageId, toDate(c.stageStartedAt));
  const metAtOf = (clockId: string): Date | null => {
    for (const m of c.clocksMet) if (m.stageId === c.stageId && m.clockId === clockId) return toDate(m.metAt);
    return null;
  };
  const out: ClockState[] = [];
  for (const clock of clocks) {
    const metAt = metAtOf(clock.id);
    const from = clock.from === 'stageStart' ? stageStart : metAtOf(clock.from);
    const dueAt = from ? cal.dueDate(clock, from) : null;
    const s: ClockState = {
      stageId: c.stageId,
      clockId: clock.id,
      action: clock.action,
      strength: clock.strength,
      amount: clock.amount,
      unit: clock.unit,
      dueAt,
      metAt,
      state: 'waiting',
    };
    if (metAt) {
      if (dueAt && metAt > dueAt) {
        s.state = 'metLate';
        s.workingDaysOverdue = cal.workingDaysBetween(dueAt, metAt);
        s.unitsOverdue = overdueUnits(cal, clock.unit, dueAt, metAt);
      } else s.state = 'met';
    } else if (dueAt) {
      if (now.getTime() <= dueAt.getTime()) {
        s.state = 'due';
        s.workingDaysLeft = Math.max(0, cal.workingDaysBetween(now, dueAt));
        s.unitsLeft = clock.unit === 'workingDays' ? s.workingDaysLeft : cal.elapsed(clock.unit, now, dueAt);
      } else {
        s.state = 'overdue';
        s.workingDaysOverdue = Math.max(0, cal.workingDaysBetween(dueAt, now));
        s.unitsOverdue = overdueUnits(cal, clock.unit, dueAt, now);
      }
    }
    out.push(s);
  }
  return out;
}

/** Day-counted clocks count the days after the due day (0 = late the same day); hour clocks the whole hours past it. */
function overdueUnits(cal: ReturnType<typeof createCalendar>, unit: ClockUnit, dueAt: Date, at: Date): number {
  return unit === 'workingDays' ? Math.max(0, cal.workingDaysBetween(dueAt, at)) : cal.elapsed(unit, dueAt, at);
}

/** The earliest unmet (due or overdue) clock of the case, or undefined when nothing is running. */
export function nextDeadline(profile: ProviderProfile, c: CaseClockInput, now: Date): ClockState | undefined {
  let best: ClockState | undefined;
  for (const s of caseClocks(profile, c, now)) {
    if ((s.state === 'due' || s.state === 'overdue') && s.dueAt && (!best || s.dueAt < best.dueAt!)) best = s;
  }
  return best;
}

// ---------- Ofcom General Condition C4: the ADR letter ----------

type AdrProfile = Pick<ProviderProfile, 'timeZone' | 'holidays' | 'workingWeek' | 'workingHours' | 'adr'>;

/**
 * The wait that applies to a complaint under its provider's scheme (./adr-rules.ts): which rule, how many weeks,
 * when the ADR letter falls due and from which day the customer may go to the scheme. Null when the scheme has
 * no wait (the Independent Assessor is reached only after the final response).
 */
export function adrWaitFor(c: Pick<CaseClockInput, 'firstComplainedAt'>, profile: AdrProfile): AdrWait | null {
  return adrWait(toDate(c.firstComplainedAt), getScheme(profile.adr.schemeId).rules, profile);
}

/**
 * When the provider must have sent the ADR letter unprompted: once the wait in force has passed since the
 * complaint was first made (docs/decisions/0060-dated-adr-rules.md). Null when the scheme has no wait.
 */
export function adrLetterDue(c: Pick<CaseClockInput, 'firstComplainedAt'>, profile: AdrProfile): Date | null {
  return adrWaitFor(c, profile)?.letterDueAt ?? null;
}

/** The back office refuses an ADR letter asked for before it is owed (or when the scheme has none). */
export function tooEarlyForAdrLetter(c: Pick<CaseClockInput, 'firstComplainedAt'>, profile: AdrProfile, at: Date): boolean {
  const due = adrLetterDue(c, profile);
  return !due || at.getTime() < due.getTime();
}

/**
 * True when the wait has passed since the first complaint and no deadlock or ADR letter has been issued, for a
 * complaint still unresolved: one resolved, closed or already referred is owed no letter (what the case page says
 * and what the timed checks record follow this one rule). Abuse reports are not complaints and never need one; a
 * scheme without a wait never needs one.
 */
export function missingAdrLetter(
  c: Pick<CaseClockInput, 'firstComplainedAt' | 'letters'> & { kind?: CaseClockInput['kind']; status: CaseStatus; referral: unknown },
  now: Date,
  profile: AdrProfile,
): boolean {
  if (c.kind === 'abuseReport') return false;
  if (!isOpen(c.status) || c.referral) return false;
  if (c.letters.some((l) => l.kind === 'deadlock' || l.kind === 'adr')) return false;
  const due = adrLetterDue(c, profile);
  return due !== null && now.getTime() >= due.getTime();
}

/**
 * The instant before which a clock still due at `now` has at most `n` working days left (`workingDaysLeft ≤ n`,
 * as `caseClocks` counts them: working days after today's local date up to the due date): the start of the
 * (n+1)-th working day after today, in the provider's time zone. The staff queue's "due today" (n = 0) and "due
 * within two working days" (n = 2) are `now ≤ dueAt < dueWithinBefore(now, n)`, so a store can filter a stored due
 * date against it.
 */
export function dueWithinBefore(profile: CalendarProfile, now: Date, n: number): Date {
  const cal = createCalendar(profile);
  let day = cal.startOfLocalDay(now);
  for (let found = 0; found <= n; ) {
    day = cal.startOfLocalDay(cal.addCalendarDays(day, 1));
    if (cal.isWorkingDay(day)) found++;
  }
  return day;
}
