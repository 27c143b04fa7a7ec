// Public holidays computed by the maintained date-holidays library for each jurisdiction the profiles
// use (npm run holidays:gen; scripts/holiday-data.test.ts fails when the library would say otherwise).
import holidayData from './holiday-data.json' with { type: 'json' };
import { tzOffset } from '@date-fns/tz';
import type { Clock, ProviderProfile, Weekday } from './profile-schema';

/**
 * The clock engine. All inputs and outputs are instants (`Date`); every computation is done on the
 * provider's local calendar (profile.timeZone), so daylight-saving changes and the provider's public
 * holidays are honoured whatever the user's own time zone or language.
 *
 * Rules (docs/decisions/0003-clock-rules.md):
 * - A complaint received outside business hours, or on a non-working day, counts from the start of the
 *   next working day (workingDays / workingHours clocks only).
 * - "within N working days" is due at the END of business (workingHours.end) on the Nth working day after
 *   the (effective) day of receipt.
 * - "within N working hours" consumes only business hours on working days.
 * - calendarDays / weeks count every day and keep the local wall-clock time across DST (8 weeks = 56 days,
 *   same local time); calendarHours are elapsed hours counted from the actual instant.
 */

export interface Calendar {
  isWorkingDay(date: Date): boolean;
  addWorkingDays(from: Date, n: number): Date;
  addWorkingHours(from: Date, n: number): Date;
  addCalendarHours(from: Date, n: number): Date;
  addCalendarDays(from: Date, n: number): Date;
  addWeeks(from: Date, n: number): Date;
  /** Signed count of working days after a's local day up to and including b's local day. */
  workingDaysBetween(a: Date, b: Date): number;
  /**
   * Whole units of a clock's own kind from a to b (a ≤ b; 0 otherwise): working days as `workingDaysBetween`,
   * working hours inside business hours on working days only, clock hours, calendar days and weeks by local date.
   */
  elapsed(unit: Clock['unit'], a: Date, b: Date): number;
  /** When a clock that started at `from` runs out. */
  dueDate(clock: Pick<Clock, 'amount' | 'unit'>, from: Date): Date;
  /** Start (00:00 local) of the local day that contains `date`. */
  startOfLocalDay(date: Date): Date;
  /** Last instant (23:59:59.999 local) of the local day that contains `date`. */
  endOfLocalDay(date: Date): Date;
  /** The local calendar date of an instant as 'YYYY-MM-DD'. */
  localDay(date: Date): string;
  /** The instant of a local wall-clock time ('HH:mm', default 00:00) on a local calendar date 'YYYY-MM-DD'. */
  atLocal(day: string, hhmm?: string): Date;
  readonly timeZone: string;
}

const DAY_MS = 86_400_000;
const weekdayIndex: Record<Weekday, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

/** Day number: days since 1970-01-01 of a local calendar date. 1970-01-01 was a Thursday. */
const dayNumber = (y: number, m0: number, d: number) => Math.round(Date.UTC(y, m0, d) / DAY_MS);
const weekdayOf = (dn: number) => (((dn + 4) % 7) + 7) % 7;
const yearOf = (dn: number) => new Date(dn * DAY_MS).getUTCFullYear();

// ---------- public holidays: one set of day numbers per jurisdiction, built on first use ----------

interface HolidayStore {
  days: Set<number>;
}
const holidayStores = new Map<string, HolidayStore>();
const holidayDays: Record<string, string[] | undefined> = holidayData.days;

function holidayStore(country: string, region: string | undefined): HolidayStore {
  const key = region ? `${country}-${region}` : country;
  let store = holidayStores.get(key);
  if (!store) {
    const dates = holidayDays[key];
    if (!dates) throw new Error(`No public holidays for ${key}: add it to scripts/holiday-subset.ts and run npm run holidays:gen`);
    store = { days: new Set(dates.map((d) => dayNumber(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))))) };
    holidayStores.set(key, store);
  }
  return store;
}

function isHoliday(store: HolidayStore, dn: number): boolean {
  const year = yearOf(dn);
  if (year < holidayData.from || year > holidayData.to) {
    throw new RangeError(`Public holidays are known for ${holidayData.from}–${holidayData.to}, not ${year}`);
  }
  return store.days.has(dn);
}

const parseHhmm = (s: string) => (Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5))) * 60_000;

export type CalendarProfile = Pick<ProviderProfile, 'timeZone' | 'holidays' | 'workingWeek' | 'workingHours'>;

const calendars = new WeakMap<object, Calendar>();

/** A calendar for a profile. Memoised per profile object, so repeated calls over a list are cheap. */
export function createCalendar(profile: CalendarProfile): Calendar {
  const cached = calendars.get(profile);
  if (cached) return cached;
  const cal = buildCalendar(profile);
  calendars.set(profile, cal);
  return cal;
}

