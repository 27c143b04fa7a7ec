/**
 * The public-holiday rules the portal needs, taken from the maintained date-holidays data set:
 * only the countries the providers' profiles use (England and Wales for the UK providers, Italy for
 * the jurisdiction test), so the browser does not download every country's rules.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const HOLIDAY_COUNTRIES = ['GB', 'IT'] as const;

interface HolidayData {
  version: string;
  license: string;
  holidays: Record<string, unknown>;
  names: Record<string, unknown>;
}

export function holidaySubset(): HolidayData {
  // The package does not export its data file; find it beside the package's own manifest.
  const root = dirname(createRequire(import.meta.url).resolve('date-holidays/package.json'));
  const full = JSON.parse(readFileSync(join(root, 'data', 'holidays.json'), 'utf8')) as HolidayData;
  const holidays = Object.fromEntries(HOLIDAY_COUNTRIES.map((c) => [c, full.holidays[c]]));
  // Holiday names are shared across countries and looked up by the rule's own key: keep them all.
  return { version: full.version, license: full.license, holidays, names: full.names };
}
