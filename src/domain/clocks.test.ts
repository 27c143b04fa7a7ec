import { createCalendar } from './clocks';

// England and Wales, 09:00–17:30 Mon–Fri (the default working pattern of the profiles).
const london = {
  timeZone: 'Europe/London',
  holidays: { country: 'GB', region: 'ENG' },
  workingWeek: ['mon', 'tue', 'wed', 'thu', 'fri'] as const,
  workingHours: { start: '09:00', end: '17:30' },
};
const cal = createCalendar({ ...london, workingWeek: [...london.workingWeek] });
// The Communications Ombudsman's assumed hours: 09:00–17:00, 8 working hours a day.
const cal17 = createCalendar({ ...london, workingWeek: [...london.workingWeek], workingHours: { start: '09:00', end: '17:00' } });

const at = (iso: string) => new Date(iso);
const iso = (d: Date) => d.toISOString();

describe('isWorkingDay (England and Wales bank holidays, London local day)', () => {
  it('skips weekends, Christmas 2026 and the Boxing Day substitute', () => {
    expect(cal.isWorkingDay(at('2026-12-18T12:00:00Z'))).toBe(true); // Fri 18 Dec
    expect(cal.isWorkingDay(at('2026-12-19T12:00:00Z'))).toBe(false); // Sat
    expect(cal.isWorkingDay(at('2026-12-24T12:00:00Z'))).toBe(true); // Christmas Eve is a working day
    expect(cal.isWorkingDay(at('2026-12-25T12:00:00Z'))).toBe(false); // Christmas Day, Fri
    expect(cal.isWorkingDay(at('2026-12-28T12:00:00Z'))).toBe(false); // Mon: Boxing Day (Sat 26) substitute
    expect(cal.isWorkingDay(at('2026-12-29T12:00:00Z'))).toBe(true);
    expect(cal.isWorkingDay(at('2027-01-01T12:00:00Z'))).toBe(false); // New Year's Day, Fri
  });
  it('uses the London day, not the UTC day', () => {
    // 23:30 UTC on Easter Monday 6 Apr 2026 is 00:30 BST on Tue 7 Apr: a working day in London.
    expect(cal.isWorkingDay(at('2026-04-06T23:30:00Z'))).toBe(true);
    // 23:30 UTC on Sun 28 Mar 2027 is 00:30 BST on Easter Monday 29 Mar 2027.
    expect(cal.isWorkingDay(at('2027-03-28T23:30:00Z'))).toBe(false);
    expect(cal.isWorkingDay(at('2027-03-26T12:00:00Z'))).toBe(false); // Good Friday 2027
  });
});

