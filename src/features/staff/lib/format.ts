import type { TFunction } from 'i18next';
import type { StaffClock } from '@/api/schemas';

/** Dates on the provider's calendar (its time zone), in the reader's language: "Tue 22 Dec 2026, 10:00". */
export function dateFormatter(locale: string, timeZone: string, withTime: boolean): (iso: string) => string {
  const f = new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}), timeZone });
  return (iso) => f.format(new Date(iso));
}

/** A clock counted in hours shows the hour it falls due; one counted in days, the day. */
export const countsHours = (clock: Pick<StaffClock, 'unit'>) => clock.unit === 'workingHours' || clock.unit === 'calendarHours';

/** "Acknowledgement due in 2 working days", "Resolution overdue by 1 working day", "… met on …": from the domain's clock state. */
export function clockText(clock: StaffClock, name: string, t: TFunction<readonly ['staff']>, format: (iso: string) => string): string {
  switch (clock.state) {
    case 'met':
      return t('staff:clock.met', { name, date: clock.metAt ? format(clock.metAt) : '' });
    case 'metLate':
      return t('staff:clock.metLate', { name, date: clock.metAt ? format(clock.metAt) : '' });
    case 'due':
      return clock.workingDaysLeft ? t('staff:clock.dueIn', { name, count: clock.workingDaysLeft }) : t('staff:clock.dueToday', { name });
    case 'overdue':
      return clock.workingDaysOverdue ? t('staff:clock.overdueBy', { name, count: clock.workingDaysOverdue }) : t('staff:clock.overdueToday', { name });
    case 'waiting':
      return t('staff:clock.waiting', { name });
  }
}

export const clockTone = (clock: Pick<StaffClock, 'state'>) =>
  clock.state === 'overdue' || clock.state === 'metLate' ? 'tag tag-overdue' : clock.state === 'met' ? 'tag tag-met' : clock.state === 'waiting' ? 'tag tag-grey' : 'tag';

/** A text field of a submitted form ('' when absent or a file). */
export function formText(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === 'string' ? value.trim() : '';
}
