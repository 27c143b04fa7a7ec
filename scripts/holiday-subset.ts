/**
 * Public holidays for the jurisdictions the profiles use, computed by the maintained date-holidays
 * library (with its substitute-day rules) for a span of years, as a table of local dates. The browser
 * reads the table; the library itself (and the time-zone and astronomy data it carries) stays out of
 * the bundle. `npm run holidays:gen` writes src/domain/holiday-data.json; scripts/holiday-data.test.ts
 * fails when the installed date-holidays would produce a different table.
 */
import Holidays from 'date-holidays';

/** Jurisdictions: England and Wales (every UK provider) and Italy (a second jurisdiction under test). */
export const HOLIDAY_REGIONS = [
  { country: 'GB', region: 'ENG' },
  { country: 'IT' },
] as const;
export const HOLIDAY_YEARS = { from: 2000, to: 2060 } as const;

export interface HolidayTable {
  source: string;
  from: number;
  to: number;
  /** 'GB-ENG' → ['2026-12-25', '2026-12-28', …] */
  days: Record<string, string[]>;
}

export function holidayKey(country: string, region?: string) {
  return region ? `${country}-${region}` : country;
}

export function holidayTable(version: string): HolidayTable {
  const days: Record<string, string[]> = {};
  for (const { country, ...rest } of HOLIDAY_REGIONS) {
    const region = 'region' in rest ? rest.region : undefined;
    const hd = region ? new Holidays(country, region) : new Holidays(country);
    const list: string[] = [];
    for (let year = HOLIDAY_YEARS.from; year <= HOLIDAY_YEARS.to; year++) {
      for (const h of hd.getHolidays(year)) {
        // Only days off: public and bank holidays (substitute days are listed as 'public' too).
        if (h.type !== 'public' && h.type !== 'bank') continue;
        list.push(h.date.slice(0, 10)); // the local date in the country's own zone
      }
    }
    days[holidayKey(country, region)] = [...new Set(list)].sort();
  }
  return { source: `date-holidays ${version}`, from: HOLIDAY_YEARS.from, to: HOLIDAY_YEARS.to, days };
}
