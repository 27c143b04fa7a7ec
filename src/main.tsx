import { useEffect, type ReactNode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { detectLanguage, i18next, initI18n } from '@/lib/i18n';
import { adoptProviderFromUrl, currentProviderId } from '@/lib/provider';
import { App, createAppRouter } from '@/app/app';
import './styles.css';

/** Written by the build-time pre-renderer (scripts/prerender.ts) on the root of a pre-rendered page. */
interface PrerenderMeta {
  path: string;
  lng: string;
  provider: string;
  ns: string[];
}

function prerendered(root: HTMLElement): PrerenderMeta | null {
  if (!root.firstChild || !root.dataset.prerender) return null;
  try {
    return JSON.parse(root.dataset.prerender) as PrerenderMeta;
  } catch {
    return null;
  }
}

async function start() {
  const root = document.getElementById('root');
  if (!root) throw new Error('No #root element');
  adoptProviderFromUrl(window.location.search);
  const language = detectLanguage(window.location.search);
  const meta = prerendered(root);
  // Hydrate only markup rendered for this very page, language and provider; otherwise render afresh.
  const hydrate = meta !== null && meta.path === window.location.pathname && meta.lng === language && meta.provider === currentProviderId();
  // Development and the demo: the simulated back office answers the API in the browser.
  // In a production build __MOCKING__ is false and this import is removed with all of MSW.
  const startMock = () => (__MOCKING__ ? import('@mocks/browser').then((m) => m.startMockBackOffice()) : Promise.resolve());
  if (hydrate) {
    // Pre-rendered markup is hydrated first; the (large) simulated back office loads once the page
    // is interactive, and API requests made before then wait for it rather than reach the network.
    let mockStarted: () => void = () => undefined;
    const mockReady = new Promise<void>((resolve) => (mockStarted = resolve));
    if (__MOCKING__) holdApiRequestsUntil(mockReady);
    const [router] = await Promise.all([createAppRouter(), initI18n(language).then(() => i18next.loadNamespaces(meta.ns))]);
    const afterHydration = () => void startMock().finally(mockStarted);
    hydrateRoot(
      root,
      <AfterCommit callback={afterHydration}>
        <App router={router} />
      </AfterCommit>,
    );
    return;
  }
  // The current page's route module loads alongside the translations and the back office, not after them.
  const [router] = await Promise.all([createAppRouter(), initI18n(language), startMock()]);
  root.replaceChildren();
  createRoot(root).render(<App router={router} />);
}

/** Calls back once, after React first commits its children (no DOM of its own, so hydration is unaffected). */
function AfterCommit({ callback, children }: { callback: () => void; children: ReactNode }) {
  useEffect(() => callback(), [callback]);
  return children;
}

/** Demo only: requests to the API made before the simulated back office is up wait for it. */
function holdApiRequestsUntil(ready: Promise<void>) {
  const original = window.fetch.bind(window);
  const api = new URL(import.meta.env.VITE_API_BASE_URL ?? '/api', window.location.href);
  window.fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input), window.location.href);
    const isApi = url.origin === api.origin && url.pathname.startsWith(api.pathname);
    return isApi ? ready.catch(() => undefined).then(() => original(input, init)) : original(input, init);
  };
  const restore = () => {
    window.fetch = original;
  };
  ready.then(restore, restore);
}

void start();
