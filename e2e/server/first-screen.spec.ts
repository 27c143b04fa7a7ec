import type { APIResponse, BrowserContext, Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { onAFreshServer, PROVIDER, signInWithCode } from './server-test';

/**
 * A signed-in page's first screen comes with the page (issue 21.10, docs/decisions/0179-server-sends-first-screen.md):
 * the server renders /cases and /cases/{reference} for the session's customer, with the queries' answers in a
 * non-executable JSON script, and the browser hydrates it without asking for them again. Another customer's
 * session gets none of it; nothing of it may be kept by a cache.
 */

onAFreshServer();

const DATA = /<script type="application\/json" id="redress-first-screen">/;

interface Listed {
  reference: string;
  summary: string;
}

async function casesOf(context: BrowserContext): Promise<Listed[]> {
  const r = await context.request.get('/api/cases?limit=5', { headers: PROVIDER });
  expect(r.status()).toBe(200);
  return ((await r.json()) as { cases: Listed[] }).cases;
}

/** The HTML the server sends for `path` with the context's cookies, as a browser asks for a page. */
async function html(context: BrowserContext, path: string, lng = 'en-GB,en;q=0.9'): Promise<{ response: APIResponse; text: string }> {
  const response = await context.request.get(path, { headers: { Accept: 'text/html', 'Accept-Language': lng } });
  expect(response.status()).toBe(200);
  return { response, text: await response.text() };
}

/** The page's <title> as sent, its entities read. */
function titleOf(text: string): string {
  const title = /<title>([^<]*)<\/title>/.exec(text)?.[1];
  if (title === undefined) throw new Error('The page has a title');
  return title.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The API requests the page makes from now on. */
function apiRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/api/')) seen.push(`${r.method()} ${url.pathname}`);
  });
  return seen;
}

test("the case list and a case page come with their first screen, are hydrated and work; in Italian too", async ({ page }) => {
  await signInWithCode(page, 'priya@harbourlane.example');
  const [first] = await casesOf(page.context());
  if (!first) throw new Error('Priya has cases');
  const escaped = first.summary.replace(/&/g, '&amp;').replace(/</g, '&lt;');

  // The HTML itself: the list's count and the case's reference and summary, and the answers as JSON data.
  const list = await html(page.context(), '/cases?lng=en');
  expect(list.response.headers()['cache-control']).toBe('private, no-store');
  expect(list.response.headers()['vary']).toMatch(/Cookie/);
  expect(list.text).toMatch(/<h1>My cases<\/h1>/);
  expect(list.text).toMatch(/class="case-count">\d+ cases</);
  expect(list.text).toMatch(DATA);
  // The first rows are in the HTML, in the flow of the page (no style attribute: the policy would refuse it).
  expect(list.text).toContain(`<li data-index="0" aria-setsize=`);
  expect(list.text).not.toMatch(/<li [^>]*style=/);
  // The page's own title, in the HTML, before any script runs (not the home page's).
  expect(titleOf(list.text)).toMatch(/^My cases – \S.* complaints$/);
  const casePage = await html(page.context(), `/cases/${first.reference}`);
  expect(casePage.response.headers()['cache-control']).toBe('private, no-store');
  expect(casePage.text).toContain(first.reference);
  expect(casePage.text).toContain(escaped);
  expect(casePage.text).toMatch(/<html lang="en"/);
  // The case's summary is the customer's text: escaped in the title as in the page.
  expect(casePage.text).toContain(`<title>${escaped.replace(/>/g, '&gt;')} (${first.reference}) – `);
  expect(titleOf(casePage.text)).toMatch(/ complaints$/);
  // Accept-Language picks the language, as the browser would with no saved choice.
  const italian = await html(page.context(), `/cases/${first.reference}`, 'it-IT,it;q=0.9');
  expect(italian.text).toMatch(/<html lang="it"/);
  expect(italian.text).toContain(escaped);
  expect(titleOf(italian.text)).toMatch(new RegExp(`^${escapeRegExp(first.summary)} \\(${first.reference}\\) – Reclami \\S`));

  // The browser shows it and hydrates it without asking for the case again (the fixture fails on any console error,
  // hydration mismatches included); then the page works.
  const requests = apiRequests(page);
  await page.goto(`/cases/${first.reference}?lng=en`);
  await expect(page.getByText(first.summary).first()).toBeVisible();
  // The browser words the title as the server did (one rule: src/app/layout/page-title.tsx).
  await expect(page).toHaveTitle(titleOf(casePage.text));
  // (what is below the first screen, the case's messages, is asked for as before)
  expect(requests.filter((r) => r === `GET /api/cases/${first.reference}` || r === `GET /api/cases/${first.reference}/timeline`)).toEqual([]);
  expect(requests).not.toContain('GET /api/session');
  await expect(page.locator('#redress-first-screen')).toHaveCount(0);
  await page.getByRole('link', { name: 'My cases' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'My cases' })).toBeVisible();
  await expect(page.getByRole('link', { name: new RegExp(first.reference) }).first()).toBeVisible();

  // The list in Italian, from the address's language.
  requests.length = 0;
  const italianList = titleOf((await html(page.context(), '/cases?lng=it')).text);
  expect(italianList).toMatch(/^I miei reclami – Reclami \S/);
  await page.goto('/cases?lng=it');
  await expect(page.getByRole('heading', { level: 1, name: 'I miei reclami' })).toBeVisible();
  await expect(page).toHaveTitle(italianList);
  await expect(page.getByRole('link', { name: new RegExp(first.reference) }).first()).toBeVisible();
  expect(requests.filter((r) => r === 'GET /api/cases')).toEqual([]);
  await page.getByRole('combobox', { name: 'Stato' }).selectOption('open');
  await expect(page).toHaveURL(/status=open/);
});

