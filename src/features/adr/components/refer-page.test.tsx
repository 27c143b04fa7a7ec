// @vitest-environment jsdom
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClientProvider } from '@tanstack/react-query';
import { http, HttpResponse } from 'msw';
import { Suspense } from 'react';
import { I18nextProvider } from 'react-i18next';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { callApi } from '@/api/client';
import { i18next, initI18n } from '@/lib/i18n';
import { createQueryClient } from '@/lib/query-client';
import { db, memoryPersistence } from '@mocks/db';
import { server } from '@mocks/node';
import { ReferPage } from './refer-page';

/**
 * The referral's confirmation takes the focus whichever comes first: the request's success, or the case read that
 * shows the referral. The mutation's own refetch of the case can be overtaken by another read (react-query then
 * settles the mutation before the case shows the referral), as one server browser run found (the heading shown,
 * never focused). Here the first read after the referral answers with the case as it was, so the referral reaches
 * the page only on the next read.
 */
const WEEK = 7 * 86_400_000;

beforeAll(async () => {
  await db.open(memoryPersistence());
  server.listen({ onUnhandledRequest: 'error' });
  await initI18n('en');
  await i18next.loadNamespaces(['adr', 'errors', 'cases']);
});
afterAll(() => server.close());
afterEach(() => server.resetHandlers());

let reference = '';
beforeEach(async () => {
  await callApi('demoReset');
  await callApi('demoSignIn', { body: { email: 'priya@harbourlane.example' } });
  const { cases } = await callApi('listCases', { query: { limit: 500 } });
  // The seeded case the server's browser test refers (e2e/server/flows.spec.ts).
  const open = cases.find((c) => c.kind === 'complaint' && c.summary === 'Early termination fee after moving');
  if (!open) throw new Error('the seeded case is missing');
  reference = open.reference;
  await callApi('setClock', { body: { now: new Date(Date.parse(open.firstComplainedAt) + 8 * WEEK).toISOString() } });
});

describe('Refer your complaint', () => {
  it('focuses the confirmation when the case shows the referral only after the request has succeeded', async () => {
    const before = await callApi('getCase', { params: { reference } });
    expect(before.case.referral).toBeNull();
    let referred = false;
    let staleReads = 0;
    server.use(
      http.post('*/api/cases/:reference/referral', () => {
        referred = true;
        return undefined; // on to the simulated back office
      }),
      http.get('*/api/cases/:reference', () => {
        if (!referred || staleReads > 0) return undefined;
        staleReads += 1;
        return HttpResponse.json(before);
      }),
    );
    const queryClient = createQueryClient();
    const router = createMemoryRouter([{ path: '/cases/:reference/refer', element: <ReferPage /> }], { initialEntries: [`/cases/${reference}/refer`] });
    render(
      <I18nextProvider i18n={i18next}>
        <QueryClientProvider client={queryClient}>
          <Suspense fallback={null}>
            <RouterProvider router={router} />
          </Suspense>
        </QueryClientProvider>
      </I18nextProvider>,
    );
    await userEvent.click(await screen.findByLabelText(/I have downloaded my pack and will send it to/));
    await userEvent.click(screen.getByRole('button', { name: 'Mark my complaint as referred' }));
    await screen.findByRole('heading', { level: 1, name: /^Refer your complaint to/ });
    await expect.poll(() => queryClient.getMutationCache().getAll().map((m) => m.state.status)).toEqual(['success']);
    expect(staleReads).toBe(1);
    expect(screen.queryByRole('heading', { level: 1, name: /^Referred to/ })).toBeNull();

    // The next read of the case (here, asked for as a window focus would) shows the referral.
    await queryClient.invalidateQueries({ queryKey: ['cases'] });
    const done = await screen.findByRole('heading', { level: 1, name: /^Referred to/ });
    expect(done).toHaveFocus();
  });
});
