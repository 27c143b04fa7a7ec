import { hydrate, type DehydratedState, type QueryClient } from '@tanstack/react-query';
import { i18next, type Namespace } from './i18n';
import { queryClient } from './query-client-instance';
import { sessionHint } from './session-hint';
import { firstScreenRoutes, type FirstScreenRoute } from '@/domain/first-screen-routes';

/** Puts a page's first-screen queries into `client` (the browser's one QueryClient, or the server's per request). */
export type FirstScreenStart = (client: QueryClient, match: RegExpExecArray, search: URLSearchParams) => Promise<unknown>[];

export interface FirstScreen {
  route: FirstScreenRoute;
  pattern: RegExp;
  namespaces: Namespace[];
  start: FirstScreenStart;
}

/**
 * The id of the non-executable `<script type="application/json">` in which the server sends a signed-in page's
 * first-screen queries (TanStack Query's dehydrated state) with the page (docs/decisions/0179-server-sends-first-screen.md).
 */
export const FIRST_SCREEN_DATA_ID = 'redress-first-screen';

/** Every signed-in page's first screen, registered by its route module when it is evaluated (the server renders from these). */
export const firstScreens: FirstScreen[] = [];


/** The server's queries for this very page, once: put into the app's QueryClient, then the element is gone. */
function sentWithThePage(): boolean {
  const element = document.getElementById(FIRST_SCREEN_DATA_ID);
  if (!element) return false;
  element.remove();
  try {
    const sent = JSON.parse(element.textContent ?? '') as { path?: string; state?: DehydratedState };
    if (sent.path !== window.location.pathname + window.location.search || !sent.state) return false;
    hydrate(queryClient, sent.state);
    return true;
  } catch {
    return false;
  }
}

/**
 * What a signed-in page's first screen needs, asked for when its route module is evaluated: on a page load that is
 * while the app boots (createAppRouter loads the route module beside the translations and, in the demo, the
 * simulated back office), not after the first render, its translations' Suspense and the session's answer
 * (issue 21.10, docs/decisions/0176-first-screen-data-early.md). The queries go into the app's one QueryClient
 * under the keys the page then reads, so the page finds them answered or under way; nothing is stored anywhere
 * else. Only on the page the route module serves (a module loaded for a link followed later is evaluated while
 * the address is still the old page's) and only with a session (a visitor who is signed out asks for nothing).
 * When the server sent the answers with the page (decision 0179), they are used and nothing is asked for.
 */
export function prefetchFirstScreen(route: FirstScreenRoute, namespaces: Namespace[], start: FirstScreenStart) {
  // The address is the shared list's (src/domain/first-screen-routes.ts), the one the server and the build read.
  const { pattern } = firstScreenRoutes[route];
  firstScreens.push({ route, pattern, namespaces, start });
  if (typeof window === 'undefined') return;
  const match = pattern.exec(window.location.pathname);
  if (!match) return;
  // The page's translations, beside its data rather than one Suspense after another.
  const load = () => void i18next.loadNamespaces(namespaces);
  if (i18next.isInitialized) load();
  else i18next.on('initialized', load);
  if (sentWithThePage()) return;
  if (!sessionHint.get()) return;
  try {
    void start(queryClient, match, new URLSearchParams(window.location.search));
  } catch {
    // An address the page itself will refuse (a malformed reference): the page asks, and says so, as before.
  }
}
