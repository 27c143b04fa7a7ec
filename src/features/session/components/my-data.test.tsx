// @vitest-environment jsdom
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClientProvider } from '@tanstack/react-query';
import i18next from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { callApi } from '@/api/client';
import { createQueryClient } from '@/lib/query-client';
import enCases from '@locales/en/cases.json';
import enErrors from '@locales/en/errors.json';
import { db, memoryPersistence } from '@mocks/db';
import { server } from '@mocks/node';
import { MyData } from './my-data';

/**
 * "Download my data" (issue 20.15) through the session feature's mutation (useExportMyData): one request, the file
 * handed to the browser, the page says how many cases it holds — and the export itself is not kept in the query
 * client's memory.
 */

beforeAll(async () => {
  await db.open(memoryPersistence());
  server.listen({ onUnhandledRequest: 'error' });
});
afterAll(() => server.close());
beforeEach(async () => {
  await callApi('demoReset');
  await callApi('demoSignIn', { body: { email: 'sam.taylor@example.com' } });
});
afterEach(() => vi.restoreAllMocks());

describe('Download my data', () => {
  it('saves one JSON file of the caller’s cases and keeps only their number', async () => {
    const { cases } = await callApi('exportMyData');
    const saved: Blob[] = [];
    URL.createObjectURL = (blob: Blob) => (saved.push(blob), 'blob:my-data');
    URL.revokeObjectURL = () => undefined;
    const clicks: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this.download);
    });
    const i18n = i18next.createInstance();
    await i18n.use(initReactI18next).init({ lng: 'en', resources: { en: { cases: enCases, errors: enErrors } }, react: { useSuspense: false } });
    const queryClient = createQueryClient();
    render(
      <I18nextProvider i18n={i18n}>
        <QueryClientProvider client={queryClient}>
          <MyData />
        </QueryClientProvider>
      </I18nextProvider>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Download my data' }));
    expect(await screen.findByText(`Your file with ${cases.length} cases has been downloaded.`)).toBeInTheDocument();
    expect(clicks).toEqual([expect.stringMatching(/^redress-my-data-\d{4}-\d{2}-\d{2}\.json$/)]);
    const file = JSON.parse(await saved[0]!.text()) as { cases: unknown[] };
    expect(file.cases).toHaveLength(cases.length);
    expect(queryClient.getMutationCache().getAll().map((m) => m.state.data)).toEqual([cases.length]);
  });
});
