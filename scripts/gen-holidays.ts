/** Writes src/domain/holiday-data.json from date-holidays (see scripts/holiday-subset.ts). */
import { writeFileSync } from 'node:fs';
import { holidaySubset } from './holiday-subset.ts';

writeFileSync('src/domain/holiday-data.json', `${JSON.stringify(holidaySubset())}\n`);
console.log('Wrote src/domain/holiday-data.json');
