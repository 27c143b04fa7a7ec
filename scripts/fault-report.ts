/**
 * The reliability and security suite's final report (issue 7, decision 0050): adds up the counts
 * the API suites (test/conformance and src/api/client.test.ts, FAULT_REPORT=<file>) and the browser tests
 * (e2e/faults*.spec.ts, e2e/security*.spec.ts, FAULT_RESULTS=<file>) wrote, prints them, and
 * exits non-zero if any failure count is not 0. Counts from tests that demonstrate a known,
 * reported bug (test.fail) are listed apart and do not fail the report.
 *
 * Usage: fault-report [api.json] [browser.jsonl]
 */
import { existsSync, readFileSync } from 'node:fs';

const [apiFile = 'test-results/faults-api.json', browserFile = 'test-results/faults-browser.jsonl'] = process.argv.slice(2);

type Counts = Record<string, number>;
const failureKeys = ['duplicates', 'lost', 'lostDrafts', 'lostComments', 'failedWrites', 'inputsAccepted', 'injected', 'leaks', 'problemsWithoutCode', 'wrongRetries'];

const api: Counts = existsSync(apiFile) ? (JSON.parse(readFileSync(apiFile, 'utf8')) as Counts) : {};
const browser: Counts = {};
const known: string[] = [];
if (existsSync(browserFile)) {
  for (const line of readFileSync(browserFile, 'utf8').split('\n').filter(Boolean)) {
    const { test, at: _at, known: bug, ...counts } = JSON.parse(line) as { test: string; at: string; known?: string } & Counts;
    if (bug) {
      known.push(`${test}: ${JSON.stringify(counts)} — known bug: ${bug}`);
      continue;
    }
    for (const [k, v] of Object.entries(counts)) browser[k] = (browser[k] ?? 0) + v;
  }
}

const line = (name: string, counts: Counts) =>
  `${name}: ${Object.entries(counts)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ') || '(no results — did it run?)'}`;

console.log('── reliability and security report ──');
console.log(line('API (Vitest)', api));
console.log(line('browser (Playwright)', browser));
const total = (k: string) => (api[k] ?? 0) + (browser[k] ?? 0);
console.log(
  `TOTAL runs=${total('runs')} duplicates=${total('duplicates')} lostDrafts=${total('lostDrafts')} lostWrites=${total('lost') + total('lostComments') + total('failedWrites')} ` +
    `inputsRefused=${total('inputsRefused')} inputsAccepted=${total('inputsAccepted')} injected=${total('injected')} leaks=${total('leaks')} ` +
    `problemsWithoutCode=${total('problemsWithoutCode')} wrongRetries=${total('wrongRetries')}`,
);
for (const k of known) console.log(`known: ${k}`);

const failed = failureKeys.filter((k) => total(k) > 0);
const missing = [!existsSync(apiFile) && apiFile, !existsSync(browserFile) && browserFile].filter(Boolean);
if (missing.length) console.log(`missing results: ${missing.join(', ')}`);
if (failed.length || missing.length) {
  console.error(`FAILED: ${failed.map((k) => `${k}=${total(k)}`).join(' ')}`);
  process.exit(1);
}
console.log('every failure count is 0');
