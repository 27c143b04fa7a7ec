import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Page } from '@playwright/test';
import type { FaultPlan } from '../mocks/faults';
import type { BrowserScenario } from './fault-scenarios';
import { expect, url } from './fixtures';

/**
 * Shared by the browser fault and security tests (issue 7): runs per scenario from FAULT_RUNS
 * (default 2 in the browser, `npm run test:faults` sets 100 and the browser caps at 20), API calls
 * made from inside the page (through the simulated back office), and a counts file that
 * scripts/fault-report.ts adds up.
 */

export const BROWSER_RUNS = Math.min(20, Math.max(1, Number(process.env.FAULT_RUNS ?? 2) || 2));
export const NOW = '2026-12-01T10:00:00Z';

export interface BrowserCounts {
  runs?: number;
  duplicates?: number;
  lostDrafts?: number;
  lostComments?: number;
  inputsRefused?: number;
  injected?: number;
  leaks?: number;
}

/** Where each test appends its counts (one JSON object a line); FAULT_RESULTS overrides. */
export const RESULTS_FILE = process.env.FAULT_RESULTS ?? 'test-results/faults-browser.jsonl';

export function record(test: BrowserScenario, counts: BrowserCounts) {
  mkdirSync(dirname(RESULTS_FILE), { recursive: true });
  appendFileSync(RESULTS_FILE, `${JSON.stringify({ test, at: new Date().toISOString(), ...counts })}\n`);
}

/** Queues faults for the simulated back office's routes (mocks/faults.ts: a misspelt route name does not compile). */
export async function injectFaults(page: Page, faults: FaultPlan) {
  await page.evaluate((f) => sessionStorage.setItem('redress.mock.faults', JSON.stringify(f)), faults);
}

/** Faults injected and not taken by a request yet: a scenario whose faults are all used up ends with none. */
export function faultsLeft(page: Page): Promise<FaultPlan> {
  return page.evaluate(() => {
    const plan = JSON.parse(sessionStorage.getItem('redress.mock.faults') ?? '{}') as FaultPlan;
    return Object.fromEntries(Object.entries(plan).filter(([, queue]) => queue.length > 0));
  });
}

/**
 * A call to the simulated back office from inside the page. It carries the page's session cookie
 * (`redress_session`, set by the back office) unless `session: false`, which sends no cookie at all.
 */
export async function api<T = unknown>(
  page: Page,
  method: string,
  path: string,
  opts: { body?: unknown; session?: false; key?: string } = {},
): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ method, path, opts }) => {
      // The simulated back office answers once its service worker controls the page.
      for (let i = 0; i < 100 && !navigator.serviceWorker?.controller; i++) await new Promise((r) => setTimeout(r, 50));
      const headers: Record<string, string> = { 'X-Redress-Provider': localStorage.getItem('redress.provider') ?? 'nasstar' };
      if (opts.key) headers['Idempotency-Key'] = opts.key;
      if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
      const response = await fetch(`/api${path}`, { method, headers, credentials: opts.session === false ? 'omit' : 'same-origin', ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}) });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
    },
    { method, path, opts },
  );
}

export async function signInAs(page: Page, name: string) {
  await page.goto(url('/sign-in', { lng: 'en', provider: 'nasstar', now: NOW }));
  await page.getByRole('button', { name: `Sign in as ${name}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My cases' })).toBeVisible();
}

/** Opens the first of the signed-in customer's cases whose words match, and returns its reference. */
export async function openCase(page: Page, words: string): Promise<string> {
  await page.getByLabel('Search by reference or words').fill(words);
  await expect(page.getByText(/1 case of \d+ matches/)).toBeVisible();
  await page.locator('.case-list a').first().click();
  await expect(page).toHaveURL(/\/cases\/[A-Z]+-/);
  // The case has loaded (its history is shown): a test that then goes offline does not pause the page's own read.
  await expect(page.locator('.timeline-event').first()).toBeVisible();
  return decodeURIComponent(new URL(page.url()).pathname.split('/')[2]!);
}

export async function commentsWithText(page: Page, reference: string, text: string): Promise<number> {
  const answer = await api<{ events: Array<{ type: string; text?: string }> }>(page, 'GET', `/cases/${reference}/timeline`);
  expect(answer.status).toBe(200);
  return answer.body.events.filter((e) => e.type === 'comment' && e.text === text).length;
}
