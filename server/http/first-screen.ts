import { AsyncLocalStorage } from 'node:async_hooks';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DehydratedState } from '@tanstack/react-query';
import { escapeHtml } from '@/core/notifications';
import { firstScreenRouteNames, firstScreenRouteOf, type FirstScreenRoute } from '@/domain/first-screen-routes';

/**
 * A signed-in page's first screen sent with the page (issue 21.10, docs/decisions/0179-server-sends-first-screen.md).
 * A GET for /cases, /cases/{reference} or /staff with a cookie is rendered by the production build's SSR bundle
 * (dist/_ssr/entry-server.js, src/entry-server.tsx `renderFirstScreen`): the same routes and tree as the browser,
 * with the page's first-screen queries asked for by the app's own API client. Its `fetch('/api/…')` is answered
 * here by this server's own API (`api`: the Hono app), with the page request's cookie and host — so the session
 * and access are checked by exactly the operations the browser's requests go through. The markup goes in #root
 * (hydrated by src/main.tsx), the queries' answers in a non-executable `<script type="application/json">` (the
 * Content-Security-Policy is unchanged). Anything else — no cookie, signed out, not theirs, an error — gets null:
 * the page is sent as before.
 */

type Language = 'en' | 'it';
interface Rendered {
  html: string;
  state: DehydratedState;
  /** The page's document title (plain text), or null when the page set none. */
  title?: string | null;
  meta: { path: string; lng: string; provider: string; ns: string[] };
}
interface SsrBundle {
  /** The id of the JSON script the browser reads the data from. */
  FIRST_SCREEN_DATA_ID: string;
  renderFirstScreen(pathAndSearch: string, lng: Language): Promise<Rendered | null>;
}
interface Call {
  origin: string;
  cookie: string;
  api: (request: Request) => Promise<Response>;
}

const calls = new AsyncLocalStorage<Call>();
let fetchRouted = false;
let rendersRunning = 0;

/**
 * `render` with `call` as the context its `fetch('/api/…')` finds. The context is tracked only while a render runs:
 * on Node 20 a storage in use turns on promise hooks for the whole process, which cost every request more Node CPU
 * (a guest read at 200 connections: 0.89 → 0.99 and 0.97 → 1.23 ms) from the first signed-in page until the process
 * ended. Once the last render in flight has ended the storage is disabled again; a fetch a finished render leaves
 * behind (a retry's timer) then finds no call and goes out unrouted, with no cookie — or, while another render runs,
 * its own render's (docs/decisions/0189-first-screen-context-off-between-renders.md; the bundle renders with React's
 * edge build for the same reason).
 */
async function withCall<T>(call: Call, render: () => Promise<T>): Promise<T> {
  rendersRunning++;
  try {
    return await calls.run(call, render);
  } finally {
    if (--rendersRunning === 0) calls.disable();
  }
}

/** The SSR bundle's `fetch('/api/…')`, inside a render, goes to this server's API with the page request's cookie. */
function routeRelativeFetch() {
  if (fetchRouted) return;
  fetchRouted = true;
  const original = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    const call = calls.getStore();
    if (!call || typeof input !== 'string' || !input.startsWith('/')) return original(input, init);
    const headers = new Headers(init?.headers);
    headers.set('Cookie', call.cookie);
    return call.api(new Request(new URL(input, call.origin), { ...init, headers }));
  };
}

/** The page's language as the browser would choose it without its saved choice: `?lng`, then Accept-Language, then English. */
export function languageOf(url: URL, acceptLanguage: string | undefined): Language {
  const asked = url.searchParams.get('lng');
  if (asked === 'en' || asked === 'it') return asked;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const base = part.trim().slice(0, 2).toLowerCase();
    if (base === 'en' || base === 'it') return base;
  }
  return 'en';
}

