/**
 * The reliability and security suite's final report (issue 7, decision 0050). It reads, from one folder:
 *   api.json            the counts the API suites wrote (test/conformance, src/api/client.test.ts; FAULT_REPORT)
 *   api-tests.json      Vitest's JSON reporter output for that suite
 *   browser.jsonl       the counts the browser tests wrote (e2e/faults-helpers.ts `record`, FAULT_RESULTS)
 *   browser-tests.json  Playwright's JSON reporter output (PLAYWRIGHT_JSON_OUTPUT_FILE)
 * and prints the counts, every test that did not pass, and `N passed, N failed`.
 *
 * A test counts as passed only if it ran and passed: failed, timed out, skipped, interrupted or never
 * run are failures. So are a missing file, a browser scenario (e2e/fault-scenarios.ts) that recorded no
 * counts, and any failure count above 0. Exits 1 whenever anything failed or did not run.
 *
 * Usage: fault-report [folder]   (default test-results/faults)
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { browserScenarios } from '../e2e/fault-scenarios';

const folder = process.argv[2] ?? 'test-results/faults';
const files = {
  apiCounts: join(folder, 'api.json'),
  apiTests: join(folder, 'api-tests.json'),
  browserCounts: join(folder, 'browser.jsonl'),
  browserTests: join(folder, 'browser-tests.json'),
};

type Counts = Record<string, number>;
const failureKeys = ['duplicates', 'lost', 'lostDrafts', 'lostComments', 'failedWrites', 'inputsAccepted', 'injected', 'leaks', 'problemsWithoutCode', 'wrongRetries'];

let passed = 0;
const failures: string[] = [];

function readJson<T>(file: string): T | null {
  if (!existsSync(file)) {
    failures.push(`missing ${file} (did the suite run?)`);
    return null;
  }
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (error) {
    failures.push(`unreadable ${file}: ${String(error)}`);
    return null;
  }
}

// ---- tests: what ran, and how it ended ----

interface VitestReport {
  testResults: Array<{
    name: string;
    status: string;
    message?: string;
    assertionResults: Array<{ fullName: string; status: string }>;
  }>;
}

function countVitest(report: VitestReport | null) {
  if (!report) return;
  if (report.testResults.length === 0) failures.push('API: no test file ran');
  for (const file of report.testResults) {
    if (file.assertionResults.length === 0) failures.push(`API: ${file.name}: no test ran${file.message ? ` — ${file.message}` : ''}`);
    for (const test of file.assertionResults) {
      if (test.status === 'passed') passed++;
      else failures.push(`API: ${test.fullName} — ${test.status}`);
    }
    // A failure outside any test (an afterAll, the file failing to load) fails the file.
    const testsFailed = file.assertionResults.some((t) => t.status !== 'passed');
    if (file.status !== 'passed' && !testsFailed) failures.push(`API: ${file.name} — ${file.status}${file.message ? `: ${file.message.split('\n')[0]}` : ''}`);
  }
}

interface PlaywrightSuite {
  title: string;
  file?: string;
  specs?: Array<{
    title: string;
    file: string;
    line: number;
    tests: Array<{ status: 'expected' | 'unexpected' | 'flaky' | 'skipped'; results: Array<{ status: string }> }>;
  }>;
  suites?: PlaywrightSuite[];
}
interface PlaywrightReport {
  suites: PlaywrightSuite[];
  errors?: Array<{ message?: string }>;
}

function countPlaywright(report: PlaywrightReport | null) {
  if (!report) return;
  let seen = 0;
  const walk = (suite: PlaywrightSuite) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        seen++;
        const last = test.results.at(-1)?.status ?? 'did not run';
        if (test.status === 'expected' && last === 'passed') passed++;
        else failures.push(`browser: ${spec.file}:${spec.line} ${spec.title} — ${test.status === 'flaky' ? 'passed only on retry' : last}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  report.suites.forEach(walk);
  if (seen === 0) failures.push('browser: no test ran');
  for (const error of report.errors ?? []) failures.push(`browser: ${(error.message ?? 'error').split('\n')[0]}`);
}

countVitest(readJson<VitestReport>(files.apiTests));
countPlaywright(readJson<PlaywrightReport>(files.browserTests));

// ---- counts ----

const api: Counts = readJson<Counts>(files.apiCounts) ?? {};
const browser: Counts = {};
const recorded = new Set<string>();
if (existsSync(files.browserCounts)) {
  for (const line of readFileSync(files.browserCounts, 'utf8').split('\n').filter(Boolean)) {
    const { test, at: _at, ...counts } = JSON.parse(line) as { test: string; at: string } & Counts;
    recorded.add(test);
    for (const [k, v] of Object.entries(counts)) browser[k] = (browser[k] ?? 0) + v;
  }
} else {
  failures.push(`missing ${files.browserCounts} (did the browser tests run?)`);
}
for (const scenario of browserScenarios) {
  if (!recorded.has(scenario)) failures.push(`browser scenario "${scenario}" recorded no counts (did not run, or stopped before counting)`);
}
for (const name of recorded) {
  if (!(browserScenarios as readonly string[]).includes(name)) failures.push(`browser counts under an unknown scenario "${name}"`);
}

const line = (name: string, counts: Counts) =>
  `${name}: ${Object.entries(counts)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ') || '(no counts)'}`;
const total = (k: string) => (api[k] ?? 0) + (browser[k] ?? 0);
for (const k of failureKeys) if (total(k) > 0) failures.push(`failure count ${k}=${total(k)}`);

console.log('── reliability and security report ──');
console.log(line('API (Vitest)', api));
console.log(line('browser (Playwright)', browser));
console.log(
  `TOTAL runs=${total('runs')} duplicates=${total('duplicates')} lostDrafts=${total('lostDrafts')} lostWrites=${total('lost') + total('lostComments') + total('failedWrites')} ` +
    `inputsRefused=${total('inputsRefused')} inputsAccepted=${total('inputsAccepted')} injected=${total('injected')} leaks=${total('leaks')} ` +
    `problemsWithoutCode=${total('problemsWithoutCode')} wrongRetries=${total('wrongRetries')}`,
);
for (const failure of failures) console.log(`FAILED ${failure}`);
console.log(`${passed} passed, ${failures.length} failed`);
if (failures.length > 0 || passed === 0) process.exit(1);
