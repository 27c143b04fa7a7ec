import { startTransition } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { detectLanguage, i18next, initI18n } from '@/lib/i18n';
import { adoptProviderFromUrl, currentProviderId } from '@/lib/provider';
import { App, createAppRouter } from '@/app/app';
import { demoBackOffice } from '@/lib/demo-back-office';
import { contract, staged } from '@/app/staged';
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
  // Development and the demo: the simulated back office answers the API in the browser, reading the
  // URL switches (?now=, ?mock=, ?seed=) of the address the app booted on.
  // In a production build __MOCKING__ is false and this import is removed with all of MSW.
  const bootSearch = window.location.search;
  // Staged like the form pages' libraries (src/app/staged.ts): MSW, then the back office itself.
  const startMock = () =>
    __MOCKING__ ? staged([...contract, () => import('msw/browser')], () => import('@mocks/browser'))().then((m) => m.startMockBackOffice(bootSearch)) : Promise.resolve();
  if (hydrate) {
    // Pre-rendered markup is hydrated first. Demo: the (large) simulated back office starts only when
    // the page first calls the API (decision 0043); until then nothing of it is loaded.
    if (__MOCKING__) {
      demoBackOffice.register(startMock);
      startOnFirstApiRequest();
      // The address asks the back office for something (?now=, ?mock=, ?seed=): do it now, not on this
      // page's first request, which may never come before the reader moves on.
      if (/[?&](now|mock|seed)=/.test(bootSearch)) void demoBackOffice.start();
    }
    const [router] = await Promise.all([createAppRouter(), initI18n(language).then(() => i18next.loadNamespaces(meta.ns))]);
    // A transition: React hydrates in slices and yields to the browser between them, so a tap or a
    // keystroke during hydration is not stuck behind one long task.
    startTransition(() => {
      hydrateRoot(root, <App router={router} />);
    });
    return;
  }
  // The current page's route module loads alongside the translations and the back office, not after them.
  // Demo: a route module may ask for its first screen's data while it loads (src/lib/first-screen.ts); those
  // requests wait for the simulated back office, as on a pre-rendered page.
  if (__MOCKING__) {
    demoBackOffice.register(startMock);
    startOnFirstApiRequest();
  }
  const [router] = await Promise.all([createAppRouter(), initI18n(language), __MOCKING__ ? demoBackOffice.start() : undefined]);
  root.replaceChildren();
  createRoot(root).render(<App router={router} />);
}

/**
 * Demo only: the first request to the API starts the simulated back office; that request and any made
 * while it starts wait for it, then go through it. Afterwards fetch is the browser's own again.
 */
function startOnFirstApiRequest() {
  const original = window.fetch.bind(window);
  const api = new URL(import.meta.env.VITE_API_BASE_URL ?? '/api', window.location.href);
  const ready = new Promise<void>((resolve) => {
    window.fetch = (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input), window.location.href);
      const isApi = url.origin === api.origin && url.pathname.startsWith(api.pathname);
      if (!isApi) return original(input, init);
      resolve(demoBackOffice.start());
      return ready.then(() => original(input, init));
    };
  });
  void ready.then(() => {
    window.fetch = original;
  });
}

void start();
