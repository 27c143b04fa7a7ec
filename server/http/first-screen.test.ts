import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { firstScreenRouteOf, firstScreenRoutes } from '@/domain/first-screen-routes';
import { firstScreenCss, firstScreenModules } from '../../scripts/prerender';
import { firstScreenPage, languageOf, loadFirstScreen, routeCssOf, scriptJson } from './first-screen';

const template = `<!doctype html><html lang="en"><head><title>x</title></head><body><div id="root" data-prerender='{"path":"/"}'><h1>Home</h1></div><template id="prerender-it"><h1>Casa</h1></template><script data-entry="/assets/index.js">boot()</script></body></html>`;

/**
 * A stand-in for the production build in a directory of its own: the page template and an SSR bundle of `bundle`'s
 * source. `inRepository`: under node_modules/.cache, so that the bundle can import the project's packages (React).
 */
function standInBuild(prefix: string, bundle: string, inRepository = false): string {
  const base = inRepository ? resolve('node_modules', '.cache') : tmpdir();
  mkdirSync(base, { recursive: true });
  const dist = mkdtempSync(join(base, prefix));
  afterAll(() => rmSync(dist, { recursive: true, force: true }));
  mkdirSync(join(dist, '_ssr'));
  writeFileSync(join(dist, 'index.html'), template);
  writeFileSync(join(dist, '_ssr', 'entry-server.js'), `export const FIRST_SCREEN_DATA_ID = 'd';\n${bundle}`);
  return dist;
}

describe('the first screen sent with a signed-in page (decision 0179)', () => {
  it("takes the page's language from ?lng, then Accept-Language, then English", () => {
    expect(languageOf(new URL('http://x/cases?lng=it'), 'en-GB')).toBe('it');
    expect(languageOf(new URL('http://x/cases?lng=fr'), 'fr-FR, it;q=0.8, en;q=0.5')).toBe('it');
    expect(languageOf(new URL('http://x/cases'), undefined)).toBe('en');
  });

  it('keeps the JSON data from closing its script element or being read as markup', () => {
    const text = scriptJson({ summary: '</script><script>alert(1)</script><!-- \u2028' });
    expect(text).not.toMatch(/<|>/);
    expect(JSON.parse(text)).toEqual({ summary: '</script><script>alert(1)</script><!-- \u2028' });
  });

  it("puts the page's markup in #root in place of the home page's and its templates, the data after it, the boot script kept", () => {
    const page = firstScreenPage(template, { html: '<h1>I miei reclami</h1>', state: { mutations: [], queries: [] }, meta: { path: '/cases', lng: 'it', provider: 'nasstar', ns: ['cases'] } }, '/cases?lng=it', 'redress-first-screen');
    expect(page).toContain(`<html lang="it">`);
    expect(page).toContain(`<div id="root" data-prerender='{"path":"/cases","lng":"it","provider":"nasstar","ns":["cases"]}'><h1>I miei reclami</h1></div>`);
    expect(page).toContain('<script type="application/json" id="redress-first-screen">{"path":"/cases?lng=it","state":{"mutations":[],"queries":[]}}</script><script data-entry="/assets/index.js">boot()</script>');
    expect(page).not.toContain('Home');
    expect(page).not.toContain('Casa');
    expect(firstScreenPage('<html><body><div id="root"></div></body></html>', { html: '', state: { mutations: [], queries: [] }, meta: { path: '/cases', lng: 'en', provider: 'nasstar', ns: [] } }, '/cases', 'redress-first-screen')).toBeNull();
  });

  it("gives the page its own title, in its language, escaped: a case's summary is the customer's text", () => {
    const state = { mutations: [], queries: [] };
    const en = firstScreenPage(template, { html: '<h1>My cases</h1>', state, title: 'My cases – Nasstar complaints', meta: { path: '/cases', lng: 'en', provider: 'nasstar', ns: ['cases'] } }, '/cases', 'redress-first-screen');
    expect(en).toContain('<title>My cases – Nasstar complaints</title>');
    expect(en).not.toContain('<title>x</title>');
    const it = firstScreenPage(template, { html: '<h1>I miei reclami</h1>', state, title: 'I miei reclami – Reclami a Nasstar', meta: { path: '/cases', lng: 'it', provider: 'nasstar', ns: ['cases'] } }, '/cases?lng=it', 'redress-first-screen');
    expect(it).toContain('<html lang="it">');
    expect(it).toContain('<title>I miei reclami – Reclami a Nasstar</title>');
    const hostile = firstScreenPage(template, { html: '', state, title: `</title><script>alert(1)</script> & "$&" (NAS-1)`, meta: { path: '/cases/NAS-1', lng: 'en', provider: 'nasstar', ns: [] } }, '/cases/NAS-1', 'redress-first-screen');
    expect(hostile).toContain(`<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; "$&amp;" (NAS-1)</title>`);
    expect(hostile).not.toContain('<script>alert');
    // No title heard (a page that sets none): the template's stays.
    expect(firstScreenPage(template, { html: '', state, title: null, meta: { path: '/cases', lng: 'en', provider: 'nasstar', ns: [] } }, '/cases', 'redress-first-screen')).toContain('<title>x</title>');
  });

  it("links the route's own stylesheets in the head (the staff workspace's comes with its route chunk)", () => {
    const page = firstScreenPage(template, { html: '<h1>Queue</h1>', state: { mutations: [], queries: [] }, meta: { path: '/staff', lng: 'en', provider: 'nasstar', ns: ['staff'] } }, '/staff', 'redress-first-screen', ['/assets/staff-1.css']);
    expect(page).toContain('<link rel="stylesheet" crossorigin href="/assets/staff-1.css"></head>');
  });
});

