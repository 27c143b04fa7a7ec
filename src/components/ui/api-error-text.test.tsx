// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { renderHook } from '@testing-library/react';
import i18next from 'i18next';
import type { ReactNode } from 'react';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { ApiError } from '@/api/client';
import enErrors from '@locales/en/errors.json';
import itErrors from '@locales/it/errors.json';
import { useErrorText } from './api-error-text';

const problem = (status: number, code: string) => ({ type: 'about:blank', title: code, status, code });

async function errorTextIn(lng: 'en' | 'it') {
  const i18n = i18next.createInstance();
  await i18n.use(initReactI18next).init({ lng, resources: { en: { errors: enErrors }, it: { errors: itErrors } }, react: { useSuspense: false } });
  const wrapper = ({ children }: { children: ReactNode }) => <I18nextProvider i18n={i18n}>{children}</I18nextProvider>;
  return renderHook(() => useErrorText(), { wrapper }).result.current;
}

describe('issue 20.4: "too many tries — try again in N minutes"', () => {
  it('says how long to wait from Retry-After: minutes (rounded up), seconds under a minute, in each language', async () => {
    const en = await errorTextIn('en');
    const it_ = await errorTextIn('it');
    const limited = (seconds: number) => new ApiError(problem(429, 'tooManyRequests'), seconds);
    expect([540, 541, 60, 59, 1].map((s) => en(limited(s)))).toEqual([
      'Too many tries in a short time. Try again in 9 minutes.',
      'Too many tries in a short time. Try again in 10 minutes.',
      'Too many tries in a short time. Try again in 1 minute.',
      'Too many tries in a short time. Try again in 59 seconds.',
      'Too many tries in a short time. Try again in 1 second.',
    ]);
    expect([540, 60, 59, 1].map((s) => it_(limited(s)))).toEqual([
      'Troppi tentativi in poco tempo. Riprovi tra 9 minuti.',
      'Troppi tentativi in poco tempo. Riprovi tra 1 minuto.',
      'Troppi tentativi in poco tempo. Riprovi tra 59 secondi.',
      'Troppi tentativi in poco tempo. Riprovi tra 1 secondo.',
    ]);
  });

  it('control: a 429 with no Retry-After, and a 503 with one, keep their own message', async () => {
    const en = await errorTextIn('en');
    expect(en(new ApiError(problem(429, 'tooManyRequests')))).toBe(enErrors.tooManyRequests);
    expect(en(new ApiError(problem(503, 'serviceUnavailable'), 5))).toBe(enErrors.serviceUnavailable);
  });
});
