/**
 * Build-time pre-rendering of the public pages (docs/decisions/0041-prerender-public-pages.md).
 *
 * A Vite plugin: when a client build of the app finishes, it builds src/entry-server.tsx for Node with
 * the same vite.config.ts (same mode, aliases, defines), renders each public page in every language,
 * and writes the HTML into the build:
 *   /                → index.html          (also the SPA fallback for every other address)
 *   /complaints/new  → complaints/new.html
 *   /track           → track.html
 * The default language's markup is in #root; the others wait in <template id="prerender-<lng>">. An
 * inline boot script (allowed by its hash in the Content-Security-Policy the build writes to _headers)
 * picks the reader's language and provider before first paint, swaps the markup in or empties #root,
 * and loads the app once the page has painted. src/main.tsx then hydrates what is left, or renders afresh.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Plugin, ResolvedConfig } from 'vite';
import { firstScreenRoutes, type FirstScreenRoute } from '../src/domain/first-screen-routes.ts';
import { providerIds } from '../src/domain/provider-ids.ts';

/** The public pages, with the route module each one shows (its chunk is preloaded by the page). */
export const prerendered = [
  { path: '/', module: 'src/app/routes/home.tsx' },
  { path: '/complaints/new', module: 'src/app/routes/complaint.tsx' },
  { path: '/track', module: 'src/app/routes/track.tsx' },
] as const;
export const prerenderedPages = prerendered.map((p) => p.path);
/**
 * The signed-in pages the server renders with their first screen (decision 0179), and the route module each one
 * shows: one list, src/domain/first-screen-routes.ts, which the server's gate and the route modules read too. The
 * build lists the stylesheets each module's chunks bring (the staff workspace's comes with its route, not with the
 * page) in dist/_ssr/first-screen-css.json (`firstScreenCss`) by the route's name, and the server, which matches the
 * address with the same list, links them in the page it sends, so that its markup paints styled rather than moving
 * when the route's chunk arrives. No address pattern is written into the build.
 */
export const firstScreenModules = (Object.entries(firstScreenRoutes) as [FirstScreenRoute, (typeof firstScreenRoutes)[FirstScreenRoute]][]).map(([route, { module }]) => ({ route, module }));
/** first-screen-css.json: each first-screen route's name with its module's stylesheets not already in the page. */
export function firstScreenCss(routeCss: ReadonlyMap<string, string[]>, template: string): Record<FirstScreenRoute, string[]> {
  return Object.fromEntries(firstScreenModules.map(({ route, module }) => [route, (routeCss.get(module) ?? []).filter((f) => !template.includes(`${f}"`))])) as Record<FirstScreenRoute, string[]>;
}
export const FIRST_SCREEN_CSS = 'first-screen-css.json';
const languages = ['en', 'it'] as const;
/** Where the production build keeps the SSR bundle (src/entry-server.tsx) for the server, inside dist/. */
export const SSR_DIR = '_ssr';
const projectRoot = resolve(import.meta.dirname, '..');

interface Prerendered {
  html: string;
  meta: { path: string; lng: string; provider: string; ns: string[] };
}
type Render = (path: string, lng: string) => Promise<Prerendered | null>;

