import { readFileSync } from 'node:fs';
import { holidayKey, holidayTable } from './holiday-subset';
import holidayData from '../src/domain/holiday-data.json';
import { profiles } from '../src/domain/profiles';

describe('holiday data', () => {
  it('is what the installed date-holidays computes (run npm run holidays:gen after upgrading it)', () => {
    const { version } = JSON.parse(readFileSync('node_modules/date-holidays/package.json', 'utf8')) as { version: string };
    expect(holidayData).toEqual(holidayTable(version));
  });
  it('covers every provider profile’s jurisdiction', () => {
    for (const profile of Object.values(profiles)) {
      expect(Object.keys(holidayData.days)).toContain(holidayKey(profile.holidays.country, profile.holidays.region));
    }
  });
});
