import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { test, expect } from '@playwright/test';
import { appStarted } from './fixtures';

/**
 * Content Security Policy (issue 7, decisions 0050 and 0043): the PRODUCTION build (dist/, `npx vite build`)
 * is served by a tiny static server with the policy the build wrote to dist/_headers, and must run with
 * no violation. The policy allows scripts from the site itself and the one inline boot script, by its
 * hash. Uses Playwright's base test: the production build has no API behind it here, so failed API
 * calls are expected and only CSP violations count.
 */

const DIST = resolve(process.env.CSP_DIST ?? 'dist');
/** The policy as the build publishes it (empty when there is no build: the tests below then skip). */
const CSP = existsSync(join(DIST, '_headers')) ? (/Content-Security-Policy: (.+)/.exec(readFileSync(join(DIST, '_headers'), 'utf8'))?.[1]?.trim() ?? '') : '';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/**
 * Violations known and reported, each with its cause; anything else fails the test. None are known:
 * zod's eval probe (the last one) is switched off by src/domain/zod.ts. CSP_STRICT is kept so
 * `npm run test:faults` stays strict if an entry is ever added here.
 */
const STRICT = process.env.CSP_STRICT === '1';
const KNOWN: Array<{ pattern: RegExp; cause: string }> = STRICT ? [] : [];

function unexpected(violations: string[]): string[] {
  const tolerated = violations.filter((v) => KNOWN.some((k) => k.pattern.test(v)));
  for (const v of new Set(tolerated)) test.info().annotations.push({ type: 'known CSP violation', description: v });
  return violations.filter((v) => !KNOWN.some((k) => k.pattern.test(v)));
}

let server: Server;
let origin = '';

test.beforeAll(async () => {
  test.skip(!existsSync(join(DIST, 'index.html')), 'no production build: run `npx vite build` first');
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const headers = {
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    };
    if (path.startsWith('/api/')) {
      res.writeHead(404, { ...headers, 'Content-Type': 'application/problem+json' });
      res.end(JSON.stringify({ type: 'about:blank', title: 'Not Found', status: 404, code: 'notFound' }));
      return;
    }
    const file = normalize(join(DIST, path));
    const inside = file.startsWith(DIST);
    // Clean URLs, as `vite preview` and most static hosts serve them: /track → track.html.
    const isFile = (f: string) => existsSync(f) && statSync(f).isFile();
    const target = inside && isFile(file) ? file : inside && isFile(`${file}.html`) ? `${file}.html` : join(DIST, 'index.html');
    res.writeHead(200, { ...headers, 'Content-Type': types[extname(target)] ?? 'application/octet-stream' });
    res.end(readFileSync(target));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  if (server) await new Promise((done) => server.close(done));
});

test('the policy: self only, plus the hash of each inline script in the pages; no inline style or handlers', () => {
  test.skip(!existsSync(join(DIST, 'index.html')), 'no production build');
  expect(CSP).toMatch(/^default-src 'self'; script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')*; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'$/);
  for (const file of ['index.html', 'track.html', 'complaints/new.html'].filter((f) => existsSync(join(DIST, f)))) {
    const html = readFileSync(join(DIST, file), 'utf8');
    const inlineScripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].filter(([, attrs]) => !/\bsrc=/.test(attrs ?? ''));
    const notAllowed = inlineScripts
      .map(([tag, , body]) => ({ tag: tag.slice(0, 120), hash: `'sha256-${createHash('sha256').update(body ?? '').digest('base64')}'` }))
      .filter(({ hash }) => !CSP.includes(hash))
      .map(({ tag }) => tag);
    const styleElements = [...html.matchAll(/<style\b[^>]*>/gi)].map(([tag]) => tag);
    const styleAttributes = [...html.matchAll(/<[^>]+\sstyle\s*=\s*["'][^"']*["'][^>]*>/gi)].map(([tag]) => tag.slice(0, 120));
    const handlerAttributes = [...html.matchAll(/<[^>]+\son[a-z]+\s*=\s*["'][^>]*>/gi)].map(([tag]) => tag.slice(0, 120));
    const javascriptUrls = [...html.matchAll(/(?:href|src)\s*=\s*["']\s*javascript:/gi)].map(([m]) => m);
    expect({ file, notAllowed, styleElements, styleAttributes, handlerAttributes, javascriptUrls }).toEqual({
      file,
      notAllowed: [],
      styleElements: [],
      styleAttributes: [],
      handlerAttributes: [],
      javascriptUrls: [],
    });
  }
});

for (const route of ['/', '/?lng=it', '/sign-in', '/track', '/complaints/new', '/no-such-page']) {
  test(`production build runs under the CSP header: ${route}`, async ({ page }) => {
    const violations: string[] = [];
    await page.addInitScript(() => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        w.__csp.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber} sample=${e.sample}`);
      });
    });
    page.on('console', (msg) => {
      if (/Content Security Policy|Refused to (execute|apply|load|evaluate)/i.test(msg.text())) violations.push(`console: ${msg.text()}`);
    });
    const response = await page.goto(`${origin}${route}`);
    expect(response?.headers()['content-security-policy']).toBe(CSP);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    // The app itself ran (not just pre-rendered HTML).
    await appStarted(page);
    await expect(page.locator('#main')).toBeVisible();
    await page.waitForLoadState('networkidle');
    violations.push(...(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)));
    expect(unexpected(violations), `CSP violations on ${route}`).toEqual([]);
  });
}

test('production build under CSP: the app is interactive (JavaScript ran)', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (msg) => {
    if (/Content Security Policy/i.test(msg.text())) violations.push(msg.text());
  });
  await page.goto(`${origin}/?lng=en`);
  await appStarted(page);
  await page.getByRole('button', { name: 'Italiano' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Reclami a/ })).toBeVisible();
  await page.getByRole('link', { name: 'Accesso' }).first().click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(unexpected(violations)).toEqual([]);
});