const attr = (value: unknown) => JSON.stringify(value).replace(/&/g, '&amp;').replace(/'/g, '&#39;');
const fileFor = (path: string) => (path === '/' ? 'index.html' : `${path.slice(1)}.html`);

/**
 * The boot script, inline at the end of <body> so that it runs before first paint without a request of
 * its own (the Content-Security-Policy allows it by its hash: see `contentSecurityPolicy`). Keep it
 * ES5-ish. It
 *  1. picks the reader's language exactly like detectLanguage (`?lng`, saved choice, browser) and the
 *     provider like currentProviderId, swaps in the matching pre-rendered markup, or empties #root when
 *     the address, language or (demo) provider does not match, so nobody sees another page's content;
 *  2. starts loading the app (module entry + modulepreloads, listed on the script's data attributes)
 *     once the pre-rendered page's largest content has painted (the browser's largest-contentful-paint
 *     report; two animation frames where there is none). Nothing competes with that paint, and the page
 *     is readable while the JavaScript arrives (docs/decisions/0043-boot-after-first-paint.md). A page
 *     with nothing to show (emptied #root, hidden tab) loads at once; a second at most in any case.
 */
export function bootScript(demo: boolean) {
  return `(function(){var d=document,r=d.getElementById('root'),me=d.currentScript,done=0;
function load(){if(done)return;done=1;var h=d.head,a=(me.getAttribute('data-preload')||'').split(' ');
for(var i=0;i<a.length;i++){if(!a[i])continue;var k=d.createElement('link');k.rel='modulepreload';k.crossOrigin='';k.href=a[i];h.appendChild(k)}
var s=d.createElement('script');s.type='module';s.crossOrigin='';s.src=me.getAttribute('data-entry');h.appendChild(s)}
function afterPaint(){if(d.visibilityState!=='visible')return load();setTimeout(load,1000);var P=window.PerformanceObserver,T=P&&P.supportedEntryTypes||[];
if(T.indexOf('largest-contentful-paint')>=0)new P(function(l,o){o.disconnect();setTimeout(load,0)}).observe({type:'largest-contentful-paint',buffered:true});
else if(window.requestAnimationFrame)requestAnimationFrame(function(){requestAnimationFrame(load)});else load()}
function show(){d.documentElement.removeAttribute('data-booting')}
function clear(){r.replaceChildren();r.removeAttribute('data-prerender');show();load()}
if(!r||!r.dataset.prerender||!r.firstChild){show();return load()}
var m=JSON.parse(r.dataset.prerender),q=new URLSearchParams(location.search),L=${JSON.stringify(languages)},P=${JSON.stringify(providerIds)};
function g(k){try{return localStorage.getItem(k)}catch(e){return null}}
function ok(a,x){return a.indexOf(x)>=0}
var l=q.get('lng');if(!ok(L,l)){l=g('redress.lng');if(!ok(L,l)){l='en';var n=navigator.languages||[];for(var i=0;i<n.length;i++){var b=String(n[i]).slice(0,2).toLowerCase();if(ok(L,b)){l=b;break}}}}
var p=m.provider;${demo ? `p=q.get('provider');if(!ok(P,p)){p=g('redress.provider');if(!ok(P,p))p=${JSON.stringify('nasstar')}}` : ''}
if(location.pathname!==m.path||p!==m.provider)return clear();
if(l!==m.lng){var t=d.getElementById('prerender-'+l);if(!t)return clear();r.replaceChildren(t.content.cloneNode(true));r.dataset.prerender=t.dataset.prerender;d.documentElement.lang=l}
show();afterPaint()})();`.replace(/\n/g, '');
}

/**
 * The first of the two inline scripts, in <head>: the pre-rendered markup stays hidden (styles.css,
 * html[data-booting]) until the boot script at the end of <body> has put the reader's language in
 * place, so a page that arrives in several pieces never paints the other language first. Without
 * JavaScript nothing is hidden; if the boot script fails, the stylesheet shows the page after 2 s.
 */
export const hideScript = `document.documentElement.setAttribute('data-booting','')`;

/** The policy every page is served with; the build writes it to `_headers` (decisions 0050 and 0043). */
export function contentSecurityPolicy(inlineScripts: string[]) {
  const hashes = inlineScripts.map((code) => ` 'sha256-${createHash('sha256').update(code).digest('base64')}'`).join('');
  return `default-src 'self'; script-src 'self'${hashes}; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'`;
}

/** Production headers for hosts that read a `_headers` file (Netlify, Cloudflare Pages); the README lists them. */
export function headersFile(csp: string) {
  return `/*
  Content-Security-Policy: ${csp}
  X-Content-Type-Options: nosniff
  Referrer-Policy: strict-origin-when-cross-origin
  Permissions-Policy: camera=(), microphone=(), geolocation=()
  Strict-Transport-Security: max-age=63072000; includeSubDomains
`;
}

const moduleScript = /\s*<script type="module" crossorigin src="\/([^"]+)"><\/script>/;
const modulePreload = /\s*<link rel="modulepreload" crossorigin href="\/([^"]+)">/g;

/**
 * The page: the default language's markup in #root, the others in templates, then the boot script,
 * which takes over loading the shell's module entry and modulepreloads (removed from <head>) and the
 * page's own route chunk (`data-route`: not part of the shell, so not counted as initial JS).
 */
export function page(template: string, rendered: Prerendered[], boot: string, routePreload: string[] = []): string {
  const [first, ...others] = rendered;
  const entry = moduleScript.exec(template)?.[1];
  if (!first || !entry) return template;
  const shellPreload = [...template.matchAll(modulePreload)].map((m) => m[1]!);
  const root = `<div id="root" data-prerender='${attr(first.meta)}'>${first.html}</div>`;
  const templates = others.map((r) => `<template id="prerender-${r.meta.lng}" data-prerender='${attr(r.meta)}'>${r.html}</template>`).join('');
  const list = (files: string[]) => files.map((f) => `/${f}`).join(' ');
  const script = `<script data-entry="/${entry}" data-preload="${list([...shellPreload, ...routePreload])}" data-shell="${list([entry, ...shellPreload])}">${boot}</script>`;
  return template
    .replace('</title>', `</title><script>${hideScript}</script>`)
    .replace(moduleScript, '')
    .replace(modulePreload, '')
    .replace('<div id="root"></div>', () => `${root}${templates}${script}`)
    .replace(/<html lang="[^"]*"/, `<html lang="${first.meta.lng}"`);
}

