import { createBrowserRouter, type RouteObject } from 'react-router';
import { RootLayout } from './layout/root-layout';
import { RouteError } from './route-error';

/** Lets the browser paint and handle input between two pieces of start-up work. */
const yieldToBrowser = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The large shared libraries of the form and case pages (phone numbers, zod and the API contract built with it, forms),
 * evaluated one task each before the route module itself. Loading a page evaluates its whole module
 * graph in one go; staged like this, no single task blocks the main thread for long (issue 6: Total
 * Blocking Time on a slow phone). They download in parallel either way.
 */
const contract = [() => import('libphonenumber-js/min'), () => import('@/domain/zod'), () => import('@/api/schemas')];
const formLibraries = [...contract, () => import('react-hook-form')];
function staged<T>(first: (() => Promise<unknown>)[], route: () => Promise<T>): () => Promise<T> {
  return async () => {
    for (const load of first) {
      await load();
      await yieldToBrowser();
    }
    return route();
  };
}

/** Every route is its own chunk; the shell (header, footer, language switch) stays on every page. */
export const routes: RouteObject[] = [
  {
    element: <RootLayout />,
    errorElement: (
      <RootLayout>
        <RouteError />
      </RootLayout>
    ),
    children: [
      { index: true, lazy: () => import('./routes/home') },
      { path: 'complaints/new/:step?', lazy: staged(formLibraries, () => import('./routes/complaint')) },
      { path: 'complaints/confirmation/:reference', lazy: () => import('./routes/confirmation') },
      { path: 'sign-in', lazy: staged(formLibraries, () => import('./routes/sign-in')) },
      { path: 'track', lazy: staged(formLibraries, () => import('./routes/track')) },
      { path: 'cases', lazy: staged(contract, () => import('./routes/cases')) },
      { path: 'cases/:reference', lazy: staged(formLibraries, () => import('./routes/case')) },
      { path: 'cases/:reference/escalate', lazy: () => import('./routes/escalate') },
      { path: 'cases/:reference/letters/:letterId', lazy: () => import('./routes/letter') },
      { path: 'cases/:reference/refer', lazy: () => import('./routes/refer') },
      { path: '*', lazy: () => import('./routes/not-found') },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
