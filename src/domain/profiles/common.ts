/**
 * The working pattern shared by the seeded providers unless their seed says otherwise
 * (docs/decisions/0003-clock-rules.md): England and Wales bank holidays, Europe/London, Mon–Fri, 09:00–17:30.
 */
export const englandAndWales = {
  timeZone: 'Europe/London',
  holidays: { country: 'GB', region: 'ENG' },
  workingWeek: ['mon', 'tue', 'wed', 'thu', 'fri'],
  workingHours: { start: '09:00', end: '17:30' },
} as const;

export const monToFri = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;
