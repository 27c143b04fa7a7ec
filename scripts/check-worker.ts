/**
 * The committed public/mockServiceWorker.js must come from the installed msw
 * (npm 11 does not run msw's postinstall; refresh with `npx msw init public`).
 */
import { readFileSync } from 'node:fs';

const committed = readFileSync('public/mockServiceWorker.js', 'utf8');
const installed = readFileSync('node_modules/msw/lib/mockServiceWorker.js', 'utf8');
const version = (text: string) => /PACKAGE_VERSION = '([^']+)'/.exec(text)?.[1] ?? 'unknown';
if (committed !== installed) {
  console.error(`public/mockServiceWorker.js is msw ${version(committed)} but msw ${version(installed)} is installed: run npx msw init public`);
  process.exit(1);
}
console.log(`mockServiceWorker.js matches msw ${version(installed)}`);
