import { createBrowserRouter, type RouteObject } from 'react-router';
import { RootLayout } from './layout/root-layout';
import { RouteError } from './route-error';
import { contract, formLibraries, staged } from './staged';

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
      { path: 'organisation', lazy: staged(formLibraries, () => import('./routes/organisation')) },
      // The provider's staff workspace (docs/decisions/0130-staff-workspace.md): its own chunks, never in the customer's first bundle.
      { path: 'staff/*', lazy: staged(contract, () => import('./routes/staff')) },
      // The literal flag: a production build has no mailbox route and no chunk for it.
      ...(__MOCKING__ ? [{ path: 'dev/mailbox', lazy: () => import('./routes/dev-mailbox') }] : []),
      { path: '*', lazy: () => import('./routes/not-found') },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