function buildCalendar(profile: CalendarProfile): Calendar {
  const tz = profile.timeZone;
  const store = holidayStore(profile.holidays.country, profile.holidays.region);
  const weekdays = new Array<boolean>(7).fill(false);
  for (const w of profile.workingWeek) weekdays[weekdayIndex[w]] = true;
  const startMs = parseHhmm(profile.workingHours.start);
  const endMs = parseHhmm(profile.workingHours.end);
  if (endMs <= startMs) throw new RangeError(`workingHours must end after they start`);

  const wdMemo = new Map<number, boolean>();
  const isWD = (dn: number): boolean => {
    let v = wdMemo.get(dn);
    if (v === undefined) {
      v = weekdays[weekdayOf(dn)] === true && !isHoliday(store, dn);
      wdMemo.set(dn, v);
    }
    return v;
  };
  const nextWD = (dn: number) => {
    let d = dn + 1;
    while (!isWD(d)) d++;
    return d;
  };

  // UTC offsets come from @date-fns/tz (Intl time-zone data), cached per 15-minute slot: every real-world
  // transition happens on a quarter hour, and a list of 10,000 cases asks for the same few offsets again and again.
  const offsetMemo = new Map<number, number>();
  const offsetMs = (instantMs: number): number => {
    const slot = Math.floor(instantMs / 900_000);
    let o = offsetMemo.get(slot);
    if (o === undefined) {
      o = tzOffset(tz, new Date(slot * 900_000)) * 60_000;
      offsetMemo.set(slot, o);
    }
    return o;
  };

  /** Local day number and milliseconds since local midnight (wall clock). */
  const toLocal = (instant: Date): { dn: number; ms: number } => {
    const t = instant.getTime();
    const local = t + offsetMs(t);
    const dn = Math.floor(local / DAY_MS);
    return { dn, ms: local - dn * DAY_MS };
  };
  /** The instant of a local wall-clock time. A time skipped by a DST change moves forward; a repeated one takes the later. */
  const fromLocal = (dn: number, ms: number): Date => {
    const local = dn * DAY_MS + ms;
    const guess = local - offsetMs(local);
    return new Date(local - offsetMs(guess));
  };

  /** Received outside business hours or on a non-working day → start of the next working day. */
  const effectiveStart = (from: Date) => {
    const { dn, ms } = toLocal(from);
    if (isWD(dn)) {
      if (ms < startMs) return { dn, ms: startMs };
      if (ms < endMs) return { dn, ms };
    }
    return { dn: nextWD(dn), ms: startMs };
  };

  const countWD = (loExclusive: number, hiInclusive: number) => {
    let n = 0;
    for (let d = loExclusive + 1; d <= hiInclusive; d++) if (isWD(d)) n++;
    return n;
  };

  const nonNegative = (n: number, what: string) => {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`${what}: expected a whole number ≥ 0, got ${n}`);
  };

  const cal: Calendar = {
    timeZone: tz,
    isWorkingDay: (date) => isWD(toLocal(date).dn),
    addWorkingDays(from, n) {
      nonNegative(n, 'addWorkingDays');
      let { dn } = effectiveStart(from);
      for (let i = 0; i < n; i++) dn = nextWD(dn);
      return fromLocal(dn, endMs);
    },
    addWorkingHours(from, n) {
      if (!(n >= 0)) throw new RangeError(`addWorkingHours: expected ≥ 0, got ${n}`);
      let { dn, ms } = effectiveStart(from);
      let need = Math.round(n * 3_600_000);
      for (;;) {
        const available = endMs - ms;
        if (need <= available) return fromLocal(dn, ms + need);
        need -= available;
        dn = nextWD(dn);
        ms = startMs;
      }
    },
    addCalendarHours: (from, n) => new Date(from.getTime() + n * 3_600_000),
    addCalendarDays(from, n) {
      const { dn, ms } = toLocal(from);
      return fromLocal(dn + n, ms);
    },
    addWeeks(from, n) {
      return cal.addCalendarDays(from, 7 * n);
    },
    workingDaysBetween(a, b) {
      const da = toLocal(a).dn;
      const db = toLocal(b).dn;
      return db >= da ? countWD(da, db) : -countWD(db, da);
    },
    elapsed(unit, a, b) {
      if (b.getTime() <= a.getTime()) return 0;
      switch (unit) {
        case 'workingDays':
          return Math.max(0, cal.workingDaysBetween(a, b));
        case 'workingHours': {
          const la = toLocal(a);
          const lb = toLocal(b);
          let ms = 0;
          for (let d = la.dn; d <= lb.dn; d++) {
            if (!isWD(d)) continue;
            const lo = Math.max(startMs, d === la.dn ? la.ms : 0);
            const hi = Math.min(endMs, d === lb.dn ? lb.ms : DAY_MS);
            if (hi > lo) ms += hi - lo;
          }
          return Math.floor(ms / 3_600_000);
        }
        case 'calendarHours':
          return Math.floor((b.getTime() - a.getTime()) / 3_600_000);
        case 'calendarDays':
          return toLocal(b).dn - toLocal(a).dn;
        case 'weeks':
          return Math.floor((toLocal(b).dn - toLocal(a).dn) / 7);
      }
    },
    dueDate(clock, from) {
      switch (clock.unit) {
        case 'workingDays':
          return cal.addWorkingDays(from, clock.amount);
        case 'workingHours':
          return cal.addWorkingHours(from, clock.amount);
        case 'calendarHours':
          return cal.addCalendarHours(from, clock.amount);
        case 'calendarDays':
          return cal.addCalendarDays(from, clock.amount);
        case 'weeks':
          return cal.addWeeks(from, clock.amount);
      }
    },
    startOfLocalDay: (date) => fromLocal(toLocal(date).dn, 0),
    endOfLocalDay: (date) => new Date(fromLocal(toLocal(date).dn + 1, 0).getTime() - 1),
    localDay(date) {
      return new Date(toLocal(date).dn * DAY_MS).toISOString().slice(0, 10);
    },
    atLocal(day, hhmm = '00:00') {
      const dn = dayNumber(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
      return fromLocal(dn, parseHhmm(hhmm));
    },
  };
  return cal;
}
