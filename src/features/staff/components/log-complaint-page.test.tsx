// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import i18next from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { getProfile } from '@/domain/profiles';
import enCases from '@locales/en/cases.json';
import enErrors from '@locales/en/errors.json';
import enStaff from '@locales/en/staff.json';
import enValidation from '@locales/en/validation.json';
import itCases from '@locales/it/cases.json';
import itErrors from '@locales/it/errors.json';
import itStaff from '@locales/it/staff.json';
import itValidation from '@locales/it/validation.json';
import { LogComplaintPage } from './log-complaint-page';

/**
 * A complaint logged by staff is checked by the form with the schema the back office checks it with: each message is
 * beside its field, in the reader's language, nothing is sent, and what was typed stays.
 */
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

async function renderIn(lng: 'en' | 'it') {
  const i18n = i18next.createInstance();
  await i18n.use(initReactI18next).init({
    lng,
    resources: {
      en: { cases: enCases, errors: enErrors, staff: enStaff, validation: enValidation },
      it: { cases: itCases, errors: itErrors, staff: itStaff, validation: itValidation },
    },
    react: { useSuspense: false },
  });
  render(
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={new QueryClient({ defaultOptions: { mutations: { retry: false } } })}>
        <MemoryRouter>
          <LogComplaintPage profile={getProfile('nasstar')} today="2026-12-18" />
        </MemoryRouter>
      </QueryClientProvider>
    </I18nextProvider>,
  );
  return i18n;
}

describe('logging a complaint for a customer (staff)', () => {
  for (const lng of ['en', 'it'] as const) {
    it(`shows each problem beside its field, in ${lng}, sends nothing and keeps what was typed`, async () => {
      const i18n = await renderIn(lng);
      const fetch = vi.spyOn(globalThis, 'fetch');
      const user = userEvent.setup();
      await user.type(screen.getByLabelText(i18n.t('staff:log.name')), 'Sam Taylor');
      await user.type(screen.getByLabelText(i18n.t('staff:log.email')), 'sam-at-example.com');
      await user.click(screen.getByRole('button', { name: i18n.t('staff:log.submit') }));

      const email = screen.getByLabelText(i18n.t('staff:log.email'));
      expect(email).toHaveAttribute('aria-invalid', 'true');
      expect(document.getElementById('log-email-error')).toHaveTextContent(i18n.t('validation:invalidEmail'));
      expect(email.getAttribute('aria-describedby')).toContain('log-email-error');
      // An empty summary is told beside the summary; a field given correctly is not marked.
      expect(document.getElementById('log-summary-error')).toHaveTextContent(i18n.t('validation:required'));
      expect(screen.getByLabelText(i18n.t('staff:log.name'))).not.toHaveAttribute('aria-invalid');
      // Above the form, each once, linked to its field; the summary takes the focus.
      const summary = screen.getByRole('alert');
      expect(summary).toHaveTextContent(i18n.t('validation:ui.summaryTitle'));
      expect(summary).toHaveFocus();
      expect(screen.getByRole('link', { name: `${i18n.t('staff:log.email')}: ${i18n.t('validation:invalidEmail')}` })).toHaveAttribute('href', '#log-email');
      // The day first made, asked for as a date, is told as one that is missing (not as a date and time).
      expect(document.getElementById('log-first-error')).toHaveTextContent(i18n.t('validation:required'));
      expect(document.getElementById('log-started-error')).toHaveTextContent(i18n.t('validation:required'));
      // In the form's order, one a field: the day first made comes first; the empty phone once, not also as invalid.
      const items = [...summary.querySelectorAll('li')].map((li) => li.textContent);
      expect(items[0]).toBe(`${i18n.t('staff:log.firstComplainedAt')}: ${i18n.t('validation:required')}`);
      expect(items.filter((x) => x?.startsWith(`${i18n.t('staff:log.phone')}:`))).toEqual([`${i18n.t('staff:log.phone')}: ${i18n.t('validation:required')}`]);
      expect(fetch).not.toHaveBeenCalled();
      expect(email).toHaveValue('sam-at-example.com');
      expect(screen.getByLabelText(i18n.t('staff:log.name'))).toHaveValue('Sam Taylor');
    });
  }
});
