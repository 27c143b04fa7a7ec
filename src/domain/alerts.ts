import { caseClocks, type CaseClockInput, type ClockState } from './case-clocks';
import { createCalendar } from './clocks';
import type { ProviderProfile } from './profile-schema';

/**
 * When staff are alerted (issue 23.6, docs/decisions/0133-staff-alerts.md), from the same clocks the queue shows.
 *
 * An agent is told of a clock of a case assigned to them on the working day before it falls due: the clock is
 * still due (unmet, not overdue) with at most one working day left (`workingDaysLeft` ≤ 1, counted by the
 * procedure's calendar, holidays and all). A case assigned later than that is told of at once, while still due.
 */
export function clocksToAlert(profile: ProviderProfile, c: CaseClockInput, now: Date): ClockState[] {
  return caseClocks(profile, c, now).filter((s) => s.state === 'due' && s.dueAt !== null && (s.workingDaysLeft ?? 0) <= 1);
}

/**
 * The provider's local day whose daily summary managers are owed at `now`: a working day, from the start of its
 * working hours (null otherwise). One summary per manager per such day.
 */
export function summaryDayAt(profile: ProviderProfile, now: Date): string | null {
  const cal = createCalendar(profile);
  if (!cal.isWorkingDay(now)) return null;
  const day = cal.localDay(now);
  return now.getTime() >= cal.atLocal(day, profile.workingHours.start).getTime() ? day : null;
}
