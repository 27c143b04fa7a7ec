/** Writes src/domain/holiday-data.json from date-holidays (see scripts/holiday-subset.ts). */
import { readFileSync, writeFileSync } from 'node:fs';
import { holidayTable } from './holiday-subset.ts';

const { version } = JSON.parse(readFileSync('node_modules/date-holidays/package.json', 'utf8')) as { version: string };
writeFileSync('src/domain/holiday-data.json', `${JSON.stringify(holidayTable(version))}\n`);
console.log('Wrote src/domain/holiday-data.json');