describe('addWorkingDays: due at end of business on the Nth working day after the day of receipt', () => {
  it('2 working days from Fri 18 Dec 2026 10:00 → Tue 22 Dec 2026 17:30 London', () => {
    // Day of receipt Fri 18; working days after it: Mon 21 (1), Tue 22 (2). GMT, so 17:30Z.
    expect(iso(cal.addWorkingDays(at('2026-12-18T10:00:00Z'), 2))).toBe('2026-12-22T17:30:00.000Z');
  });
  it('a complaint on Friday evening after hours counts from Monday', () => {
    // Fri 18 Dec 19:30 is after 17:30 → received Mon 21 Dec 09:00; +2 → Tue 22 (1), Wed 23 (2).
    expect(iso(cal.addWorkingDays(at('2026-12-18T19:30:00Z'), 2))).toBe('2026-12-23T17:30:00.000Z');
    // On Saturday too.
    expect(iso(cal.addWorkingDays(at('2026-12-19T11:00:00Z'), 2))).toBe('2026-12-23T17:30:00.000Z');
    // Before opening on a working day counts from that same day.
    expect(iso(cal.addWorkingDays(at('2026-12-18T07:00:00Z'), 2))).toBe('2026-12-22T17:30:00.000Z');
    // Exactly at closing time counts from the next working day.
    expect(iso(cal.addWorkingDays(at('2026-12-18T17:30:00Z'), 2))).toBe('2026-12-23T17:30:00.000Z');
  });
  it('across Christmas and New Year 2026/27', () => {
    // Received Wed 23 Dec 10:00. Thu 24 (1); Fri 25 Christmas, Sat, Sun, Mon 28 substitute skipped;
    // Tue 29 (2), Wed 30 (3), Thu 31 (4); Fri 1 Jan holiday, weekend; Mon 4 Jan (5).
    expect(iso(cal.addWorkingDays(at('2026-12-23T10:00:00Z'), 3))).toBe('2026-12-30T17:30:00.000Z');
    expect(iso(cal.addWorkingDays(at('2026-12-23T10:00:00Z'), 5))).toBe('2027-01-04T17:30:00.000Z');
    // A complaint on Christmas Day counts from Tue 29 Dec; 2 working days → Thu 31 Dec.
    expect(iso(cal.addWorkingDays(at('2026-12-25T10:00:00Z'), 2))).toBe('2026-12-31T17:30:00.000Z');
  });
  it("Nasstar's 20 working days from Mon 14 Dec 2026", () => {
    // Tue 15..Fri 18 (4), Mon 21..Thu 24 (8), Tue 29..Thu 31 (11), Mon 4..Fri 8 Jan (16), Mon 11..Thu 14 (20).
    expect(iso(cal.addWorkingDays(at('2026-12-14T10:00:00Z'), 20))).toBe('2027-01-14T17:30:00.000Z');
  });
  it('across Easter 2027 and the start of BST', () => {
    // Received Thu 25 Mar 2027 11:00 GMT. Fri 26 Good Friday, weekend (BST starts Sun 28), Mon 29 Easter Monday;
    // Tue 30 (1), Wed 31 (2) → 17:30 BST = 16:30Z.
    expect(iso(cal.addWorkingDays(at('2027-03-25T11:00:00Z'), 2))).toBe('2027-03-31T16:30:00.000Z');
  });
  it('10 working days across the end of BST keep 17:30 local', () => {
    // Received Thu 22 Oct 2026 10:00 BST (09:00Z). Fri 23 (1), Mon 26..Fri 30 (6), Mon 2..Thu 5 Nov (10).
    // 5 Nov is GMT, so 17:30 local = 17:30Z.
    expect(iso(cal.addWorkingDays(at('2026-10-22T09:00:00Z'), 10))).toBe('2026-11-05T17:30:00.000Z');
  });
});

describe('addWorkingHours: only business hours on working days', () => {
  it('24 working hours across the end of BST (Sun 25 Oct 2026), 09:00–17:00', () => {
    // From Fri 23 Oct 14:00 BST (13:00Z): Fri 14:00–17:00 = 3h (21 left); Mon 26 8h (13); Tue 27 8h (5);
    // Wed 28 09:00 + 5h = 14:00 GMT = 14:00Z. (Elapsed real time differs by the extra hour; we count wall clock.)
    expect(iso(cal17.addWorkingHours(at('2026-10-23T13:00:00Z'), 24))).toBe('2026-10-28T14:00:00.000Z');
  });
  it('24 working hours across Easter and the start of BST (Sun 28 Mar 2027), 09:00–17:00', () => {
    // From Thu 25 Mar 15:00 GMT: Thu 2h (22 left); Good Friday, weekend, Easter Monday skipped;
    // Tue 30 8h (14); Wed 31 8h (6); Thu 1 Apr 09:00 + 6h = 15:00 BST = 14:00Z.
    expect(iso(cal17.addWorkingHours(at('2027-03-25T15:00:00Z'), 24))).toBe('2027-04-01T14:00:00.000Z');
  });
  it('24 working hours with 09:00–17:30 days (8.5h)', () => {
    // From Fri 18 Dec 2026 19:30 → Mon 21 09:00. Mon 8.5 (15.5 left), Tue 8.5 (7), Wed 23 09:00+7h = 16:00Z.
    expect(iso(cal.addWorkingHours(at('2026-12-18T19:30:00Z'), 24))).toBe('2026-12-23T16:00:00.000Z');
  });
  it('lands exactly on closing time rather than rolling over', () => {
    // Mon 21 Dec 09:00 + 8.5h = 17:30 the same day.
    expect(iso(cal.addWorkingHours(at('2026-12-21T09:00:00Z'), 8.5))).toBe('2026-12-21T17:30:00.000Z');
  });
});

