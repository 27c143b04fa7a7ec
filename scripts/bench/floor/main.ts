/**
 * The floor: an empty app that imports the portal's libraries the way the portal does
 * (React 19 + react-dom/client, react-router data router with lazy routes, TanStack Query,
 * i18next + react-i18next with a bundled namespace). It is built by `npm run bench` and
 * `npm run check:size` with the portal's own vite.config.ts; what it weighs is the least any
 * page of the portal can weigh. No JSX, so that tsconfig.node.json can type-check it.
 */
import { createElement as h, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, Outlet, RouterProvider } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';

function Layout() {
  const { t } = useTranslation();
  return h('main', null, h('h1', null, t('title')), h(Outlet));
}

const router = createBrowserRouter([
  {
    Component: Layout,
    children: [
      { index: true, lazy: () => import('./routes/home.ts') },
      { path: 'other', lazy: () => import('./routes/other.ts') },
    ],
  },
]);

const queryClient = new QueryClient();

async function start() {
  await i18next.use(initReactI18next).init({
    lng: 'en',
    resources: { en: { common: { title: 'Floor' } } },
    defaultNS: 'common',
    interpolation: { escapeValue: false },
  });
  createRoot(document.getElementById('root')!).render(
    h(StrictMode, null, h(QueryClientProvider, { client: queryClient }, h(Suspense, { fallback: null }, h(RouterProvider, { router })))),
  );
}

void start();
