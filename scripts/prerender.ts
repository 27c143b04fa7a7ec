/**
 * Build-time pre-rendering of the public pages (docs/decisions/0041-prerender-public-pages.md).
 *
 * A Vite plugin: when a client build of the app finishes, it builds src/entry-server.tsx for Node with
 * the same vite.config.ts (same mode, aliases, defines), renders each public page in every language,
 * and writes the HTML into the build:
 *   /                → index.html          (also the SPA fallback for every other address)
 *   /complaints/new  → complaints/new.html
 *   /track           → track.html
 * The default language's markup is in #root; the others wait in <template id="prerender-<lng>">. A tiny
 * script, run before first paint, picks the reader's language the way src/lib/i18n.ts does,
 * swaps the markup in, and empties #root when the page, language or (demo) provider does not match,
 * so nobody sees another page's content (a classic script file, assets/prerender-switch-<hash>.js). src/main.tsx then hydrates what is left, or renders afresh.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Plugin, ResolvedConfig } from 'vite';
import { providerIds } from '../src/domain/provider-ids.ts';

/** The public pages, with the route module each one shows (its chunk is preloaded by the page). */
export const prerendered = [
  { path: '/', module: 'src/app/routes/home.tsx' },
  { path: '/complaints/new', module: 'src/app/routes/complaint.tsx' },
  { path: '/track', module: 'src/app/routes/track.tsx' },
] as const;
export const prerenderedPages = prerendered.map((p) => p.path);
const languages = ['en', 'it'] as const;
const projectRoot = resolve(import.meta.dirname, '..');

interface Prerendered {
  html: string;
  meta: { path: string; lng: string; provider: string; ns: string[] };
}
type Render = (path: string, lng: string) => Promise<Prerendered | null>;

const attr = (value: unknown) => JSON.stringify(value).replace(/&/g, '&amp;').replace(/'/g, '&#39;');
const fileFor = (path: string) => (path === '/' ? 'index.html' : `${path.slice(1)}.html`);

/**
 * Runs before first paint, as a small classic script of its own (the Content-Security-Policy allows no
 * inline script); keep it ES5-ish. Mirrors detectLanguage and currentProviderId.
 */
export function switchScript(demo: boolean) {
  return `(function(){var r=document.getElementById('root');if(!r||!r.dataset.prerender)return;
var m=JSON.parse(r.dataset.prerender),q=new URLSearchParams(location.search),L=${JSON.stringify(languages)},P=${JSON.stringify(providerIds)};
function g(k){try{return localStorage.getItem(k)}catch(e){return null}}
function ok(a,x){return a.indexOf(x)>=0}
var l=q.get('lng');if(!ok(L,l)){l=g('redress.lng');if(!ok(L,l)){l='en';var n=navigator.languages||[];for(var i=0;i<n.length;i++){var b=String(n[i]).slice(0,2).toLowerCase();if(ok(L,b)){l=b;break}}}}
var p=m.provider;${demo ? `p=q.get('provider');if(!ok(P,p)){p=g('redress.provider');if(!ok(P,p))p=${JSON.stringify('nasstar')}}` : ''}
function clear(){r.replaceChildren();r.removeAttribute('data-prerender')}
if(location.pathname!==m.path||p!==m.provider)return clear();
if(l!==m.lng){var t=document.getElementById('prerender-'+l);if(!t)return clear();r.replaceChildren(t.content.cloneNode(true));r.dataset.prerender=t.dataset.prerender;document.documentElement.lang=l}
})();`.replace(/\n/g, '');
}

export function page(template: string, rendered: Prerendered[], script: string, preload: string[] = []): string {
  const [first, ...others] = rendered;
  if (!first) return template;
  const root = `<div id="root" data-prerender='${attr(first.meta)}'>${first.html}</div>`;
  const templates = others.map((r) => `<template id="prerender-${r.meta.lng}" data-prerender='${attr(r.meta)}'>${r.html}</template>`).join('');
  return template
    .replace('<div id="root"></div>', `${root}${templates}<script src="/${script}"></script>`)
    .replace(/<html lang="[^"]*"/, `<html lang="${first.meta.lng}"`)
    // The page's own route chunk; marked so that the size check keeps counting only the shell as initial JS.
    .replace('</head>', `${preload.map((f) => `<link rel="modulepreload" crossorigin href="/${f}" data-route>`).join('')}</head>`);
}

/** Route module → its chunk and the chunks that chunk imports statically. */
type RouteChunks = Map<string, string[]>;

export function prerender(): Plugin {
  let config: ResolvedConfig;
  const routeChunks: RouteChunks = new Map();
  return {
    name: 'redress:prerender',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    writeBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
      for (const { module } of prerendered) {
        const chunk = chunks.find((c) => c.facadeModuleId?.endsWith(module));
        if (chunk) routeChunks.set(module, [chunk.fileName, ...chunk.imports]);
      }
    },
    async closeBundle() {
      // Only after the app's own client build: not the SSR build below, not the floor, not when asked not to.
      if (config.build.ssr || resolve(config.root) !== projectRoot || process.env.REDRESS_PRERENDER === 'off') return;
      try {
        await prerenderInto(config, routeChunks);
      } catch (error) {
        // A page that cannot be pre-rendered still works as a client-rendered page: warn, do not fail the build.
        config.logger.warn(`redress:prerender skipped: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
    },
  };
}

async function prerenderInto(config: ResolvedConfig, routeChunks: RouteChunks) {
  const started = Date.now();
  const outDir = resolve(config.root, config.build.outDir);
  const ssrDir = join(projectRoot, 'node_modules', '.cache', 'redress-ssr', config.mode);
  const { build } = await import('vite');
  await build({
    configFile: join(projectRoot, 'vite.config.ts'),
    mode: config.mode,
    logLevel: 'error',
    publicDir: false,
    build: { ssr: 'src/entry-server.tsx', outDir: ssrDir, emptyOutDir: true },
  });
  const entry = pathToFileURL(join(ssrDir, 'entry-server.js')).href;
  const { render } = (await import(`${entry}?t=${Date.now()}`)) as { render: Render };
  const template = readFileSync(join(outDir, 'index.html'), 'utf8');
  const code = switchScript(config.define?.__MOCKING__ === 'true');
  const script = `assets/prerender-switch-${createHash('sha256').update(code).digest('hex').slice(0, 8)}.js`;
  writeFileSync(join(outDir, script), code);
  for (const { path, module } of prerendered) {
    const rendered: Prerendered[] = [];
    for (const lng of languages) {
      const result = await render(path, lng);
      if (result) rendered.push(result);
    }
    if (rendered.length === 0) continue;
    const file = join(outDir, fileFor(path));
    mkdirSync(dirname(file), { recursive: true });
    const preload = (routeChunks.get(module) ?? []).filter((f) => !template.includes(`/${f}"`));
  writeFileSync(file, page(template, rendered, script, preload));
  }
  config.logger.info(`redress:prerender ${prerenderedPages.join(' ')} × ${languages.join('/')} in ${Date.now() - started} ms`);
}
