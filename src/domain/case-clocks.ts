import { createCalendar } from './clocks';
import type { Clock, ClockAction, ClockUnit, ProviderProfile } from './profile-schema';

/** Instants may arrive as ISO strings (API) or Dates (mock back office). */
export type Instant = string | Date;
const toDate = (v: Instant): Date => (typeof v === 'string' ? new Date(v) : v);

export interface CaseClockInput {
  kind: 'complaint' | 'abuseReport';
  stageId: string;
  stageStartedAt: Instant;
  clocksMet: readonly { stageId: string; clockId: string; metAt: Instant }[];
  firstComplainedAt: Instant;
  letters: readonly { kind: 'deadlock' | 'adr8Weeks'; issuedAt: Instant }[];
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
}

/** The clocks running for a case: those of its current stage, or the abuse-report promise for abuse reports. */
export function clocksForCase(profile: ProviderProfile, c: Pick<CaseClockInput, 'kind' | 'stageId'>): readonly Clock[] {
  if (c.kind === 'abuseReport') return (profile.otherPromises ?? []).find((p) => p.kind === 'abuseReport')?.clocks ?? [];
  return profile.stages.find((s) => s.id === c.stageId)?.clocks ?? [];
}

/** The state of every clock of the case's current stage at `now`, in the profile's order. */
export function caseClocks(profile: ProviderProfile, c: CaseClockInput, now: Date): ClockState[] {
  const clocks = clocksForCase(profile, c);
  if (clocks.length === 0) return [];
  const cal = createCalendar(profile);
  const stageStart = toDate(c.stageStartedAt);
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
      } else s.state = 'met';
    } else if (dueAt) {
      if (now.getTime() <= dueAt.getTime()) {
        s.state = 'due';
        s.workingDaysLeft = Math.max(0, cal.workingDaysBetween(now, dueAt));
      } else {
        s.state = 'overdue';
        s.workingDaysOverdue = Math.max(0, cal.workingDaysBetween(dueAt, now));
      }
    }
    out.push(s);
  }
  return out;
}

/** The earliest unmet (due or overdue) clock of the case, or undefined when nothing is running. */
export function nextDeadline(profile: ProviderProfile, c: CaseClockInput, now: Date): ClockState | undefined {
  let best: ClockState | undefined;
  for (const s of caseClocks(profile, c, now)) {
    if ((s.state === 'due' || s.state === 'overdue') && s.dueAt && (!best || s.dueAt < best.dueAt!)) best = s;
  }
  return best;
}

// ---------- Ofcom General Condition C4: the 8-week ADR letter ----------

const ADR_WEEKS = 8;
type TimeZoned = Pick<ProviderProfile, 'timeZone' | 'holidays' | 'workingWeek' | 'workingHours'>;
const londonDefault: TimeZoned = {
  timeZone: 'Europe/London',
  holidays: { country: 'GB', region: 'ENG' },
  workingWeek: ['mon', 'tue', 'wed', 'thu', 'fri'],
  workingHours: { start: '09:00', end: '17:30' },
};

/**
 * When the provider must have sent the ADR letter unprompted: 8 weeks (56 calendar days, same local time)
 * after the complaint was first made, in the provider's time zone (Europe/London unless a profile is given).
 */
export function adrLetterDue(c: Pick<CaseClockInput, 'firstComplainedAt'>, profile: TimeZoned = londonDefault): Date {
  return createCalendar(profile).addWeeks(toDate(c.firstComplainedAt), ADR_WEEKS);
}

/**
 * True when 8 weeks have passed since the first complaint and no deadlock or 8-week ADR letter has been issued.
 * Abuse reports are not complaints and never need one.
 */
export function missingAdrLetter(
  c: Pick<CaseClockInput, 'firstComplainedAt' | 'letters'> & { kind?: CaseClockInput['kind'] },
  now: Date,
  profile: TimeZoned = londonDefault,
): boolean {
  if (c.kind === 'abuseReport') return false;
  if (c.letters.some((l) => l.kind === 'deadlock' || l.kind === 'adr8Weeks')) return false;
  return now.getTime() >= adrLetterDue(c, profile).getTime();
}
