import type { TFunction } from 'i18next';
import type { ClockState } from '@/domain/case-clocks';

/** The slice of i18next's `t` the wording needs (keys in the `cases` namespace). */
export type Translate = TFunction<readonly ['cases', 'common']>;

export interface ClockWording {
  /** "Due in 3 working days", "Met on Tue 22 Dec 2026", "Overdue by 1 working day" */
  text: string;
  /** the tag style: overdue and late are red, met is green, the rest grey */
  tone: 'overdue' | 'met' | 'due' | 'waiting';
}

/**
 * What a clock's state means to the customer, in their language, with the locale's plural forms.
 * Pure: the numbers come from the domain's clock engine (provider's calendar and time zone),
 * the date formatting from the caller (the user's locale, the provider's time zone).
 */
export function clockWording(
  state: Pick<ClockState, 'state' | 'metAt' | 'dueAt' | 'unit' | 'unitsLeft' | 'unitsOverdue'>,
  t: Translate,
  formatDate: (d: Date) => string,
): ClockWording {
  // Each clock in its own unit (issue 22 point 11): "Due in 5 working hours", "Overdue by 3 hours", "Due in 2 working days".
  const period = (count: number) => t(`common:clockUnits.${state.unit}`, { count });
  const hours = state.unit === 'workingHours' || state.unit === 'calendarHours';
  switch (state.state) {
    case 'met':
      return { text: t('cases:clock.met', { date: state.metAt ? formatDate(state.metAt) : '' }), tone: 'met' };
    case 'metLate': {
      const count = state.unitsOverdue ?? 0;
      return {
        text: count > 0
          ? t('cases:clock.metLate', { date: state.metAt ? formatDate(state.metAt) : '', period: period(count) })
          : t('cases:clock.metLateSameDay', { date: state.metAt ? formatDate(state.metAt) : '' }),
        tone: 'overdue',
      };
    }
    case 'due': {
      const count = state.unitsLeft ?? 0;
      return { text: count > 0 ? t('cases:clock.dueIn', { period: period(count) }) : t(hours ? 'cases:clock.dueWithinHour' : 'cases:clock.dueToday'), tone: 'due' };
    }
    case 'overdue': {
      const count = state.unitsOverdue ?? 0;
      return { text: count > 0 ? t('cases:clock.overdueBy', { period: period(count) }) : t(hours ? 'cases:clock.overdueWithinHour' : 'cases:clock.overdueToday'), tone: 'overdue' };
    }
    case 'waiting':
      return { text: t('cases:clock.waiting'), tone: 'waiting' };
  }
}

/** Dates as the user reads them, on the provider's calendar: "Tue 22 Dec 2026" / "mar 22 dic 2026". */
const formatters = new Map<string, (d: Date) => string>();

/** Formatters are costly to build and a long list mounts rows as it scrolls: one per locale, zone and style. */
export function makeDateFormatter(locale: string, timeZone: string, withTime = false): (d: Date) => string {
  const key = `${locale}|${timeZone}|${withTime}`;
  let format = formatters.get(key);
  if (!format) formatters.set(key, (format = buildDateFormatter(locale, timeZone, withTime)));
  return format;
}

function buildDateFormatter(locale: string, timeZone: string, withTime: boolean): (d: Date) => string {
  const f = new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
    timeZone,
  });
  return (d) => f.format(d).replace(/,(?= \d{1,2}:)/, '').replace(/^(\p{L}+),/u, '$1');
}