/** Counts the page's layout shift (CLS's sum) from each load on. */
async function watchLayoutShift(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { shifted: number };
    w.shifted = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) if (!entry.hadRecentInput) w.shifted += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

/** The layout shift since the load, once its requests have settled and two frames have laid out what they answered. */
async function settledShift(page: Page): Promise<number> {
  await page.waitForLoadState('networkidle');
  return page.evaluate(() => new Promise<number>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve((window as unknown as { shifted: number }).shifted)))));
}

test('the case list sent with the page does not move when the app takes it over (its rows are in the first screen)', async ({ page }) => {
  await signInWithCode(page, 'priya@harbourlane.example');
  await watchLayoutShift(page);
  for (const lng of ['en', 'it']) {
    await page.goto(`/cases?lng=${lng}`);
    // Hydrated (the fixture fails on a hydration error): the rows are the virtualizer's, placed by it.
    await expect(page.locator('.case-list-item').first()).toHaveCSS('position', 'absolute');
    expect(await settledShift(page), lng).toBeLessThan(0.01);
  }
});

test("another customer's session gets nothing of a case that is not theirs, nor of the list", async ({ page, browser }) => {
  await signInWithCode(page, 'priya@harbourlane.example');
  const [first] = await casesOf(page.context());
  if (!first) throw new Error('Priya has cases');

  const other = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  try {
    const signedIn = await other.request.post('/api/demo/session', { headers: PROVIDER, data: { email: 'sam.taylor@example.com' } });
    expect(signedIn.status()).toBe(201);
    expect((await other.request.get(`/api/cases/${first.reference}`, { headers: PROVIDER })).status()).toBe(404);
    const theirs = await html(other, `/cases/${first.reference}`);
    expect(theirs.text).not.toMatch(DATA);
    expect(theirs.text).not.toContain(first.reference);
    expect(theirs.text).not.toContain(first.summary);
    // Their own list comes with the page, and holds none of Priya's cases.
    const list = await html(other, '/cases');
    expect(list.text).toMatch(DATA);
    expect(list.text).not.toContain(first.reference);
    // Signed out: the page as it is built.
    const anonymous = await browser.newContext({ baseURL: test.info().project.use.baseURL });
    const signedOut = await html(anonymous, '/cases');
    expect(signedOut.text).not.toMatch(DATA);
    expect(signedOut.response.headers()['cache-control']).toBe('no-cache');
    await anonymous.close();
  } finally {
    await other.close();
  }
});

test("the staff queue comes with its first screen, is hydrated and works; a customer's session gets none of it", async ({ page, browser }) => {
  const signedIn = await page.context().request.post('/api/demo/session', { headers: PROVIDER, data: { email: 'jordan.lee@staff.nasstar.example' } });
  expect(signedIn.status()).toBe(201);
  const queue = await html(page.context(), '/staff?lng=en');
  expect(queue.response.headers()['cache-control']).toBe('private, no-store');
  expect(queue.text).toMatch(/<h1>Complaints queue<\/h1>/);
  expect(queue.text).toMatch(/All open \(\d+\)/);
  expect(queue.text).toMatch(DATA);
  expect(titleOf(queue.text)).toMatch(/^Complaints queue – \S.* complaints$/);
  // The workspace's stylesheet comes with its route chunk: the page links it, so the markup paints styled.
  expect(queue.text).toMatch(/<link rel="stylesheet" crossorigin href="\/assets\/staff-[^"]+\.css"><\/head>/);

  const requests = apiRequests(page);
  await watchLayoutShift(page);
  await page.goto('/staff?lng=it');
  await expect(page.getByRole('heading', { level: 1, name: 'Coda dei reclami' })).toBeVisible();
  expect(await settledShift(page), 'it').toBeLessThan(0.01);
  requests.length = 0;
  await page.goto('/staff?lng=en');
  await expect(page.getByRole('heading', { level: 1, name: 'Complaints queue' })).toBeVisible();
  await expect(page).toHaveTitle(titleOf(queue.text));
  // Nothing moves when the app takes the page over.
  expect(await settledShift(page), 'en').toBeLessThan(0.01);
  expect(requests.filter((r) => r === 'GET /api/staff/queue' || r === 'GET /api/session')).toEqual([]);
  await page.getByRole('link', { name: /^Overdue \(\d+\)$/ }).click();
  await expect(page).toHaveURL(/filter=overdue/);
  await expect(page.getByRole('link', { name: /^Overdue \(\d+\)$/ })).toHaveAttribute('aria-current', 'true');

  const customer = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  try {
    expect((await customer.request.post('/api/demo/session', { headers: PROVIDER, data: { email: 'sam.taylor@example.com' } })).status()).toBe(201);
    const theirs = await html(customer, '/staff');
    expect(theirs.text).not.toMatch(DATA);
    expect(theirs.text).not.toContain('Complaints queue');
  } finally {
    await customer.close();
  }
});
