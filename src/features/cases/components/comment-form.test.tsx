// @vitest-environment jsdom
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import i18next from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { callApi } from '@/api/client';
import { scaledWriteLimits } from '@/core/http';
import { getProfile } from '@/domain/profiles';
import enCases from '@locales/en/cases.json';
import enErrors from '@locales/en/errors.json';
import enValidation from '@locales/en/validation.json';
import itCases from '@locales/it/cases.json';
import itErrors from '@locales/it/errors.json';
import itValidation from '@locales/it/validation.json';
import { db, memoryPersistence } from '@mocks/db';
import { simulatedWriteLimits } from '@mocks/handlers';
import { server } from '@mocks/node';
import { CommentForm } from './comment-form';

/**
 * Issue 20.4: past the comment limit the simulated back office answers 429 with Retry-After (the server's rule,
 * src/core/http/write-limits.ts, turned on here as a deployment has it but at one comment per client); the form
 * says, in the customer's language, how many minutes to wait, and keeps the words.
 */
beforeAll(async () => {
  await db.open(memoryPersistence());
  server.listen({ onUnhandledRequest: 'error' });
});
afterAll(() => {
  server.close();
});
beforeEach(async () => {
  await callApi('demoReset');
  await callApi('setClock', { body: { now: '2026-12-18T10:00:00.000Z' } });
  await callApi('demoSignIn', { body: { email: 'sam.taylor@example.com' } });
  simulatedWriteLimits.current = { ...scaledWriteLimits(1), comment: { perClient: 1, perIp: 100 } };
});
afterEach(() => {
  simulatedWriteLimits.current = null;
});

async function renderIn(lng: 'en' | 'it') {
  const i18n = i18next.createInstance();
  await i18n.use(initReactI18next).init({
    lng,
    resources: { en: { cases: enCases, errors: enErrors, validation: enValidation }, it: { cases: itCases, errors: itErrors, validation: itValidation } },
    react: { useSuspense: false },
  });
  const { cases } = await callApi('listCases', { query: { limit: 1 } });
  const reference = cases[0]!.reference;
  render(
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={new QueryClient({ defaultOptions: { mutations: { retry: false } } })}>
        <CommentForm reference={reference} profile={getProfile('nasstar')} />
      </QueryClientProvider>
    </I18nextProvider>,
  );
  return i18n;
}

describe('issue 20.4: too many comments', () => {
  it.each([
    ['en', /Too many tries in a short time\. Try again in 10 minutes\./],
    ['it', /Troppi tentativi in poco tempo\. Riprovi tra 10 minuti\./],
  ] as const)('%s: the form says how many minutes to wait and keeps what was typed', async (lng, wait) => {
    const i18n = await renderIn(lng);
    const box = screen.getByLabelText(i18n.t('cases:comment.label'));
    const send = screen.getByRole('button', { name: i18n.t('cases:comment.submit') });
    await userEvent.type(box, 'First comment');
    await userEvent.click(send);
    expect(await screen.findByText(i18n.t('cases:comment.added'))).toBeInTheDocument();

    await userEvent.type(box, 'One comment too many');
    await userEvent.click(send);
    expect(await screen.findByRole('alert')).toHaveTextContent(wait);
    expect(box).toHaveValue('One comment too many');
  });
});
