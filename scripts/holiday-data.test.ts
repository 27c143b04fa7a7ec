import { holidaySubset } from './holiday-subset';
import holidayData from '../src/domain/holiday-data.json';
import { profiles } from '../src/domain/profiles';

describe('holiday data', () => {
  it('is the installed date-holidays rules for the countries we use, unchanged', () => {
    expect(holidayData).toEqual(holidaySubset());
  });
  it('covers every provider profile’s holiday country', () => {
    for (const profile of Object.values(profiles)) {
      expect(Object.keys(holidayData.holidays)).toContain(profile.holidays.country);
    }
  });
});
