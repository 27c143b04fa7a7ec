import { existsSync, readFileSync } from 'node:fs';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test, type Lng } from '../fixtures';

/**
 * What every browser test on the server shares (playwright.server.config.ts): the server is reset and its
 * clock set before each test, and every page must run with no Content Security Policy violation under the
 * policy the build wrote to dist/_headers — which the server must send with every page.
 */

export const NOW = '2026-12-01T10:00:00.000Z';
export const PROVIDER = { 'X-Redress-Provider': 'nasstar' };
export const CSP = existsSync('dist/_headers') ? (/Content-Security-Policy: (.+)/.exec(readFileSync('dist/_headers', 'utf8'))?.[1]?.trim() ?? '') : '';

export async function setClock(request: APIRequestContext, now: string) {
  const clock = await request.put('/api/demo/clock', { headers: PROVIDER, data: { now } });
  expect(clock.status()).toBe(200);
}

/** Reports every policy violation on the page (and a page sent without the policy) into `violations`. */
export async function watchPolicy(page: Page, violations: string[]) {
  await page.exposeFunction('__cspViolation', (v: string) => void violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      void (window as unknown as { __cspViolation(v: string): Promise<void> }).__cspViolation(
        `${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber} sample=${e.sample}`,
      );
    });
  });
  page.on('console', (msg) => {
    if (/Content Security Policy|Refused to (execute|apply|load|evaluate|connect|frame)/i.test(msg.text())) violations.push(`console: ${msg.text()}`);
  });
  page.on('response', (response) => {
    if (response.request().resourceType() === 'document' && response.headers()['content-security-policy'] !== CSP) {
      violations.push(`no CSP header on ${response.url()}: ${response.headers()['content-security-policy']}`);
    }
  });
}

/** Registers the hooks: a reset server at NOW before each test; no policy violation on the test's page after. */
export function onAFreshServer(): { violations: string[] } {
  const state = { violations: [] as string[] };
  test.beforeEach(async ({ page, request }) => {
    expect(CSP, 'dist/_headers has a Content-Security-Policy').toMatch(/^default-src 'self'/);
    expect((await request.post('/api/demo/reset', { headers: PROVIDER })).status()).toBe(204);
    await setClock(request, NOW);
    state.violations.length = 0;
    await watchPolicy(page, state.violations);
  });
  test.afterEach(async ({ page }) => {
    // Every report the page has made has arrived: the page's tasks queued so far have run, and the answer to this
    // evaluation comes after the binding calls made before it (a closed page has nothing left to report).
    await page.evaluate(() => new Promise<void>((resolve) => setTimeout(resolve, 0))).catch(() => undefined);
    expect(state.violations, 'CSP violations').toEqual([]);
  });
  return state;
}

/** The newest code mailed to `email`, read as a person would: on the demo server's mailbox page, in a tab of its own. */
export async function codeFromMailbox(page: Page, email: string, lng: Lng = 'en'): Promise<string> {
  const mailbox = await page.context().newPage();
  try {
    await mailbox.goto(`/dev/mailbox?lng=${lng}&provider=nasstar`);
    await expect(mailbox.getByRole('heading', { level: 1 })).toHaveText(lng === 'en' ? 'Demo mailbox' : 'Casella di posta della demo');
    // The newest mail to that address whose subject carries a code (messages about their cases may be newer).
    const mail = mailbox.getByRole('article').filter({ hasText: email }).filter({ has: mailbox.getByRole('heading', { name: /\b\d{6}\b/ }) }).first();
    await expect(mail).toBeVisible();
    const code = /\b(\d{6})\b/.exec((await mail.locator('pre').textContent()) ?? '')?.[1] ?? '';
    expect(code, `a code in the mail to ${email}`).toMatch(/^\d{6}$/);
    return code;
  } finally {
    await mailbox.close();
  }
}

/** Signs in on the production build's sign-in page with the code from the mailbox. */
export async function signInWithCode(page: Page, email: string) {
  await page.goto('/sign-in?lng=en');
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Send me a code' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Check your email' })).toBeVisible();
  const field = page.getByLabel('Code from the email');
  await expect(field).toHaveAttribute('autocomplete', 'one-time-code');
  await field.fill(await codeFromMailbox(page, email));
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My cases' })).toBeVisible();
}
