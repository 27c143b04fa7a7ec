import { i18next, type Namespace } from './i18n';
import { sessionHint } from './session-hint';

/**
 * What a signed-in page's first screen needs, asked for when its route module is evaluated: on a page load that is
 * while the app boots (createAppRouter loads the route module beside the translations and, in the demo, the
 * simulated back office), not after the first render, its translations' Suspense and the session's answer
 * (issue 21.10, docs/decisions/0176-first-screen-data-early.md). The queries go into the app's one QueryClient
 * under the keys the page then reads, so the page finds them answered or under way; nothing is stored anywhere
 * else. Only on the page the route module serves (a module loaded for a link followed later is evaluated while
 * the address is still the old page's) and only with a session (a visitor who is signed out asks for nothing).
 */
export function prefetchFirstScreen(pattern: RegExp, namespaces: Namespace[], start: (match: RegExpExecArray, search: URLSearchParams) => void) {
  if (typeof window === 'undefined') return;
  const match = pattern.exec(window.location.pathname);
  if (!match) return;
  // The page's translations, beside its data rather than one Suspense after another.
  const load = () => void i18next.loadNamespaces(namespaces);
  if (i18next.isInitialized) load();
  else i18next.on('initialized', load);
  if (!sessionHint.get()) return;
  try {
    start(match, new URLSearchParams(window.location.search));
  } catch {
    // An address the page itself will refuse (a malformed reference): the page asks, and says so, as before.
  }
}