/** Text in HTML: nothing in it is read as markup (a case's summary is the customer's own words). */
export const htmlText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const attr = (value: unknown) => JSON.stringify(value).replace(/&/g, '&amp;').replace(/'/g, '&#39;');
/** JSON inside <script>: nothing in it can close the element or open a comment. */
export const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

/**
 * The page: dist/index.html (the home page pre-rendered, with its boot script) with #root holding this page's
 * first screen instead of the home page's markup and templates, and the queries' answers after it (outside #root:
 * when the boot script empties #root — the reader's saved language is the other one — the app still finds them),
 * in the page's language (`<html lang>`) with the page's own `<title>`.
 */
export function firstScreenPage(template: string, rendered: Rendered, pathAndSearch: string, dataId: string, stylesheets: readonly string[] = []): string | null {
  const start = template.indexOf('<div id="root"');
  const end = template.indexOf('<script data-entry=');
  if (start < 0 || end < start) return null;
  const data = `<script type="application/json" id="${dataId}">${scriptJson({ path: pathAndSearch, state: rendered.state })}</script>`;
  const root = `<div id="root" data-prerender='${attr(rendered.meta)}'>${rendered.html}</div>${data}`;
  // The route's own stylesheets (the staff workspace's comes with its route chunk): the markup paints styled, not
  // unstyled and then moved when the chunk arrives. The app's preloading finds them linked and adds none.
  const links = stylesheets.map((href) => `<link rel="stylesheet" crossorigin href="${escapeHtml(href)}">`).join('');
  const page = (template.slice(0, start) + root + template.slice(end)).replace(/<html lang="[^"]*"/, `<html lang="${rendered.meta.lng}"`).replace('</head>', () => `${links}</head>`);
  // The page's own title, not the home page's, before any script runs (a screen reader, a tab list).
  return rendered.title ? page.replace(/<title>[^<]*<\/title>/, () => `<title>${htmlText(rendered.title ?? '')}</title>`) : page;
}

export type FirstScreen = (request: Request) => Promise<string | null>;
type RouteCss = Partial<Record<FirstScreenRoute, string[]>>;

/**
 * The build's dist/_ssr/first-screen-css.json (scripts/prerender.ts `firstScreenCss`): each first-screen route's
 * name with its stylesheets. Only the routes of the shared list with a list of strings are kept; anything else (an
 * older build's array of address patterns, a name no longer listed) gives no stylesheets rather than a failed page.
 */
export function routeCssOf(json: unknown): RouteCss {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return {};
  const entries = json as Record<string, unknown>;
  const css: RouteCss = {};
  for (const route of firstScreenRouteNames) {
    const files = entries[route];
    if (Array.isArray(files) && files.every((f) => typeof f === 'string')) css[route] = files;
  }
  return css;
}

/**
 * Null when the build has no SSR bundle (a build made before decision 0179, or the demo build). The bundle (React and
 * the app's routes) and the page template are loaded with the first signed-in page asked for, not at start-up: an
 * instance that serves only the API never holds them (decision 0173).
 */
export async function loadFirstScreen(distDir: string, api: (request: Request) => Promise<Response>): Promise<FirstScreen | null> {
  const entry = join(distDir, '_ssr', 'entry-server.js');
  if (!existsSync(entry)) return null;
  let loading: Promise<{ bundle: SsrBundle; template: string; css: RouteCss } | null> | undefined;
  const load = async () => {
    const bundle = (await import(pathToFileURL(entry).href)) as SsrBundle;
    if (typeof bundle.renderFirstScreen !== 'function' || typeof bundle.FIRST_SCREEN_DATA_ID !== 'string') return null;
    const template = await readFile(join(distDir, 'index.html'), 'utf8');
    // The route modules' stylesheets, listed by the build under the route's name (src/domain/first-screen-routes.ts,
    // scripts/prerender.ts `firstScreenCss`); none in an older build.
    const css = await readFile(join(distDir, '_ssr', 'first-screen-css.json'), 'utf8')
      .then((text) => routeCssOf(JSON.parse(text)))
      .catch((): RouteCss => ({}));
    routeRelativeFetch();
    return { bundle, template, css };
  };
  return async (request) => {
    const cookie = request.headers.get('Cookie');
    const url = new URL(request.url);
    const route = firstScreenRouteOf(url.pathname);
    if (request.method !== 'GET' || !cookie || !route) return null;
    const loaded = await (loading ??= load());
    if (!loaded) return null;
    const { bundle, template, css } = loaded;
    const pathAndSearch = url.pathname + url.search;
    const rendered = await withCall({ origin: url.origin, cookie, api }, () => bundle.renderFirstScreen(pathAndSearch, languageOf(url, request.headers.get('Accept-Language') ?? undefined)));
    return rendered ? firstScreenPage(template, rendered, pathAndSearch, bundle.FIRST_SCREEN_DATA_ID, css[route]) : null;
  };
}