describe('calendar units', () => {
  it('8 weeks across the end of BST keeps 10:00 local', () => {
    // Mon 12 Oct 2026 10:00 BST (09:00Z) + 56 days = Mon 7 Dec 2026 10:00 GMT (10:00Z).
    expect(iso(cal.addWeeks(at('2026-10-12T09:00:00Z'), 8))).toBe('2026-12-07T10:00:00.000Z');
  });
  it('8 weeks across the start of BST keeps 10:00 local', () => {
    // Mon 15 Mar 2027 10:00 GMT + 56 days = Mon 10 May 2027 10:00 BST (09:00Z).
    expect(iso(cal.addWeeks(at('2027-03-15T10:00:00Z'), 8))).toBe('2027-05-10T09:00:00.000Z');
    expect(iso(cal.addCalendarDays(at('2027-03-15T10:00:00Z'), 56))).toBe('2027-05-10T09:00:00.000Z');
  });
  it('calendar hours are elapsed hours, counted from the actual instant (weekends included)', () => {
    // ASK4: 24 hours from Sat 24 Oct 2026 12:00 BST (11:00Z) → Sun 25 Oct 11:00Z (11:00 GMT, after the change).
    expect(iso(cal.addCalendarHours(at('2026-10-24T11:00:00Z'), 24))).toBe('2026-10-25T11:00:00.000Z');
    // Friday evening is not moved to Monday.
    expect(iso(cal.addCalendarHours(at('2026-12-18T19:30:00Z'), 24))).toBe('2026-12-19T19:30:00.000Z');
  });
});

describe('workingDaysBetween (signed; working days after a up to and including b)', () => {
  it('counts forward and backward', () => {
    expect(cal.workingDaysBetween(at('2026-12-18T10:00:00Z'), at('2026-12-22T17:30:00Z'))).toBe(2);
    expect(cal.workingDaysBetween(at('2026-12-22T17:30:00Z'), at('2026-12-18T10:00:00Z'))).toBe(-2);
    expect(cal.workingDaysBetween(at('2026-12-22T08:00:00Z'), at('2026-12-22T17:30:00Z'))).toBe(0);
    // Wed 23 Dec → Mon 4 Jan: Thu 24, Tue 29, Wed 30, Thu 31, Mon 4.
    expect(cal.workingDaysBetween(at('2026-12-23T10:00:00Z'), at('2027-01-04T10:00:00Z'))).toBe(5);
  });
});

describe('dueDate', () => {
  it('dispatches on the unit', () => {
    const from = at('2026-12-18T10:00:00Z');
    expect(iso(cal.dueDate({ amount: 2, unit: 'workingDays' }, from))).toBe('2026-12-22T17:30:00.000Z');
    expect(iso(cal.dueDate({ amount: 3, unit: 'calendarHours' }, from))).toBe('2026-12-18T13:00:00.000Z');
    expect(iso(cal.dueDate({ amount: 8, unit: 'weeks' }, from))).toBe('2027-02-12T10:00:00.000Z');
    expect(iso(cal.dueDate({ amount: 1, unit: 'calendarDays' }, from))).toBe('2026-12-19T10:00:00.000Z');
    expect(iso(cal.dueDate({ amount: 1, unit: 'workingHours' }, from))).toBe('2026-12-18T11:00:00.000Z');
  });
  // How fast the clocks are over 10,000 cases is measured by `npm run bench` (the long list and the staff queue at
  // 10,000 cases, 4× CPU slowdown, beside their budgets), not timed here: a timed test fails on a busy machine.
});

describe('another jurisdiction (a sixth provider would only need data)', () => {
  it('Italy: the Immaculate Conception (Tue 8 Dec 2026) is skipped, times are Rome time', () => {
    const rome = createCalendar({
      timeZone: 'Europe/Rome',
      holidays: { country: 'IT' },
      workingWeek: ['mon', 'tue', 'wed', 'thu', 'fri'],
      workingHours: { start: '09:00', end: '17:30' },
    });
    // Received Mon 7 Dec 2026 10:00 CET; Tue 8 holiday; Wed 9 (1), Thu 10 (2) → 17:30 CET = 16:30Z.
    expect(iso(rome.addWorkingDays(at('2026-12-07T09:00:00Z'), 2))).toBe('2026-12-10T16:30:00.000Z');
    // The same instant counted in London: Tue 8 (1), Wed 9 (2) → 17:30 GMT.
    expect(iso(cal.addWorkingDays(at('2026-12-07T09:00:00Z'), 2))).toBe('2026-12-09T17:30:00.000Z');
  });
});
