/**
 * Build-time pre-rendering of the public pages (docs/decisions/0041-prerender-public-pages.md).
 * Built by scripts/prerender.ts as an SSR bundle and called once per page and language; never
 * shipped to the browser. Renders the same tree as the browser (AppShell + the app's routes) so
 * that src/main.tsx can hydrate it.
 */
import { prerender } from 'react-dom/static';
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from 'react-router';
import { createQueryClient } from '@/lib/query-client';
import { i18next, initI18n, type Language } from '@/lib/i18n';
import { currentProviderId } from '@/lib/provider';
import { AppShell } from '@/app/app';
import { routes } from '@/app/router';

export interface Prerendered {
  html: string;
  /** What the browser must have to hydrate this markup unchanged. */
  meta: { path: string; lng: Language; provider: string; ns: string[] };
}

let ready: Promise<unknown> | undefined;

export async function render(path: string, lng: Language): Promise<Prerendered | null> {
  ready ??= initI18n(lng);
  await ready;
  await i18next.changeLanguage(lng);
  const reported = (i18next as unknown as { reportNamespaces?: { usedNamespaces: Record<string, boolean> } }).reportNamespaces;
  if (reported) reported.usedNamespaces = {};

  const handler = createStaticHandler(routes);
  const context = await handler.query(new Request(new URL(path, 'http://prerender.invalid')));
  if (context instanceof Response || context.statusCode !== 200) return null;
  const router = createStaticRouter(handler.dataRoutes, context);
  const { prelude } = await prerender(
    <AppShell client={createQueryClient()}>
      <StaticRouterProvider router={router} context={context} hydrate={false} />
    </AppShell>,
  );
  const html = await new Response(prelude).text();
  const ns = reported ? Object.keys(reported.usedNamespaces) : ['common', 'providers'];
  return { html, meta: { path, lng, provider: currentProviderId(), ns } };
}
