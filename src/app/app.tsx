import { StrictMode, Suspense, useEffect, type ReactNode } from 'react';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { createBrowserRouter, matchRoutes, RouterProvider } from 'react-router';
import { queryClient as appQueryClient } from '@/lib/query-client-instance';
import { routes } from './router';

/**
 * The providers around every page. The browser (src/main.tsx) and the build-time pre-renderer
 * (src/entry-server.tsx) both render through this, so that their markup matches for hydration.
 */
export function AppShell({ client, children }: { client: QueryClient; children: ReactNode }) {
  return (
    <StrictMode>
      <QueryClientProvider client={client}>
        <Suspense fallback={null}>{children}</Suspense>
      </QueryClientProvider>
    </StrictMode>
  );
}

type BrowserRouter = ReturnType<typeof createBrowserRouter>;

const routeModuleKeys = ['Component', 'ErrorBoundary', 'HydrateFallback', 'loader', 'action', 'handle', 'shouldRevalidate', 'element', 'errorElement'] as const;

/**
 * Loads the lazy route modules that match the current address before the router is created, so the
 * first render (or hydration of pre-rendered HTML) has the page at once rather than after a second
 * round trip. Routes stay lazy for every other address.
 */
export async function createAppRouter(location: Pick<Location, 'pathname'> = window.location): Promise<BrowserRouter> {
  const matches = matchRoutes(routes, location.pathname) ?? [];
  await Promise.all(
    matches.map(async ({ route }) => {
      if (typeof route.lazy !== 'function') return;
      try {
        const module = (await route.lazy()) as Record<string, unknown>;
        const target = route as Record<string, unknown>;
        for (const key of routeModuleKeys) if (module[key] !== undefined) target[key] = module[key];
        delete route.lazy;
      } catch {
        // Leave it lazy: the router loads it (and shows the route's error page if that fails too).
      }
    }),
  );
  return createBrowserRouter(routes);
}

/** The app in the browser (src/main.tsx). */
export function App({ router }: { router: BrowserRouter }) {
  // Once the first render (or hydration) has committed, the app has taken the page over: say so on
  // <html data-app="started"> for tests and tools (e2e/fixtures.ts waits for it).
  useEffect(() => {
    document.documentElement.dataset.app = 'started';
  }, []);
  return (
    <AppShell client={appQueryClient}>
      <RouterProvider router={router} />
    </AppShell>
  );
}
