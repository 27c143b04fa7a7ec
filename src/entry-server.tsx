/**
 * Build-time pre-rendering of the public pages (docs/decisions/0041-prerender-public-pages.md).
 * Built by scripts/prerender.ts as an SSR bundle and called once per page and language; never
 * shipped to the browser. Renders the same tree as the browser (AppShell + the app's routes) so
 * that src/main.tsx can hydrate it.
 */
// The edge build: the Node build keeps an AsyncLocalStorage of its own, run on every render and never disabled, which
// on Node 20 leaves promise hooks on — every request of the server slower — once a signed-in page has rendered
// (docs/decisions/0189-first-screen-context-off-between-renders.md). Same renderer, same markup, web streams.
import { prerender } from 'react-dom/static.edge';
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from 'react-router';
import { dehydrate, type DehydratedState } from '@tanstack/react-query';
import { createQueryClient } from '@/lib/query-client';
import { firstScreens } from '@/lib/first-screen';

/** Where the server puts the first screen's data (src/lib/first-screen.ts reads it). */
export { FIRST_SCREEN_DATA_ID } from '@/lib/first-screen';
import { callApi } from '@/api/client';
import { sessionQueries } from '@/features/session';
import { i18next, initI18n, type Language } from '@/lib/i18n';
import { currentProviderId } from '@/lib/provider';
import { AppShell } from '@/app/app';
import { routes } from '@/app/router';
import { hearPageTitle } from '@/app/layout/page-title';

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

export interface FirstScreenRendered extends Prerendered {
  /** The page's first-screen queries (TanStack Query's dehydrated state), for the browser's QueryClient. */
  state: DehydratedState;
  /** The page's document title, as the browser sets it (src/app/layout/page-title.tsx); plain text, not escaped. */
  title: string | null;
}

let rendering: Promise<unknown> = Promise.resolve();

/**
 * A signed-in page's first screen (issue 21.10, docs/decisions/0179-server-sends-first-screen.md), rendered by the
 * server for one request: the page's route module registers its first-screen queries (src/lib/first-screen.ts); they
 * are asked for with the app's own API client — the server routes its `fetch('/api/…')` to its own API with the
 * request's session cookie, so access is checked exactly as for the browser's requests — into a QueryClient of
 * this request's own, then the same tree as the browser is rendered with it. Null when the address has no first
 * screen or any of its queries failed (signed out, not theirs, not found): the server sends the page as before.
 * One render at a time: the translations are one i18next instance, switched to the page's language.
 */
export function renderFirstScreen(pathAndSearch: string, lng: Language): Promise<FirstScreenRendered | null> {
  const next = rendering.then(() => renderOne(pathAndSearch, lng));
  rendering = next.catch(() => undefined);
  return next;
}

async function renderOne(pathAndSearch: string, lng: Language): Promise<FirstScreenRendered | null> {
  const url = new URL(pathAndSearch, 'http://first-screen.invalid');
  const handler = createStaticHandler(routes);
  // Loads the route modules of the address (their first screens register as they are evaluated).
  const context = await handler.query(new Request(url));
  if (context instanceof Response || context.statusCode !== 200) return null;
  const screen = firstScreens.find((s) => s.pattern.test(url.pathname));
  const match = screen?.pattern.exec(url.pathname);
  if (!screen || !match) return null;
  const client = createQueryClient();
  // Who is signed in, asked for whatever the browser's session hint (there is none here): the page's own session
  // query then finds it answered. A 401 fails it, and nothing is rendered.
  const session = sessionQueries.current();
  await client.prefetchQuery({ queryKey: session.queryKey, queryFn: ({ signal }) => callApi('whoAmI', { signal }), staleTime: 5 * 60_000, retry: false });
  await Promise.all(screen.start(client, match, url.searchParams));
  const queries = client.getQueryCache().getAll();
  if (!client.getQueryData(session.queryKey) || queries.some((q) => q.state.status !== 'success')) return null;

  ready ??= initI18n(lng);
  await ready;
  await i18next.changeLanguage(lng);
  await i18next.loadNamespaces(screen.namespaces);
  const reported = (i18next as unknown as { reportNamespaces?: { usedNamespaces: Record<string, boolean> } }).reportNamespaces;
  if (reported) reported.usedNamespaces = {};
  const state = dehydrate(client);
  const router = createStaticRouter(handler.dataRoutes, context);
  // The page's title as usePageTitle words it. The first heard is the outermost page's, as in the browser, where
  // the outermost component's effect runs last and its title stays.
  let title: string | null = null;
  hearPageTitle((heard) => (title ??= heard));
  let prelude: ReadableStream<Uint8Array>;
  try {
    ({ prelude } = await prerender(
      <AppShell client={client}>
        <StaticRouterProvider router={router} context={context} hydrate={false} />
      </AppShell>,
    ));
  } finally {
    hearPageTitle(undefined);
  }
  const html = await new Response(prelude).text();
  const ns = reported ? Object.keys(reported.usedNamespaces) : [...screen.namespaces];
  return { html, state, title, meta: { path: url.pathname, lng, provider: currentProviderId(), ns } };
}