/** Route module → its chunk and the chunks that chunk imports statically. */
type RouteChunks = Map<string, string[]>;
/** Route module → the stylesheets of its chunk and of the chunks it imports statically, as the server links them. */
type RouteCss = Map<string, string[]>;

export function prerender(): Plugin {
  let config: ResolvedConfig;
  const routeChunks: RouteChunks = new Map();
  const routeCss: RouteCss = new Map();
  return {
    name: 'redress:prerender',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    writeBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
      const chunkOf = (module: string) => chunks.find((c) => c.facadeModuleId?.endsWith(module));
      const byFile = new Map(chunks.map((c) => [c.fileName, c]));
      for (const { module } of prerendered) {
        const chunk = chunkOf(module);
        if (chunk) routeChunks.set(module, [chunk.fileName, ...chunk.imports]);
      }
      for (const { module } of firstScreenModules) {
        const chunk = chunkOf(module);
        if (!chunk) continue;
        const css = new Set<string>();
        const seen = new Set<string>();
        const visit = (fileName: string) => {
          const c = byFile.get(fileName);
          if (!c || seen.has(fileName)) return;
          seen.add(fileName);
          for (const file of c.viteMetadata?.importedCss ?? []) css.add(`/${file}`);
          c.imports.forEach(visit);
        };
        visit(chunk.fileName);
        routeCss.set(module, [...css]);
      }
    },
    async closeBundle() {
      // Only after the app's own client build: not the SSR build below, not the floor, not when asked not to.
      if (config.build.ssr || resolve(config.root) !== projectRoot || process.env.REDRESS_PRERENDER === 'off') return;
      try {
        await prerenderInto(config, routeChunks, routeCss);
      } catch (error) {
        // A page that cannot be pre-rendered still works as a client-rendered page: warn, do not fail the build,
        // and publish the policy without inline scripts (the pages have none then).
        config.logger.warn(`redress:prerender skipped: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        writeFileSync(join(resolve(config.root, config.build.outDir), '_headers'), headersFile(contentSecurityPolicy([])));
      }
    },
  };
}

async function prerenderInto(config: ResolvedConfig, routeChunks: RouteChunks, routeCss: RouteCss) {
  const started = Date.now();
  const outDir = resolve(config.root, config.build.outDir);
  // The production build keeps its SSR bundle in dist/_ssr/ (the server renders signed-in pages' first screens
  // with it, decision 0179; the server never serves a path with a part starting with `_`); others in a cache.
  const ssrDir = config.define?.__MOCKING__ === 'true' ? join(projectRoot, 'node_modules', '.cache', 'redress-ssr', config.mode) : join(outDir, SSR_DIR);
  const { build } = await import('vite');
  await build({
    configFile: join(projectRoot, 'vite.config.ts'),
    mode: config.mode,
    logLevel: 'error',
    publicDir: false,
    build: { ssr: 'src/entry-server.tsx', outDir: ssrDir, emptyOutDir: true },
  });
  const template = readFileSync(join(outDir, 'index.html'), 'utf8');
  writeFileSync(join(ssrDir, FIRST_SCREEN_CSS), JSON.stringify(firstScreenCss(routeCss, template)));
  const entry = pathToFileURL(join(ssrDir, 'entry-server.js')).href;
  const { render } = (await import(`${entry}?t=${Date.now()}`)) as { render: Render };
  const boot = bootScript(config.define?.__MOCKING__ === 'true');
  for (const { path, module } of prerendered) {
    const rendered: Prerendered[] = [];
    for (const lng of languages) {
      const result = await render(path, lng);
      if (result) rendered.push(result);
    }
    if (rendered.length === 0) continue;
    const file = join(outDir, fileFor(path));
    mkdirSync(dirname(file), { recursive: true });
    const routePreload = (routeChunks.get(module) ?? []).filter((f) => !template.includes(`/${f}"`));
    writeFileSync(file, page(template, rendered, boot, routePreload));
  }
  writeFileSync(join(outDir, '_headers'), headersFile(contentSecurityPolicy([hideScript, boot])));
  config.logger.info(`redress:prerender ${prerenderedPages.join(' ')} × ${languages.join('/')} in ${Date.now() - started} ms`);
}
