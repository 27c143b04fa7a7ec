// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { act, renderHook } from '@testing-library/react';
import i18next from 'i18next';
import type { ReactNode } from 'react';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { ApiError } from '@/api/client';
import { inviteStaffSchema } from '@/api/schemas';
import enValidation from '@locales/en/validation.json';
import { useFormErrors } from './form-errors';

/** The staff forms' problems (./form-errors.ts): checked before sending, or as the back office refused them. */
const i18n = i18next.createInstance();
await i18n.use(initReactI18next).init({ lng: 'en', resources: { en: { validation: enValidation } }, react: { useSuspense: false } });
const wrapper = ({ children }: { children: ReactNode }) => <I18nextProvider i18n={i18n}>{children}</I18nextProvider>;
const fields = { name: { id: 'staff-name', label: 'Name' }, email: { id: 'staff-email', label: 'Email' } };

describe('useFormErrors', () => {
  it('tells a refusal field by field, in the form’s order, one a field; one no field shows goes to the first field', () => {
    const refused = new ApiError({
      type: 'about:blank',
      title: 'Unprocessable',
      status: 422,
      code: 'validationFailed',
      errors: [
        { path: 'role', code: 'mystery' },
        { path: 'email', code: 'invalidEmail' },
        { path: 'name', code: 'required' },
        { path: 'email', code: 'required' },
      ],
    });
    const { result } = renderHook(() => useFormErrors(fields, refused), { wrapper });
    expect(result.current.byField).toBe(true);
    expect(result.current.errorOf('email')).toBe(enValidation.invalidEmail);
    expect(result.current.summary).toEqual([
      { fieldId: 'staff-name', message: `Name: ${enValidation.required}` },
      { fieldId: 'staff-email', message: `Email: ${enValidation.invalidEmail}` },
      { fieldId: 'staff-name', message: enValidation.invalid },
    ]);
  });

  it('checks with the schema before sending: null and the problems shown, or the input to send', () => {
    const { result } = renderHook(() => useFormErrors(fields, null), { wrapper });
    let sent: unknown;
    act(() => {
      sent = result.current.check(inviteStaffSchema, { name: '', email: 'x', role: 'agent', lng: 'en' });
    });
    expect(sent).toBeNull();
    expect(result.current.byField).toBe(false);
    expect(result.current.errorOf('name')).toBe(enValidation.required);
    expect(result.current.errorOf('email')).toBe(enValidation.invalidEmail);
    act(() => {
      sent = result.current.check(inviteStaffSchema, { name: 'Ali Khan', email: 'ali@example.com', role: 'agent', lng: 'en' });
    });
    expect(sent).toEqual({ name: 'Ali Khan', email: 'ali@example.com', role: 'agent', lng: 'en' });
    expect(result.current.summary).toEqual([]);
  });
});