describe('one list of first-screen addresses for the server, the build and the route modules (src/domain/first-screen-routes.ts)', () => {
  // An SSR bundle that renders any address it is asked for.
  const dist = standInBuild(
    'redress-first-screen-',
    `export async function renderFirstScreen(path) { return { html: '<p>' + path + '</p>', state: { mutations: [], queries: [] }, meta: { path, lng: 'en', provider: 'nasstar', ns: [] } }; }`,
  );
  const addresses = ['/', '/track', '/complaints/new', '/sign-in', '/organisation', '/cases', '/cases/', '/cases/NAS-1', '/cases/NAS-1/', '/cases/NAS-1/escalate', '/cases/NAS-1/letters/l1', '/staff', '/staff/', '/staff/team', '/staff/cases/NAS-1', '/casesx', '/dev/mailbox'];

  it("renders a first screen for exactly the addresses the build lists, with that address's route stylesheet", async () => {
    // The stylesheets the build would list for each first-screen route module (a different one per module, so the
    // match is checked too).
    const cssOf = (module: string) => `/assets/${module.replace(/\W/g, '-')}.css`;
    const routeCss = new Map(firstScreenModules.map(({ module }) => [module, [cssOf(module)]]));
    writeFileSync(join(dist, '_ssr', 'first-screen-css.json'), JSON.stringify(firstScreenCss(routeCss, template)));

    const firstScreen = await loadFirstScreen(dist, () => Promise.resolve(new Response(null, { status: 500 })));
    expect(firstScreen).not.toBeNull();
    const served: string[] = [];
    for (const address of addresses) {
      const page = await firstScreen!(new Request(`http://x${address}`, { headers: { Cookie: 'redress_session=s' } }));
      const route = Object.values(firstScreenRoutes).find(({ pattern }) => pattern.test(address));
      expect(page !== null, address).toBe(route !== undefined);
      if (!page || !route) continue;
      served.push(address);
      expect(page, address).toContain(`<link rel="stylesheet" crossorigin href="${cssOf(route.module)}">`);
    }
    expect(served).toEqual(['/cases', '/cases/', '/cases/NAS-1', '/cases/NAS-1/', '/staff', '/staff/']);
    // Signed out (no cookie): nothing is rendered, whatever the address.
    expect(await firstScreen!(new Request('http://x/cases'))).toBeNull();
  });

  it('writes the stylesheets under each route\'s name, never an address pattern, leaving out those the page already links', () => {
    const routeCss = new Map(firstScreenModules.map(({ module }) => [module, ['/assets/index-1.css', `/assets/${module.replace(/\W/g, '-')}.css`]]));
    const json = firstScreenCss(routeCss, '<head><link rel="stylesheet" href="/assets/index-1.css"></head>');
    expect(Object.keys(json).sort()).toEqual(Object.keys(firstScreenRoutes).sort());
    expect(json).toEqual({
      cases: ['/assets/src-app-routes-cases-tsx.css'],
      case: ['/assets/src-app-routes-case-tsx.css'],
      staff: ['/assets/src-app-routes-staff-tsx.css'],
    });
    const text = JSON.stringify(json);
    for (const { pattern } of Object.values(firstScreenRoutes)) expect(text).not.toContain(JSON.stringify(pattern.source).slice(1, -1));
  });

  it("finds a route's stylesheets by the name the shared list matches the address to", async () => {
    const byName = mkdtempSync(join(tmpdir(), 'redress-first-screen-css-'));
    try {
      mkdirSync(join(byName, '_ssr'));
      writeFileSync(join(byName, 'index.html'), template);
      writeFileSync(
        join(byName, '_ssr', 'entry-server.js'),
        `export const FIRST_SCREEN_DATA_ID = 'd';
export async function renderFirstScreen(path) { return { html: '', state: { mutations: [], queries: [] }, meta: { path, lng: 'en', provider: 'nasstar', ns: [] } }; }`,
      );
      // Only the staff queue has a stylesheet of its own; a name not in the list is ignored.
      writeFileSync(join(byName, '_ssr', 'first-screen-css.json'), JSON.stringify({ staff: ['/assets/staff-9.css'], cases: [], gone: ['/assets/gone.css'] }));
      const firstScreen = await loadFirstScreen(byName, () => Promise.resolve(new Response(null, { status: 500 })));
      const page = (address: string) => firstScreen!(new Request(`http://x${address}`, { headers: { Cookie: 'redress_session=s' } }));
      expect(firstScreenRouteOf('/staff/')).toBe('staff');
      expect(await page('/staff/')).toContain('<link rel="stylesheet" crossorigin href="/assets/staff-9.css"></head>');
      for (const address of ['/cases', '/cases/NAS-1']) {
        const other = await page(address);
        expect(other, address).not.toBeNull();
        expect(other, address).not.toContain('<link rel="stylesheet"');
      }
    } finally {
      rmSync(byName, { recursive: true, force: true });
    }
  });

  it("reads only the listed routes' lists of names from the build's JSON: an older build's patterns give no stylesheets", () => {
    expect(routeCssOf({ case: ['/assets/a.css'], staff: 'x', cases: [1], other: ['/assets/o.css'] })).toEqual({ case: ['/assets/a.css'] });
    expect(routeCssOf([{ pattern: '^\\/staff\\/?$', css: ['/assets/staff-1.css'] }])).toEqual({});
    expect(routeCssOf(null)).toEqual({});
  });

  it('has each listed route module register its first screen by its key, and no other route module register one', () => {
    const routesDir = resolve(import.meta.dirname, '../../src/app/routes');
    const registering = readdirSync(routesDir)
      .filter((file) => /\.tsx?$/.test(file) && !/\.test\./.test(file))
      .flatMap((file) => [...readFileSync(join(routesDir, file), 'utf8').matchAll(/prefetchFirstScreen\('([^']+)'/g)].map((m) => ({ route: m[1], module: `src/app/routes/${file}` })));
    expect(registering.sort((a, b) => a.module.localeCompare(b.module))).toEqual(
      Object.entries(firstScreenRoutes)
        .map(([route, { module }]) => ({ route, module }))
        .sort((a, b) => a.module.localeCompare(b.module)),
    );
  });
});

describe("the first screen's API calls carry the page request's cookie, and only while its render runs", () => {
  // The render asks the API who is signed in and shows the answer, rendered by React as the real bundle renders
  // (src/entry-server.tsx: react-dom/static.edge); it also leaves a call behind, held until the test releases it after
  // every render has ended (as a query's retry would come later).
  const dist = standInBuild(
    'redress-first-screen-calls-',
    `import { createElement } from 'react';
import { prerender } from 'react-dom/static.edge';
globalThis.__leftBehind = [];
export async function renderFirstScreen(path) {
  const who = await (await fetch('/api/whoami')).text();
  const { prelude } = await prerender(createElement('p', null, who));
  const html = await new Response(prelude).text();
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  const later = gate.then(() => fetch('/api/whoami')).then((r) => r.text(), () => 'unrouted');
  globalThis.__leftBehind.push({ who, release, later });
  return { html, state: { mutations: [], queries: [] }, meta: { path, lng: 'en', provider: 'nasstar', ns: [] } };
}`,
    true,
  );
  /** Node 20: whether any async hook (an AsyncLocalStorage in use among them) is on — every promise then pays for it. */
  const promiseHooksOn = () => {
    const noDeprecation = process.noDeprecation;
    process.noDeprecation = true; // process.binding('async_wrap') is deprecated, and the only way to ask.
    try {
      const { async_hook_fields: fields } = (process as unknown as { binding(name: 'async_wrap'): { async_hook_fields: Uint32Array } }).binding('async_wrap');
      return fields[0] !== 0; // kInit: how many hooks want to hear of each new promise
    } finally {
      process.noDeprecation = noDeprecation;
    }
  };

  it("gives each of two overlapping renders its own cookie; a call a finished render leaves behind gets another's never", async () => {
    const firstScreen = await loadFirstScreen(dist, (request) => Promise.resolve(new Response(request.headers.get('Cookie'))));
    const pages = await Promise.all(['a', 'b'].map((s) => firstScreen!(new Request('http://x/cases', { headers: { Cookie: `redress_session=${s}` } }))));
    expect(pages[0]).toContain('<p>redress_session=a</p>');
    expect(pages[1]).toContain('<p>redress_session=b</p>');

    const leftBehind = (globalThis as unknown as { __leftBehind: { who: string; release: () => void; later: Promise<string> }[] }).__leftBehind;
    expect(leftBehind).toHaveLength(2);
    for (const call of leftBehind) call.release();
    // On Node 20 the context is no longer tracked once no render runs (the promise hooks are off): the call goes out
    // unrouted. From Node 24 a context costs nothing when unused and the call keeps its own render's cookie.
    const tracksWithHooks = Number(process.versions.node.split('.')[0]) < 24;
    for (const call of leftBehind) expect(await call.later).toBe(tracksWithHooks ? 'unrouted' : call.who);
    // With React's Node build instead (react-dom/static), its own storage would have left the hooks on here.
    if (tracksWithHooks) expect(promiseHooksOn()).toBe(false);
  });
});
